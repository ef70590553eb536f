import EnergyManagement
import StationCore
import Testing

@Suite struct FailSafeTests {
    static let mixedSockets = [
        Station.car(1),
        SocketDemand(id: 2, phases: 3, maxCurrent: 32, state: .connected, measuredPower: 0),
        SocketDemand(id: 3, phases: 1, maxCurrent: 16, state: .idle, measuredPower: 0),
        SocketDemand(id: 4, phases: 3, maxCurrent: 32, state: .unavailable, measuredPower: 0),
        Station.car(5, max: 8, drawing: 8),
    ]

    @Test func staleGridMeterDropsSocketsToSafeCurrent() {
        var station = Station(sockets: Self.mixedSockets, battery: Station.battery(soc: 60))
        station.gridQuality = .stale
        station.settings.safeCurrent = 10
        let decision = station.decide()
        #expect(decision.socketLimits == [1: 10, 2: 10, 3: 10, 4: 0, 5: 8])
        #expect(decision.batteryPower == .zero)
        #expect(decision.mode == .failSafeGridMeter)
        #expect(decision.reasons.first == DecisionReason(.gridMeterStale, "grid meter data stale: sockets at safe current 10 A, battery idle"))
    }

    @Test func failedOrMissingGridReadingIsFailSafeToo() {
        var station = Station(sockets: Self.mixedSockets, battery: Station.battery(soc: 60))
        station.gridQuality = .failed
        #expect(station.decide().mode == .failSafeGridMeter)
        #expect(station.decide().has(.gridMeterFailed))
        station.gridQuality = .fresh
        var inputs = station.inputs
        inputs.gridPower = nil
        var manager = EnergyManager()
        let decision = manager.decide(inputs)
        #expect(decision.mode == .failSafeGridMeter)
        #expect(decision.socketLimits[1] == 6)
        #expect(decision.batteryPower == .zero)
    }

    @Test func staleOrFailedGridAlwaysGivesExactlySafeCurrentAndIdleBattery() {
        var violations = Violations()
        for seed in 0..<SteadyStatePropertyTests.cases {
            var generator = SituationGenerator(seed: seed)
            var station = generator.station()
            station.gridQuality = generator.random.pick([.stale, .failed])
            let decision = station.decide()
            violations.check(decision.batteryPower == .zero, seed, "battery \(decision.batteryPower) in fail safe")
            violations.check(decision.mode == .failSafeGridMeter, seed, "mode \(decision.mode)")
            for socket in station.sockets {
                let safe = min(station.settings.safeCurrent, socket.maxCurrent)
                let expected = socket.state == .unavailable || safe < station.settings.minimumCurrent ? .zero : safe
                violations.check(decision.socketLimits[socket.id] == expected, seed,
                                 "socket \(socket.id) \(socket.state) got \(String(describing: decision.socketLimits[socket.id])), expected \(expected)")
            }
        }
        #expect(violations.found.isEmpty, "\(violations.summary)")
    }

    @Test func failSafeStartsTheCycleQualityDropsAndEndsTheFirstFreshCycle() {
        var violations = Violations()
        for seed in 0..<UInt64(200) {
            var generator = SituationGenerator(seed: seed)
            var station = generator.station()
            var manager = EnergyManager()
            for cycle in 0..<15 {
                station.gridQuality = generator.random.pick([.fresh, .fresh, .stale, .failed])
                let decision = manager.decide(station.inputs)
                let failSafe = decision.mode == .failSafeGridMeter
                violations.check(failSafe == (station.gridQuality != .fresh), seed,
                                 "cycle \(cycle): quality \(station.gridQuality) but mode \(decision.mode)")
                station.previous = decision
            }
        }
        #expect(violations.found.isEmpty, "\(violations.summary)")
    }

    @Test func staleBatteryIsIdledWhileSocketsStayUnderTheCap() {
        var battery = Station.battery(soc: 80, quality: .stale)
        battery.power = 4_000
        let station = Station(
            baseLoad: 8_000, sockets: [Station.car(1), Station.car(2)], battery: battery, gridCap: 22_000)
        let decision = station.decide()
        #expect(decision.batteryPower == .zero)
        #expect(decision.mode == .failSafeBattery)
        #expect(decision.has(.batteryStale))
        // Without the battery's 4 kW the sockets share 22 kW − 0.3 kW − 8 kW, counted conservatively.
        #expect(station.predictedImport(decision) <= 21_700)
        #expect(decision.socketLimits[1] == decision.socketLimits[2])
        #expect(decision.socketLimits[1]! > 6)
    }

    @Test func untrustedBatteryIsAlwaysIdleAndNeverCountedOn() {
        var violations = Violations()
        for seed in 0..<SteadyStatePropertyTests.cases {
            var generator = SituationGenerator(seed: seed)
            var station = generator.station()
            guard station.battery != nil else { continue }
            station.battery?.quality = generator.random.pick([.stale, .failed])
            let decision = station.decide()
            violations.check(decision.batteryPower == .zero, seed, "battery \(decision.batteryPower)")
            violations.check(decision.mode == .failSafeBattery, seed, "mode \(decision.mode)")
            // Whatever the battery really did, once it idles as told the sockets alone must fit.
            let imported = station.predictedImport(decision).value
            if station.baseLoad.value <= station.gridCap.value - station.settings.headroom.value {
                violations.check(imported <= station.gridCap.value - station.settings.headroom.value + 1e-6, seed, "import \(imported)")
            }
        }
        #expect(violations.found.isEmpty, "\(violations.summary)")
    }

    @Test func batteryRecoversTheFirstFreshCycle() {
        var station = Station(baseLoad: 8_000, sockets: [Station.car(1), Station.car(2)], battery: Station.battery(soc: 60, quality: .failed))
        var manager = EnergyManager()
        let failed = manager.decide(station.inputs)
        #expect(failed.mode == .failSafeBattery && failed.batteryPower == .zero)
        station.battery?.quality = .fresh
        station.previous = failed
        let recovered = manager.decide(station.inputs)
        #expect(recovered.mode == .peakShaving)
        #expect(recovered.batteryPower > .zero)
    }
}
