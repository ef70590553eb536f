import Synchronization

/// Which chargers of a fleet are booted on a live connection, and a way to wait until enough are.
final class OnlineTally: Sendable {
    private struct Waiter {
        let count: Int
        let continuation: CheckedContinuation<Bool, Never>
    }

    private struct State {
        var online: Set<String> = []
        var nextID = 0
        var waiters: [Int: Waiter] = [:]
    }

    private let state = Mutex(State())

    var count: Int { state.withLock { $0.online.count } }

    /// Follows a charger's events: an accepted boot puts it online, a disconnection takes it off.
    func observe(_ chargerID: String, _ event: ChargerEvent) {
        let ready: [CheckedContinuation<Bool, Never>] = state.withLock { state in
            switch event {
            case .booted(let status, _) where status == "Accepted": state.online.insert(chargerID)
            case .disconnected: state.online.remove(chargerID)
            default: return []
            }
            let due = state.waiters.filter { $0.value.count <= state.online.count }
            for id in due.keys { state.waiters[id] = nil }
            return due.values.map(\.continuation)
        }
        for continuation in ready { continuation.resume(returning: true) }
    }

    /// Returns true once at least `count` chargers are online, false if the task is cancelled first.
    func wait(for count: Int) async -> Bool {
        let id = state.withLock { state in
            defer { state.nextID += 1 }
            return state.nextID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Bool, Never>) in
                let ready: Bool? = state.withLock { state in
                    if state.online.count >= count { return true }
                    if Task.isCancelled { return false }
                    state.waiters[id] = Waiter(count: count, continuation: continuation)
                    return nil
                }
                if let ready { continuation.resume(returning: ready) }
            }
        } onCancel: {
            state.withLock { $0.waiters.removeValue(forKey: id) }?.continuation.resume(returning: false)
        }
    }
}
