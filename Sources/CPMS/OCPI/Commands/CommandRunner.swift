import Synchronization

/// The commands whose station part is under way: each runs on its own task after its CommandResponse was
/// answered; `idle()` waits until none is left (tests, shutdown).
final class CommandRunner: Sendable {
    private let tasks = Mutex<[Int: Task<Void, Never>]>([:])
    private let next = Mutex(0)

    func start(_ work: @escaping @Sendable () async -> Void) {
        let id = next.withLock { value -> Int in
            value += 1
            return value
        }
        tasks.withLock { tasks in
            tasks[id] = Task { [weak self] in
                await work()
                _ = self?.tasks.withLock { $0.removeValue(forKey: id) }
            }
        }
    }

    /// Waits for every command started so far (and those they start).
    func idle() async {
        while let task = tasks.withLock({ $0.values.first }) {
            await task.value
            // A finished task removes itself; make sure this one is gone even if it ran before being stored.
            tasks.withLock { tasks in
                if let key = tasks.first(where: { $0.value == task })?.key { tasks.removeValue(forKey: key) }
            }
        }
    }
}
