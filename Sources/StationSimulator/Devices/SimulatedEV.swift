public import StationCore

/// An electric vehicle at a simulated socket: its battery, what it can draw, and when it leaves.
public struct SimulatedEV: Sendable, Hashable, CustomStringConvertible {
    /// When the vehicle leaves its socket.
    public enum Departure: Sendable, Hashable {
        /// Stays plugged until unplugged by hand (sitting in state B once full).
        case stays
        /// Leaves as soon as its battery is full.
        case whenFull
        /// Leaves this long after plugging in.
        case after(Duration)
    }

    public var capacity: WattHours
    public var soc: StateOfCharge
    /// The most current the on-board charger draws per phase.
    public var maxCurrent: Amperes
    /// Phases the on-board charger uses (1 or 3).
    public var phases: Int
    public var departure: Departure

    public init(
        capacity: WattHours = 60_000, soc: StateOfCharge = 30, maxCurrent: Amperes = 16, phases: Int = 3,
        departure: Departure = .stays
    ) {
        self.capacity = capacity
        self.soc = soc.clamped(to: 0...100)
        self.maxCurrent = maxCurrent
        self.phases = phases
        self.departure = departure
    }

    /// The battery is full; the vehicle no longer asks for energy.
    public var isFull: Bool { soc.value >= 100 }

    /// Energy the battery still takes.
    public var energyToFull: WattHours { capacity * (100 - soc.value) / 100 }

    /// Stores up to `energy` in the battery; returns what it took.
    mutating func charge(_ energy: WattHours) -> WattHours {
        guard capacity.value > 0, energy.value > 0 else { return 0 }
        let missing = energyToFull
        if energy >= missing {
            soc = 100
            return missing
        }
        soc = StateOfCharge(soc.value + energy.value / capacity.value * 100)
        return energy
    }

    public var description: String {
        "\(capacity.kilowattHours.formatted1) kWh at \(soc.value.formatted1) %, \(maxCurrent.value.formatted1) A × \(phases)"
    }
}
