public import Foundation

/// How the outbox is doing: whether its writes fail, how old the oldest unsent message is, what was set aside.
public struct OutboxHealth: Sendable, Equatable {
    /// Writes that failed one after the other up to now (0 when the last write succeeded).
    public var consecutiveFailures = 0
    /// Failed writes since the outbox was opened.
    public var totalFailures = 0
    /// When the current run of failures began.
    public var failingSince: Date?
    public var lastError: String?
    /// When the oldest message not yet acknowledged by the CSMS was created (staged or stored).
    public var oldestUnsentAt: Date?
    /// Changes waiting in memory for the next write.
    public var staged = 0
    /// Messages moved to `dead_letters` after repeated refusals (all time, in the file).
    public var deadLetters = 0
    /// Meter values and telemetry dropped by the full-outbox policy since opening.
    public var thinned = 0

    public init(deadLetters: Int = 0) {
        self.deadLetters = deadLetters
    }

    /// Whether the last write failed.
    public var isFailing: Bool { consecutiveFailures > 0 }

    mutating func recordFailure(_ error: String, at time: Date) {
        if consecutiveFailures == 0 { failingSince = time }
        consecutiveFailures += 1
        totalFailures += 1
        lastError = error
    }

    /// Clears a run of failures; returns its length when there was one.
    mutating func recordSuccess() -> Int? {
        guard consecutiveFailures > 0 else { return nil }
        defer {
            consecutiveFailures = 0
            failingSince = nil
        }
        return consecutiveFailures
    }
}
