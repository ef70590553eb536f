import Hummingbird
import HummingbirdWebSocket
import Logging

/// A WebSocket server that takes any charger offering `ocpp1.6` and never answers it.
final class SilentOCPPServer: Sendable {
    private let server = LoopbackWebSocketServer()

    var port: Int { server.port }

    func start() async throws {
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("ocpp/:id") { _, _ in
            .upgrade([.secWebSocketProtocol: "ocpp1.6"])
        } onUpgrade: { inbound, _, _ in
            for try await _ in inbound.messages(maxSize: 65_536) {}
        }
        try await server.start(router, logger: .quietTestServer("silent.test"))
    }

    func stop() async {
        await server.stop()
    }
}
