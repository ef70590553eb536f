public import StationCore

/// The site's own consumption over time (lights, heating, a shop), excluding the sockets and the battery.
public enum LoadProfile: Sendable, Hashable {
    case constant(Watts)
    /// Each step holds from its moment to the next; steps are sorted and all of one kind.
    ///
    /// Elapsed steps: before the first step, the first step's power applies. Time-of-day steps repeat daily:
    /// before the first step of a day, the day's last step still holds.
    case steps([Step])

    public struct Step: Sendable, Hashable {
        public var at: ScenarioTime
        public var power: Watts

        public init(at: ScenarioTime, power: Watts) {
            self.at = at
            self.power = power
        }
    }

    /// The power at `elapsed` after the start, `timeOfDay` after midnight.
    public func power(elapsed: Duration, timeOfDay: Duration) -> Watts {
        switch self {
        case .constant(let power):
            return power
        case .steps(let steps):
            guard let first = steps.first else { return 0 }
            let current = steps.last { step in
                let (moment, now) = step.at.position(elapsed: elapsed, timeOfDay: timeOfDay)
                return moment <= now
            }
            if let current { return current.power }
            if case .timeOfDay = first.at, let last = steps.last { return last.power }
            return first.power
        }
    }
}
