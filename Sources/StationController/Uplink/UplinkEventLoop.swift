import Logging
import NIOPosix
import Synchronization

/// The event loop of one uplink connection attempt, shut down after it: that closes every channel the attempt
/// left open, whichever way it failed.
///
/// hummingbird-websocket's client (WSClient 2.x) throws on a refused upgrade (401, 403, 404, 503...) without
/// closing its channel, which then stays in CLOSE-WAIT; and it waits forever for an answer to its upgrade
/// request when the server closes its side without answering (the channel allows half-closure). Closing the
/// loop frees the socket in the first case and, in the second, the attempt is given up (`end()`) even if the
/// client's task never returns (a TLS handshake on a closed loop was seen waiting for ever).
final class UplinkEventLoop: Sendable {
    let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
    private let closed = Mutex(false)
    private let upgraded = Atomic<Bool>(false)
    private let ending = Mutex<(ended: Bool, waiter: CheckedContinuation<Void, Never>?)>((false, nil))

    /// Whether the attempt got through the WebSocket upgrade.
    var isUpgraded: Bool { upgraded.load(ordering: .relaxed) }

    func markUpgraded() {
        upgraded.store(true, ordering: .relaxed)
    }

    /// Closes the loop and every channel on it; later calls do nothing.
    func close(logger: Logger) async {
        let first = closed.withLock { closed in
            defer { closed = true }
            return !closed
        }
        guard first else { return }
        do {
            try await group.shutdownGracefully()
        } catch {
            logger.warning("uplink: closing the connection's event loop: \(error)")
        }
    }

    /// Marks the attempt as over (its connection ended, or it was given up); wakes `waitUntilEnded()`.
    func end() {
        let waiter = ending.withLock { state in
            defer { state = (true, nil) }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits until `end()` was called, cancelled or not.
    func waitUntilEnded() async {
        await withCheckedContinuation { continuation in
            let ended = ending.withLock { state in
                if !state.ended { state.waiter = continuation }
                return state.ended
            }
            if ended { continuation.resume() }
        }
    }
}
