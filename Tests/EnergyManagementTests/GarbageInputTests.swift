import EnergyManagement
import Foundation
import StationCore
import StationTesting
import Testing

@Suite struct GarbageInputTests {
    @Test func numbersThatAreNotNumbersLeadToSafeSetpoints() {
        var station = Station(baseLoad: 8_000, sockets: [Station.car(1), Station.car(2)], battery: Station.battery(soc: StateOfCharge(.nan)))
        station.sockets[1].maxCurrent = -16
        station.sockets[0].requestedCurrent = Amperes(.nan)
        station.settings.headroom = Watts(.nan)
        let decision = station.decide()
        #expect(decision.batteryPower == .zero)
        #expect(decision.mode == .failSafeBattery)
        #expect(decision.socketLimits[2] == .zero)
        // Headroom taken as 0, socket 2 ineligible, the request ignored: socket 1 takes 22 kW − 8 kW.
        #expect(abs(decision.socketLimits[1]!.value - 14_000.0 / 690) < 1e-9)

        var inputs = station.inputs
        inputs.gridPower = Watts(.nan)
        var manager = EnergyManager()
        let failSafe = manager.decide(inputs)
        #expect(failSafe.mode == .failSafeGridMeter)
        #expect(failSafe.socketLimits == [1: 6, 2: 0])

        inputs = station.inputs
        inputs.gridCap = Watts(.infinity)
        #expect(manager.decide(inputs).has(.invalidGridCap))
    }

    @Test func garbageNeverYieldsNonFiniteOrOutOfRangeSetpoints() {
        var violations = Violations()
        let garbage: [Double] = [.nan, .infinity, -.infinity, -1, 0, 1e12]
        for seed in 0..<UInt64(1_000) {
            var generator = SituationGenerator(seed: seed)
            var station = generator.station()
            var random = SplitMix64(seed: seed ^ 0xDEAD_BEEF)
            if random.chance(0.3) { station.baseLoad = Watts(random.pick(garbage)) }
            if random.chance(0.3) { station.gridCap = Watts(random.pick(garbage)) }
            if random.chance(0.2) { station.settings.voltage = Volts(random.pick(garbage)) }
            if random.chance(0.2) { station.settings.minimumCurrent = Amperes(random.pick(garbage)) }
            if random.chance(0.2) { station.settings.roundTripEfficiency = random.pick(garbage) }
            if random.chance(0.2) { station.settings.socMinimumPercent = random.pick(garbage) }
            if random.chance(0.2) { station.settings.socketRampPerCycle = Amperes(random.pick(garbage)) }
            if random.chance(0.2) { station.settings.batteryRampPerCycle = Watts(random.pick(garbage)) }
            if random.chance(0.2) { station.battery?.capacity = WattHours(random.pick(garbage)) }
            if random.chance(0.2) { station.battery?.maxDischargePower = Watts(random.pick(garbage)) }
            if random.chance(0.2) { station.battery?.power = Watts(random.pick(garbage)) }
            for index in station.sockets.indices where random.chance(0.2) {
                station.sockets[index].maxCurrent = Amperes(random.pick(garbage))
                station.sockets[index].measuredPower = Watts(random.pick(garbage))
                station.sockets[index].phases = random.pick([-1, 0, 1, 3])
            }
            let decision = station.decide()
            violations.check(decision.batteryPower.value.isFinite, seed, "battery \(decision.batteryPower)")
            for socket in station.sockets {
                let limit = decision.socketLimits[socket.id]?.value ?? .nan
                violations.check(limit.isFinite && limit >= 0, seed, "socket \(socket.id) got \(limit)")
                violations.check(limit == 0 || limit <= socket.maxCurrent.value, seed, "socket \(socket.id) over its maximum")
            }
        }
        #expect(violations.found.isEmpty, "\(violations.summary)")
    }

    @Test func aRepeatedSocketIdCountsOnce() {
        let station = Station(sockets: [Station.car(1), Station.car(1, drawing: 10)])
        #expect(station.decide().socketLimits == [1: 16])
    }
}
