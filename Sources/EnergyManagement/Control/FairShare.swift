import StationCore

/// Shares a power budget among sockets as equal per-phase currents, pausing sockets rather than going
/// below the minimum current.
///
/// Water-filling: every socket gets the same current, except that one whose cap is below that share gets its
/// cap and the rest is shared among the others. When the budget cannot give every socket the minimum
/// current, sockets are paused one at a time until it can: first those that were paused in the previous
/// decision (so the same sockets stay paused instead of taking turns), then the highest `SocketID`.
struct FairShare {
    var limits: [SocketID: Amperes] = [:]
    /// Paused for lack of budget, in the order they were paused.
    var paused: [SocketID] = []
    /// The shared current when it bound at least one socket; nil when every socket got its cap.
    var level: Amperes?
    /// Total power given to sockets.
    var allocated: Watts = .zero

    /// Current by which a share may miss a cap and still count as reaching it (rounding, not curtailment).
    static let tolerance = 1e-9

    /// Whether any socket got less than its cap.
    var curtailed: Bool { level != nil || !paused.isEmpty }

    init(_ candidates: [SocketCandidate], budget: Watts, settings: ControlSettings) {
        let budget = budget.value.isFinite ? max(budget, .zero) : .zero
        var running = candidates.sorted { lhs, rhs in
            lhs.pausedBefore != rhs.pausedBefore ? !lhs.pausedBefore : lhs.id < rhs.id
        }
        var phases = running.reduce(0) { $0 + $1.phases }
        while let last = running.last, settings.power(settings.minimumCurrent, phases: phases) > budget {
            running.removeLast()
            phases -= last.phases
            paused.append(last.id)
            limits[last.id] = .zero
        }
        running.sort { $0.cap < $1.cap }
        var remaining = budget
        for (index, candidate) in running.enumerated() {
            let share = Amperes(power: remaining, phases: phases, voltage: settings.voltage)
            if candidate.cap.value <= share.value + Self.tolerance {
                give(candidate.cap, to: candidate, settings: settings)
                remaining -= settings.power(candidate.cap, phases: candidate.phases)
                phases -= candidate.phases
            } else {
                level = share
                for other in running[index...] { give(share, to: other, settings: settings) }
                break
            }
        }
    }

    private mutating func give(_ current: Amperes, to candidate: SocketCandidate, settings: ControlSettings) {
        limits[candidate.id] = current
        allocated += settings.power(current, phases: candidate.phases)
    }
}
