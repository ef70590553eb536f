import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle
import StationTesting
import Synchronization

/// A test's WebSocket server on a free loopback port: a router's routes, or a server service listening on
/// `port`, served until `stop()`.
final class LoopbackWebSocketServer: Sendable {
    let port = LoopbackPort.free()
    private let running = Mutex<(group: ServiceGroup, task: Task<Void, Never>)?>(nil)

    /// Serves `router` and returns once the port accepts connections.
    func start(_ router: Router<BasicWebSocketRequestContext>, logger: Logger) async throws {
        let application = Application(
            router: router, server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        try await start(application, logger: logger)
    }

    /// Runs `service`, which listens on `port`, and returns once the port accepts connections.
    func start(_ service: some Service, logger: Logger) async throws {
        let group = ServiceGroup(configuration: .init(services: [service], logger: logger))
        running.withLock { $0 = (group, Task { try? await group.run() }) }
        guard try await eventually({ LoopbackPort.isListening(self.port) }) else {
            throw EventTimeout()
        }
    }

    func stop() async {
        let running = running.withLock { running in
            defer { running = nil }
            return running
        }
        await running?.group.triggerGracefulShutdown()
        await running?.task.value
    }
}

extension Logger {
    /// A test server's logger: warnings and worse only.
    static func quietTestServer(_ label: String) -> Logger {
        var logger = Logger(label: label)
        logger.logLevel = .warning
        return logger
    }
}
