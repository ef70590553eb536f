import EnergyManagement
import Foundation
import StationCore
import StationTesting

/// Generates varied but valid stations: sockets in every state, batteries at and between their bounds,
/// caps from generous to impossible, and price schedules that do or do not make arbitrage worth it.
struct SituationGenerator {
    var random: SplitMix64

    init(seed: UInt64) { random = SplitMix64(seed: seed) }

    mutating func station() -> Station {
        var station = Station()
        station.settings = settings()
        station.sockets = sockets(voltage: station.settings.voltage)
        station.baseLoad = Watts(random.uniform(-5_000...40_000))
        station.gridCap = Watts(random.pick([random.uniform(0...60_000), 11_000, 22_000, 43_000]))
        if random.chance(0.75) { station.battery = battery(settings: station.settings) }
        if random.chance(0.4) {
            station.schedule = Schedules.quarterHours((0..<random.integer(1...24)).map { _ in random.uniform(-0.05...0.6) })
            station.time = Schedules.time(ofSlot: random.integer(0...3)).addingTimeInterval(random.uniform(0...899))
        }
        if random.chance(0.5) { station.previous = previous(for: station.sockets) }
        return station
    }

    private mutating func settings() -> EnergySettings {
        let minimum = random.uniform(0...25)
        let maximum = random.uniform(75...100)
        return EnergySettings(
            socReservePercent: random.uniform(minimum...60),
            socMinimumPercent: minimum,
            socMaximumPercent: maximum,
            cycleCostPerKWh: random.uniform(0...0.15),
            roundTripEfficiency: random.uniform(0.7...1),
            safeCurrent: Amperes(random.uniform(6...16).rounded()),
            voltage: Volts(random.pick([230, 220, 240])),
            headroom: Watts(random.uniform(0...1_000)),
            cycleDuration: random.pick([.seconds(1), .milliseconds(500), .seconds(5)]))
    }

    private mutating func sockets(voltage: Volts) -> [SocketDemand] {
        let ids = Array(1...24).shuffled(using: &random).prefix(random.integer(0...12))
        return ids.map { id in
            let phases = random.pick([1, 3, 3])
            let maximum = Amperes(random.pick([4, 6, 10, 13, 16, 20, 32, random.uniform(6...63)]))
            let state = random.pick([SocketDemand.State.idle, .connected, .charging, .charging, .unavailable])
            let drawing = state == .charging ? Amperes(random.uniform(0...max(maximum.value, 0))) : .zero
            let requested = random.chance(0.3) ? Amperes(random.uniform(0...40)) : nil
            return SocketDemand(
                id: SocketID(id), phases: phases, maxCurrent: maximum, state: state,
                measuredPower: Watts(current: drawing, phases: phases, voltage: voltage), requestedCurrent: requested)
        }
    }

    private mutating func battery(settings: EnergySettings) -> BatteryState {
        let boundary = [settings.socMinimumPercent, settings.socReservePercent, settings.socMaximumPercent, 0, 100]
        let soc = random.chance(0.3) ? random.pick(boundary) : random.uniform(0...100)
        let charge = Watts(random.pick([0, random.uniform(0...50_000)]))
        let discharge = Watts(random.pick([0, random.uniform(0...50_000)]))
        return BatteryState(
            soc: StateOfCharge(soc),
            capacity: WattHours(random.uniform(1_000...200_000)),
            maxChargePower: charge,
            maxDischargePower: discharge,
            power: Watts(random.uniform(-charge.value...max(discharge.value, 0))))
    }

    private mutating func previous(for sockets: [SocketDemand]) -> SetpointDecision {
        var limits: [SocketID: Amperes] = [:]
        for socket in sockets { limits[socket.id] = random.chance(0.3) ? .zero : Amperes(random.uniform(6...32)) }
        return SetpointDecision(
            socketLimits: limits, batteryPower: Watts(random.uniform(-10_000...10_000)), mode: .normal, reasons: [])
    }
}

/// Collects property violations with the seed that produced them, so a failure can be replayed.
struct Violations {
    private(set) var found: [String] = []

    mutating func check(_ condition: Bool, _ seed: UInt64, _ message: @autoclosure () -> String) {
        if !condition { found.append("seed \(seed): \(message())") }
    }

    var summary: String { "\(found.count) violations, first: \(found.prefix(3).joined(separator: " | "))" }
}

extension SocketDemand {
    /// The most this socket may get: nothing unless an EV is plugged in, else its EV's request raised to the
    /// minimum current, or its maximum.
    func demand(minimum: Amperes) -> Amperes {
        guard state == .charging || state == .connected, maxCurrent >= minimum else { return .zero }
        return (requestedCurrent ?? maxCurrent).clamped(to: minimum...maxCurrent)
    }
}
