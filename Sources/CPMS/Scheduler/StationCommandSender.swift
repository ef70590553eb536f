import Scheduling

/// Sends the scheduler's commands to stations: the station gateway in cpms, a fake in tests.
protocol StationCommandSender: Sendable {
    /// Sends the command to the station and waits for its answer. Never throws: a station that cannot be
    /// reached or does not answer is `notDelivered`.
    func send(_ command: StationCommand, to station: StationID) async -> CommandDelivery
}

/// What became of a command sent to a station.
enum CommandDelivery: Sendable, Hashable {
    /// The station answered; the action is done, whatever the answer.
    case answered(StationAnswer)
    /// Not connected, not booted, no answer in time, or the connection dropped: the action stays due.
    case notDelivered(reason: String)
}

/// A station's answer to a command: its status ("Accepted", "Occupied", a CALLERROR...) and why.
struct StationAnswer: Sendable, Hashable, CustomStringConvertible {
    /// What the calendar stores as the action's outcome, e.g. "Accepted", "Rejected", "CALLERROR NotSupported".
    var outcome: String
    /// The station's reason (`statusInfo`, the CALLERROR's description), if it gave one.
    var reason: String?
    /// Whether the station did what was asked ("Accepted", or "Scheduled" for availability during a session).
    var done: Bool

    init(outcome: String, reason: String? = nil, done: Bool) {
        self.outcome = outcome
        self.reason = reason
        self.done = done
    }

    var description: String { reason.map { "\(outcome) (\($0))" } ?? outcome }
}
