import Foundation
import StationCore

/// The loop every market feed runs: one refresh, then a sleep on the injected clock (the refresh interval after
/// a success, the shorter retry interval after a failure), until the task is cancelled.
enum MarketFeedRunner {
    /// How soon a failed refresh is tried again, at most.
    static let retryAfterFailure: Duration = .seconds(60)

    static func run(clock: any StationClock, every interval: Duration, refresh: @Sendable () async -> Bool) async {
        let retry = min(interval, retryAfterFailure)
        while !Task.isCancelled {
            let succeeded = await refresh()
            do {
                try await clock.sleep(for: succeeded ? interval : retry)
            } catch {
                return
            }
        }
    }

    /// A refresh interval from settings: at least a second, at most a week.
    static func interval(seconds: Double) -> Duration {
        guard seconds.isFinite else { return .seconds(3600) }
        return .milliseconds(Int64(min(max(seconds, 1), 7 * 86400) * 1000))
    }
}
