/// A moment in a scenario: seconds after the simulation started, or a time of day on the simulator's clock.
public enum ScenarioTime: Sendable, Hashable {
    /// This long after the start.
    case elapsed(Duration)
    /// This long after midnight, every day.
    case timeOfDay(Duration)

    static let day = Duration.seconds(86_400)

    /// Where the moment falls on the axis its kind uses: elapsed time, or time since midnight.
    func position(elapsed: Duration, timeOfDay: Duration) -> (moment: Duration, now: Duration) {
        switch self {
        case .elapsed(let moment): return (moment, elapsed)
        case .timeOfDay(let moment): return (moment, timeOfDay)
        }
    }

    /// The offset, whichever the kind.
    var offset: Duration {
        switch self {
        case .elapsed(let offset), .timeOfDay(let offset): return offset
        }
    }

    /// Whether both moments are of the same kind.
    func isSameKind(as other: ScenarioTime) -> Bool {
        switch (self, other) {
        case (.elapsed, .elapsed), (.timeOfDay, .timeOfDay): return true
        default: return false
        }
    }
}
