import EnergyManagement
import StationCore
import Testing

/// Properties that hold in every generated situation with fresh data.
@Suite struct SteadyStatePropertyTests {
    static let cases: UInt64 = 2_500
    static let tolerance = 1e-6

    @Test func gridImportStaysUnderTheCapWheneverTheCapCanBeMet() {
        var violations = Violations()
        for seed in 0..<Self.cases {
            var generator = SituationGenerator(seed: seed)
            let station = generator.station()
            let decision = station.decide()
            let imported = station.predictedImport(decision).value
            let cap = station.gridCap.value
            let headroom = station.settings.headroom.value
            let help = Self.mostDischarge(station)
            if station.baseLoad.value - help <= cap - headroom {
                violations.check(imported <= cap - headroom + Self.tolerance, seed, "import \(imported) over cap \(cap) − headroom \(headroom)")
            }
            if station.baseLoad.value - help <= cap {
                violations.check(imported <= cap + Self.tolerance, seed, "import \(imported) over cap \(cap)")
            }
            if imported > cap - headroom + Self.tolerance {
                violations.check(decision.socketLimits.values.allSatisfy { $0 == .zero }, seed, "over the cap with sockets still charging")
            }
        }
        #expect(violations.found.isEmpty, "\(violations.summary)")
    }

    @Test func everySocketLimitIsPausedOrBetweenMinimumAndItsMaximum() {
        var violations = Violations()
        for seed in 0..<Self.cases {
            var generator = SituationGenerator(seed: seed)
            let station = generator.station()
            let decision = station.decide()
            violations.check(decision.socketLimits.count == station.sockets.count, seed, "a socket without a limit")
            for socket in station.sockets {
                let limit = decision.socketLimits[socket.id]?.value ?? .nan
                let minimum = station.settings.minimumCurrent.value
                let demand = socket.demand(minimum: station.settings.minimumCurrent).value
                violations.check(
                    limit == 0 || (limit >= minimum - Self.tolerance && limit <= demand + Self.tolerance), seed,
                    "socket \(socket.id) (\(socket.state), max \(socket.maxCurrent)) got \(limit) A")
            }
        }
        #expect(violations.found.isEmpty, "\(violations.summary)")
    }

    @Test func unsaturatedSocketsShareCurrentEqually() {
        var violations = Violations()
        var curtailedCases = 0
        for seed in 0..<Self.cases {
            var generator = SituationGenerator(seed: seed)
            let station = generator.station()
            let decision = station.decide()
            let minimum = station.settings.minimumCurrent
            let unsaturated = station.sockets.compactMap { socket -> Double? in
                let limit = decision.socketLimits[socket.id] ?? .zero
                return limit > .zero && limit.value < socket.demand(minimum: minimum).value - 0.01 ? limit.value : nil
            }
            if let low = unsaturated.min(), let high = unsaturated.max() {
                curtailedCases += 1
                violations.check(high - low <= 0.01, seed, "unsaturated shares differ: \(unsaturated)")
                let saturated = station.sockets.filter {
                    let limit = decision.socketLimits[$0.id] ?? .zero
                    return limit > .zero && !unsaturated.contains(limit.value)
                }
                for socket in saturated {
                    violations.check((decision.socketLimits[socket.id] ?? .zero).value <= high + 0.01, seed,
                                     "socket \(socket.id) at its demand above the shared level \(high)")
                }
            }
        }
        #expect(violations.found.isEmpty, "\(violations.summary)")
        #expect(curtailedCases > 100, "the generator should produce curtailment, got \(curtailedCases)")
    }

    @Test func batteryStaysWithinInverterLimitsAndSoCBounds() {
        var violations = Violations()
        for seed in 0..<Self.cases {
            var generator = SituationGenerator(seed: seed)
            let station = generator.station()
            let decision = station.decide()
            let power = decision.batteryPower.value
            guard let battery = station.battery else {
                violations.check(power == 0, seed, "no battery but setpoint \(power)")
                continue
            }
            let settings = station.settings
            violations.check(power <= battery.maxDischargePower.value + Self.tolerance, seed, "discharge \(power) over inverter limit")
            violations.check(-power <= battery.maxChargePower.value + Self.tolerance, seed, "charge \(-power) over inverter limit")
            if battery.soc.value <= settings.socMinimumPercent {
                violations.check(power <= 0, seed, "discharging at SoC \(battery.soc) <= minimum")
            }
            if battery.soc.value >= settings.socMaximumPercent {
                violations.check(power >= 0, seed, "charging at SoC \(battery.soc) >= maximum")
            }
            if battery.soc.value <= settings.socReservePercent {
                let overCap = station.predictedImport(decision).value + power - (station.gridCap.value - settings.headroom.value)
                violations.check(power <= max(0, overCap) + Self.tolerance, seed,
                                 "discharging \(power) below the reserve beyond peak shaving (\(overCap))")
            }
        }
        #expect(violations.found.isEmpty, "\(violations.summary)")
    }

    @Test func unavailableAndIdleSocketsGetNothing() {
        var violations = Violations()
        for seed in 0..<Self.cases {
            var generator = SituationGenerator(seed: seed)
            let station = generator.station()
            let decision = station.decide()
            for socket in station.sockets where socket.state == .idle || socket.state == .unavailable {
                violations.check(decision.socketLimits[socket.id] == .zero, seed, "\(socket.state) socket \(socket.id) got current")
            }
        }
        #expect(violations.found.isEmpty, "\(violations.summary)")
    }

    @Test func generatedSituationsReachEveryModeAndDecision() {
        var modes: Set<SetpointDecision.Mode> = []
        var codes: Set<DecisionReason.Code> = []
        for seed in 0..<Self.cases {
            var generator = SituationGenerator(seed: seed)
            let decision = generator.station().decide()
            modes.insert(decision.mode)
            codes.formUnion(decision.reasons.map(\.code))
        }
        #expect(modes == [.normal, .peakShaving, .curtailing])
        let expected: [DecisionReason.Code] = [.peakShaving, .curtailed, .socketsPaused, .cheapSlot, .dearSlot, .socBound, .reserveRecharge]
        #expect(expected.allSatisfy(codes.contains), "missing: \(expected.filter { !codes.contains($0) })")
    }

    /// The most a fresh battery can deliver this cycle: its inverter limit, and no more energy than it holds
    /// above the SoC minimum.
    static func mostDischarge(_ station: Station) -> Double {
        guard let battery = station.battery, battery.soc.value > station.settings.socMinimumPercent else { return 0 }
        let hours = Watts(1).over(station.settings.cycleDuration).value
        let energy = (battery.soc.value - station.settings.socMinimumPercent) / 100 * battery.capacity.value
        return min(battery.maxDischargePower.value, energy / hours)
    }
}
