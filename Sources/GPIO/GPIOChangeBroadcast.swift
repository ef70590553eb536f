import Synchronization

/// Fans input changes out to every `changes()` stream of one line.
package final class GPIOChangeBroadcast: Sendable {
    private struct State {
        var nextID = 0
        var continuations: [Int: AsyncStream<GPIOInputChange>.Continuation] = [:]
        var finished = false
    }

    /// Changes a slow reader has not taken yet; older ones are dropped first, so the newest level survives.
    private static let bufferLimit = 64

    private let state = Mutex(State())

    package init() {}

    /// A new stream that sees every change yielded from now on.
    package func subscribe() -> AsyncStream<GPIOInputChange> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: GPIOInputChange.self,
            bufferingPolicy: .bufferingNewest(Self.bufferLimit)
        )
        let id: Int? = state.withLock { state in
            guard !state.finished else { return nil }
            let id = state.nextID
            state.nextID += 1
            state.continuations[id] = continuation
            return id
        }
        guard let id else {
            continuation.finish()
            return stream
        }
        continuation.onTermination = { [weak self] _ in
            self?.state.withLock { _ = $0.continuations.removeValue(forKey: id) }
        }
        return stream
    }

    package func yield(_ change: GPIOInputChange) {
        let continuations = state.withLock { Array($0.continuations.values) }
        for continuation in continuations {
            continuation.yield(change)
        }
    }

    /// Finishes every stream, present and future.
    package func finish() {
        let continuations = state.withLock { state in
            state.finished = true
            defer { state.continuations.removeAll() }
            return Array(state.continuations.values)
        }
        for continuation in continuations {
            continuation.finish()
        }
    }
}
