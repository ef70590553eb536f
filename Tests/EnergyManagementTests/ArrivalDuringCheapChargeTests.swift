import EnergyManagement
import StationCore
import Testing

/// A car that arrives while the battery charges in a cheap slot gets current within the settle time: the
/// battery's charge is cut for it at once, and nothing but that step is waited for.
///
/// The demo station's shape (see firmware-config/stations/demo.yaml): 22 kW cap, 3 kW base load, a battery
/// that charges 10 kW in the cheap night, a car of 16 A × 3 on a 32 A socket; the battery follows in 2 s and
/// the meter shows the import of up to 1.2 s before.
@Suite struct ArrivalDuringCheapChargeTests {
    static let timing = LoopTiming(
        evseDelay: 1_000, batteryDelay: 2_000, meterInterval: 1_000, controlPeriod: 1_000, devicePollPhase: 0,
        meterPollPhase: 0)

    static func station() -> ClosedLoopStation {
        var station = ClosedLoopStation(timing: timing, seed: 11)
        station.baseLoad = 3_000
        station.carPresent = [1: false, 2: false]
        station.carMaxCurrent = 16
        station.schedule = Schedules.nightAndEvening()
        station.startTime = Schedules.midnight
        return station
    }

    /// The wait a raise may need after the battery's step: its response time and the meter's lag, rounded up
    /// to the next control cycle.
    static func settleTime(_ station: ClosedLoopStation) -> Int {
        let settings = station.settings
        let wait = settings.batteryResponseTime + settings.meterLag
        let ms = Int(wait.components.seconds * 1_000) + Int(wait.components.attoseconds / 1_000_000_000_000_000)
        return (ms / timing.controlPeriod + 1) * timing.controlPeriod
    }

    /// When socket 1 was first offered at least the minimum current, at or after `from`.
    static func firstOffer(_ station: ClosedLoopStation, from: Int) -> Int? {
        station.decisions.first { $0.at >= from && ($0.decision.socketLimits[1] ?? .zero) >= 6 }?.at
    }

    /// The failure of the uplink interop test after midnight: stationd starts in fail-safe (every socket at the
    /// safe current, empty ones too), the car arrives 2 s after the meter's first reading. The empty sockets'
    /// way from 6 A down to 0 A changed nothing at the meter but counted as a step to settle (6.2 s), and then
    /// the battery's cut for the car as a second one: the car waited 9 s for its first ampere.
    @Test func aCarArrivingJustAfterFailSafeIsOfferedCurrentWithinTheBatterysSettleTime() {
        var station = Self.station()
        station.meterOut = true
        let arrival = 3_000
        station.run(until: 16_000, events: [(1_000, .meterReturns), (arrival, .carArrives(1))])

        let before = station.decisions.first { $0.at == 2_000 }?.decision
        #expect(before?.has(.cheapSlot) == true, "the battery is meant to charge: a cheap slot in the plan")
        let atArrival = station.decisions.first { $0.at == arrival }?.decision
        #expect((atArrival?.batteryPower ?? -1) >= .zero, "the battery does not charge against the arriving car")
        let offered = Self.firstOffer(station, from: arrival)
        #expect(offered != nil)
        #expect((offered ?? .max) <= arrival + Self.settleTime(station), "first offer at \(offered ?? -1) ms")
        #expect(station.importSeries.allSatisfy { $0 <= station.gridCap }, "the controller's own steps keep the cap")
    }

    /// The same arrival in the steady state, the battery charging for a while already.
    @Test func aCarArrivingWhileTheBatteryChargesIsOfferedCurrentWithinTheBatterysSettleTime() {
        var station = Self.station()
        let arrival = 30_000
        station.run(until: 45_000, events: [(arrival, .carArrives(1))])

        let charging = station.decisions.first { $0.at == arrival - 1_000 }?.decision
        #expect((charging?.batteryPower ?? .zero) < -9_000, "the battery charges before the car comes")
        let atArrival = station.decisions.first { $0.at == arrival }?.decision
        #expect((atArrival?.batteryPower ?? -1) >= .zero, "the battery's charge is cut for the car at once")
        let offered = Self.firstOffer(station, from: arrival)
        #expect(offered != nil)
        #expect((offered ?? .max) <= arrival + Self.settleTime(station), "first offer at \(offered ?? -1) ms")
        #expect(station.importSeries.allSatisfy { $0 <= station.gridCap }, "the controller's own steps keep the cap")
    }
}
