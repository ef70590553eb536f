/// Scheduled scenario actions in time order: fault ends, then fault starts, then arrivals at the same moment.
struct SimulationTimeline {
    enum Action {
        case faultEnd(window: Int, device: SimulatedDeviceID)
        case faultStart(window: Int, FaultWindow)
        case arrival(EVArrival)

        fileprivate var rank: Int {
            switch self {
            case .faultEnd: return 0
            case .faultStart: return 1
            case .arrival: return 2
            }
        }
    }

    private struct Entry {
        var at: Duration
        var sequence: Int
        var action: Action
    }

    private var entries: [Entry] = []
    private var nextSequence = 0

    mutating func add(_ action: Action, at: Duration) {
        entries.append(Entry(at: at, sequence: nextSequence, action: action))
        nextSequence += 1
    }

    /// Removes and returns every action due at or before `now`, in order.
    mutating func takeDue(upTo now: Duration) -> [Action] {
        let due = entries.filter { $0.at <= now }
        guard !due.isEmpty else { return [] }
        entries.removeAll { $0.at <= now }
        return due.sorted { lhs, rhs in
            (lhs.at, lhs.action.rank, lhs.sequence) < (rhs.at, rhs.action.rank, rhs.sequence)
        }.map(\.action)
    }
}
