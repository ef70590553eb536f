import CPMS
import Foundation
import Synchronization

/// A sink that records what feeds hand it, in order, as a stream the test reads one event at a time.
final class RecordingForecastSink: ForecastSink {
    enum Event: Sendable {
        case received(ForecastUpdate)
        case failed(dso: String, feed: String, reason: String, at: Date)
    }

    struct StoreFailure: Error {}

    let events: AsyncStream<Event>
    private let continuation: AsyncStream<Event>.Continuation
    /// How many of the next updates to refuse (as a database that is down would).
    let refusals = Mutex(0)

    init() {
        (events, continuation) = AsyncStream.makeStream(of: Event.self)
    }

    func received(_ update: ForecastUpdate) async throws {
        let refuse = refusals.withLock { count -> Bool in
            defer { count = max(0, count - 1) }
            return count > 0
        }
        if refuse {
            continuation.yield(.failed(dso: update.dso, feed: update.feed, reason: "store refused", at: update.receivedAt))
            throw StoreFailure()
        }
        continuation.yield(.received(update))
    }

    func failed(dso: String, feed: String, reason: String, at time: Date) async {
        continuation.yield(.failed(dso: dso, feed: feed, reason: reason, at: time))
    }
}

extension AsyncStream<RecordingForecastSink.Event>.Iterator {
    /// The next update; a failure instead is recorded as an issue.
    mutating func nextUpdate() async throws -> ForecastUpdate {
        switch await next() {
        case .received(let update)?: return update
        case let other: throw UnexpectedEvent(event: "\(String(describing: other))")
        }
    }

    /// The next failure's reason; an update instead is an error.
    mutating func nextFailure() async throws -> String {
        switch await next() {
        case .failed(_, _, let reason, _)?: return reason
        case let other: throw UnexpectedEvent(event: "\(String(describing: other))")
        }
    }
}

struct UnexpectedEvent: Error, CustomStringConvertible {
    var event: String
    var description: String { "unexpected sink event: \(event)" }
}
