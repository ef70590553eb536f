import EnergyManagement
import StationCore
import Testing

/// With reading times, the manager combines readings only when coherent and holds steps that raise import.
@Suite struct StepSequencingTests {
    /// One car on a 22 kW socket, base load 5 kW, no battery; readings as the plant shows them at `readAt`.
    struct Plant {
        var manager = EnergyManager()
        var previous: SetpointDecision?
        var baseLoad: Watts = 5_000
        var cap: Watts = 22_000

        /// The socket's meter shows `current`; the grid meter shows the car drawing `meterShows` (default the same).
        mutating func decide(
            at seconds: Double, carDrawing current: Amperes, meterShows: Amperes? = nil, readAt: Double
        ) -> SetpointDecision {
            let draw = Watts(current: current, phases: 3, voltage: 230)
            let seen = Watts(current: meterShows ?? current, phases: 3, voltage: 230)
            let read = Duration.milliseconds(Int(readAt * 1000))
            let socket = SocketDemand(
                id: 1, phases: 3, maxCurrent: 32, state: .charging, measuredPower: draw, measuredAt: read)
            let inputs = EnergyInputs(
                time: Schedules.midnight, gridPower: baseLoad + seen, gridQuality: .fresh, sockets: [socket],
                battery: nil, schedule: .empty, gridCap: cap, settings: EnergySettings(), previous: previous,
                uptime: .milliseconds(Int(seconds * 1000)), gridReadAt: read)
            let decision = manager.decide(inputs)
            previous = decision
            return decision
        }
    }

    @Test func aLowerLimitGoesOutAtOnceAndARaiseWaitsUntilTheMeterShowsTheStepSettled() {
        var plant = Plant()
        let first = plant.decide(at: 0, carDrawing: 0, readAt: 0)
        let full = first.socketLimits[1]!
        #expect(abs(full.value - 16_700 / 690) < 0.01, "cap − headroom − base load, all to the one car")

        plant.cap = 15_000
        let lower = plant.decide(at: 10, carDrawing: full, readAt: 9.9)
        #expect(lower.socketLimits[1]! < full, "a lower cap is obeyed in the same cycle")
        #expect(!lower.has(.stepHeld))

        // The cap returns before the EV has followed the lower limit: the meter still shows the old draw.
        plant.cap = 22_000
        let held = plant.decide(at: 11, carDrawing: full, readAt: 10.9)
        #expect(held.socketLimits[1] == lower.socketLimits[1], "no raise while the last step settles")
        #expect(held.has(.stepHeld))

        // 5 s (the EV's response time) + 1 s (the meter's lag) after the step, a reading shows it settled.
        let raised = plant.decide(at: 17, carDrawing: lower.socketLimits[1]!, readAt: 16.5)
        #expect(abs(raised.socketLimits[1]!.value - full.value) < 0.01)
        #expect(!raised.has(.stepHeld))
    }

    @Test func aReadingFromBeforeTheStepSettledIsNotTakenAsBaseLoad() {
        var plant = Plant()
        let first = plant.decide(at: 0, carDrawing: 0, readAt: 0)
        plant.cap = 15_000
        let lower = plant.decide(at: 10, carDrawing: first.socketLimits[1]!, readAt: 9.9)
        // The socket's meter already shows the lower current, the grid meter still the higher one: taken
        // together they would say the base load rose by the step, and the manager would cut again.
        let next = plant.decide(at: 11, carDrawing: lower.socketLimits[1]!, meterShows: first.socketLimits[1]!, readAt: 10.9)
        #expect(next.socketLimits[1] == lower.socketLimits[1], "no second cut from an incoherent reading")
        #expect(abs((plant.manager.estimatedBaseLoad?.value ?? 0) - 5_000) < 1)
    }

    @Test func leavingFailSafeRaisesTheBatteryFirstAndTheSocketsOnceItHasSettled() {
        var manager = EnergyManager()
        let settings = EnergySettings()
        func inputs(at seconds: Int, quality: ReadingQuality, battery power: Watts, previous: SetpointDecision?) -> EnergyInputs {
            let socket = SocketDemand(
                id: 1, phases: 3, maxCurrent: 32, state: .charging, measuredPower: 4_140, measuredAt: .seconds(seconds))
            let battery = BatteryState(
                soc: 60, capacity: 20_000, maxChargePower: 10_000, maxDischargePower: 10_000, power: power,
                measuredAt: .seconds(seconds))
            return EnergyInputs(
                time: Schedules.midnight, gridPower: 12_000 + 8_280 - power, gridQuality: quality, sockets: [socket, SocketDemand(
                    id: 2, phases: 3, maxCurrent: 32, state: .charging, measuredPower: 4_140, measuredAt: .seconds(seconds))],
                battery: battery, schedule: .empty, gridCap: 22_000, settings: settings, previous: previous,
                uptime: .seconds(seconds), gridReadAt: .seconds(seconds))
        }
        let safe = manager.decide(inputs(at: 0, quality: .failed, battery: 0, previous: nil))
        #expect(safe.mode == .failSafeGridMeter)
        let back = manager.decide(inputs(at: 20, quality: .fresh, battery: 0, previous: safe))
        #expect(back.batteryPower > .zero, "the battery shaves at once")
        #expect(back.socketLimits == safe.socketLimits, "the sockets wait for the battery's step")
        #expect(back.has(.stepHeld))
        let waiting = manager.decide(inputs(at: 21, quality: .fresh, battery: back.batteryPower, previous: back))
        #expect(waiting.socketLimits == safe.socketLimits, "2 s battery response + 1 s meter lag not yet over")
        let after = manager.decide(inputs(at: 24, quality: .fresh, battery: back.batteryPower, previous: waiting))
        #expect(after.socketLimits[1]! > safe.socketLimits[1]!)
    }

    @Test func aDischargingBatteryKeepsItsPowerInFailSafeUntilTheSocketsHaveComeDown() {
        var manager = EnergyManager()
        let settings = EnergySettings()
        let discharging = SetpointDecision(socketLimits: [1: 20], batteryPower: 8_000, mode: .peakShaving, reasons: [])
        func decide(at seconds: Int, previous: SetpointDecision) -> SetpointDecision {
            let socket = SocketDemand(id: 1, phases: 3, maxCurrent: 32, state: .charging, measuredPower: 13_800)
            let battery = BatteryState(
                soc: 60, capacity: 20_000, maxChargePower: 10_000, maxDischargePower: 10_000, power: 8_000)
            return manager.decide(
                EnergyInputs(
                    time: Schedules.midnight, gridPower: nil, gridQuality: .failed, sockets: [socket], battery: battery,
                    schedule: .empty, gridCap: 22_000, settings: settings, previous: previous, uptime: .seconds(seconds)))
        }
        let first = decide(at: 100, previous: discharging)
        #expect(first.socketLimits[1] == 6)
        #expect(first.batteryPower == 8_000)
        let later = decide(at: 104, previous: first)
        #expect(later.batteryPower == 8_000)
        let done = decide(at: 105, previous: later)
        #expect(done.batteryPower == .zero, "idle once the EVs have had their 5 s")
    }
}
