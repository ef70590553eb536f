import Foundation
import Logging
import NIOCore
import NIOEmbedded
import NIOWebSocket
import OCPP
import StationConfig
import StationCore
@testable import StationController
import StationTesting
import Testing

/// The charger server's per-connection handler with a session that never answers what it is handed.
@Suite(.timeLimit(.minutes(1)))
struct ChargerConnectionTests {
    /// A charger session whose endpoint takes frames and never answers them.
    final class StuckSession: ChargerSession {
        let chargerID = "CP-STUCK"
        let version = OCPPVersion.v16
        let release = AsyncStream<Void>.makeStream()
        let endpoint = OCPP16Endpoint(clock: ManualClock(), send: { _ in })

        func triage(_ text: String) -> FrameTriage { .forEndpoint(parse(text)) }
        func parse(_ text: String) -> IncomingFrame { endpoint.parse(text) }
        func receive(_ frame: IncomingFrame) async {
            for await _ in release.stream { break }
        }
        func start(heartbeatInterval: Duration) async {}
        func close() async { release.continuation.finish() }
        func setLimit(connector: Int, current: Amperes) async throws {}
        func setOperative(connector: Int, _ operative: Bool) async throws {}
        func reserve(connector: Int, reservationID: Int, idTag: String, expiresAt: Date) async throws {}
        func cancelReservation(_ reservationID: Int) async throws {}
        func remoteStart(connector: Int, idTag: String) async throws {}
        func remoteStop(connector: Int, sessionID: String) async throws {}
    }

    @Test func aChargerFarAheadOfItsAnswersIsDisconnected() async throws {
        let harness = try ControllerHarness()
        let hub = ChargerHub(configuration: OCPPServerConfiguration(chargers: []), controller: harness.controller, logger: Logger(label: "test"))
        let session = StuckSession()
        let channel = NIOAsyncTestingChannel()
        try await channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 9)).get()
        try await channel.pipeline.addHandler(
            ChargerConnectionHandler(
                session: session, isUnknown: false, hub: hub, connections: ChargerConnections(),
                heartbeatInterval: .seconds(60), pingInterval: .seconds(30), logger: Logger(label: "test")))
        // The first call reaches the session (once it has started) and is never answered; the others queue.
        let call = WebSocketFrame(fin: true, opcode: .text, data: ByteBuffer(string: #"[2,"a","Authorize",{"idTag":"X"}]"#))
        for _ in 0..<ChargerConnectionHandler.maximumFramesInHand - 1 {
            try await channel.writeInbound(call)
        }
        #expect(channel.isActive)
        try await channel.writeInbound(call)
        try await channel.writeInbound(call)
        try await channel.closeFuture.get()
        let close = try #require(try await channel.readOutbound(as: WebSocketFrame.self))
        #expect(close.opcode == .connectionClose)
        var data = close.data
        #expect(data.readWebSocketErrorCode() == .policyViolation)
        await session.close()
    }
}
