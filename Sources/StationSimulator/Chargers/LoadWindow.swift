import Synchronization

/// The measurement window of a load run, shared by its chargers: they wait for it to open and stop when it closes.
public final class LoadWindow: Sendable {
    private enum Phase { case waiting, open, closed }

    private struct State {
        var phase = Phase.waiting
        var nextID = 0
        var waiters: [Int: CheckedContinuation<Bool, Never>] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    /// Whether calls answered now count.
    public var isOpen: Bool {
        state.withLock { $0.phase == .open }
    }

    /// Starts the measurement; waiting chargers begin their calls.
    public func open() {
        resumeAll(with: .open)
    }

    /// Ends the measurement; chargers stop after their call in flight, which no longer counts.
    public func close() {
        resumeAll(with: .closed)
    }

    /// Waits until the window opens (true), or returns false if it closed first or the task is cancelled.
    func opened() async -> Bool {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let ready: Bool? = state.withLock { state in
                    switch state.phase {
                    case .open: return true
                    case .closed: return false
                    case .waiting:
                        if Task.isCancelled { return false }
                        state.waiters[id] = continuation
                        return nil
                    }
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.resume(returning: false)
        }
    }

    private func resumeAll(with phase: Phase) {
        let waiters = state.withLock { state in
            guard state.phase != .closed else { return [CheckedContinuation<Bool, Never>]() }
            state.phase = phase
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume(returning: phase == .open) }
    }
}
