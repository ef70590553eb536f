import EnergyManagement
import StationCore
import Testing

/// The worked example: cap 22 kW, headroom 0.3 kW, base load 8 kW, two cars wanting 16 A on 3 phases
/// (11.04 kW each). Import without help would be 30.08 kW, 8.38 kW over the 21.7 kW line.
@Suite struct PeakShavingTests {
    static func station(battery: BatteryState?, cap: Watts = 22_000) -> Station {
        Station(baseLoad: 8_000, sockets: [Station.car(1), Station.car(2)], battery: battery, gridCap: cap)
    }

    @Test func batteryShavesThePeakSoSocketsKeepFullCurrent() {
        let station = Self.station(battery: Station.battery(soc: 60))
        let decision = station.decide()
        #expect(decision.socketLimits == [1: 16, 2: 16])
        #expect(abs(decision.batteryPower.value - 8_380) < 1e-6)
        #expect(decision.mode == .peakShaving)
        #expect(abs(station.predictedImport(decision).value - 21_700) < 1e-6)
        #expect(decision.reasons == [DecisionReason(.peakShaving, "battery discharging 8.4 kW to keep grid import under cap 22 kW")])
    }

    @Test func peakShavingMayUseTheReserveDownToTheMinimum() {
        let station = Self.station(battery: Station.battery(soc: 15))
        let decision = station.decide()
        #expect(decision.socketLimits == [1: 16, 2: 16])
        #expect(decision.batteryPower > .zero)
    }

    @Test func emptyBatteryLeavesSocketsCurtailedToEqualShares() {
        let station = Self.station(battery: Station.battery(soc: 10))
        let decision = station.decide()
        let share = 13_700.0 / (2 * 3 * 230)
        #expect(decision.batteryPower == .zero)
        #expect(abs(decision.socketLimits[1]!.value - share) < 1e-9)
        #expect(decision.socketLimits[1] == decision.socketLimits[2])
        #expect(decision.mode == .curtailing)
        #expect(decision.has(.socBound))
        #expect(decision.reasons.contains(DecisionReason(.curtailed, "sockets curtailed to 9.9 A each: cap 22 kW, base load 8 kW")))
    }

    @Test func aSmallBatteryShavesWhatItCanAndSocketsShareTheRest() {
        var battery = Station.battery(soc: 60)
        battery.maxDischargePower = 5_000
        let station = Self.station(battery: battery)
        let decision = station.decide()
        #expect(decision.batteryPower == 5_000)
        #expect(abs(decision.socketLimits[1]!.value - 18_700.0 / 1_380) < 1e-9)
        #expect(decision.mode == .curtailing)
        #expect(decision.has(.peakShaving) && decision.has(.curtailed))
        #expect(abs(station.predictedImport(decision).value - 21_700) < 1e-6)
    }

    @Test func tinyCapPausesSocketsRatherThanGoingBelowSixAmperes() {
        // 13 kW − 0.3 kW − 8 kW leaves 4.7 kW: one car at 6.8 A, not two at 3.4 A.
        let station = Self.station(battery: nil, cap: 13_000)
        let decision = station.decide()
        #expect(decision.socketLimits[2] == .zero)
        #expect(abs(decision.socketLimits[1]!.value - 4_700.0 / 690) < 1e-9)
        #expect(decision.has(.socketsPaused))
        #expect(decision.mode == .curtailing)
    }

    @Test func capBelowBaseLoadPausesEverySocket() {
        let decision = Self.station(battery: nil, cap: 8_000).decide()
        #expect(decision.socketLimits == [1: 0, 2: 0])
    }

    @Test func theSocketPausedLastCycleStaysPaused() {
        var station = Self.station(battery: nil, cap: 13_000)
        station.previous = SetpointDecision(socketLimits: [1: 0, 2: 6.8], batteryPower: 0, mode: .curtailing, reasons: [])
        station.sockets[0].measuredPower = 0
        station.sockets[1].measuredPower = Watts(current: 6.8, phases: 3, voltage: 230)
        let decision = station.decide()
        #expect(decision.socketLimits[1] == .zero)
        #expect(decision.socketLimits[2]! >= 6)
    }

    @Test func waterFillingGivesASmallSocketItsMaximumAndSharesTheRest() {
        var station = Station(baseLoad: 0, sockets: [Station.car(1), Station.car(2), Station.car(3, max: 8, drawing: 8)])
        station.gridCap = 20_300
        // 20 kW over 9 phases is 9.66 A each; socket 3 takes only 8 A, so 1 and 2 share 20 kW − 5.52 kW.
        let decision = station.decide()
        #expect(decision.socketLimits[3] == 8)
        let share = (20_000.0 - 8 * 690) / 1_380
        #expect(abs(decision.socketLimits[1]!.value - share) < 1e-9)
        #expect(decision.socketLimits[1] == decision.socketLimits[2])
    }

    @Test func socketsWithoutAMeterReadingAreCountedAtTheirPreviousLimit() {
        var station = Self.station(battery: nil, cap: 30_500)
        station.sockets[0].measuredPower = nil
        station.previous = SetpointDecision(socketLimits: [1: 16, 2: 16], batteryPower: 0, mode: .normal, reasons: [])
        var inputs = station.inputs
        inputs.gridPower = Watts(8_000 + 2 * 11_040)
        var manager = EnergyManager()
        let decision = manager.decide(inputs)
        #expect(decision.socketLimits == [1: 16, 2: 16])
        #expect(station.predictedImport(decision) <= 30_200)
    }
}
