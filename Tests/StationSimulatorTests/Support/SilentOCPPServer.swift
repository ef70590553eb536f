import Hummingbird
import HummingbirdWebSocket
import Logging
import ServiceLifecycle
import StationTesting
import Synchronization

/// A WebSocket server that takes any charger offering `ocpp1.6` and never answers it.
final class SilentOCPPServer: Sendable {
    let port = LoopbackPort.free()
    private let running = Mutex<(group: ServiceGroup, task: Task<Void, Never>)?>(nil)

    func start() async throws {
        var logger = Logger(label: "silent.test")
        logger.logLevel = .warning
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("ocpp/:id") { _, _ in
            .upgrade([.secWebSocketProtocol: "ocpp1.6"])
        } onUpgrade: { inbound, _, _ in
            for try await _ in inbound.messages(maxSize: 65_536) {}
        }
        let application = Application(
            router: router, server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        running.withLock { $0 = (group, Task { try? await group.run() }) }
        guard try await eventually({ LoopbackPort.isListening(self.port) }) else {
            throw EventTimeout()
        }
    }

    func stop() async {
        guard let running = running.withLock({ $0 }) else { return }
        await running.group.triggerGracefulShutdown()
        await running.task.value
    }
}
