import Hummingbird
import HummingbirdWebSocket
import Logging
import OCPP
import StationCore

/// The OCPP 2.0.1 CSMS endpoint, `ws://HOST:PORT/ocpp/{stationId}`: admission at the upgrade, then one
/// `StationConnection` per station.
struct StationGateway: Sendable {
    let admission: StationAdmission
    let connections: StationConnections
    let settings: GatewaySettings
    let writer: IngestWriter
    let recorder: ChargingRecorder
    let registry: StationRegistry
    let clock: any StationClock
    let logger: Logger
    var observer: any StationActivityObserver = IgnoredStationActivity()
    /// Reports transactions to eMSPs as OCPI sessions.
    var sessions: SessionPublisher?
    /// Called when a station's published Location may have changed (a status stored, a transaction begun or ended).
    var stationChanged: @Sendable (String) async -> Void = { _ in }
    /// Answers Authorize and TransactionEvent id tokens; nil: `--accepted-tokens` alone.
    var authorizer: (any StationTokenAuthorizer)?

    func addRoutes(to router: Router<CPMSRequestContext>) {
        let gateway = self
        router.ws("ocpp/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            switch try await gateway.admission.admit(stationID: id, headers: request.headers) {
            case .success:
                return .upgrade([.secWebSocketProtocol: StationAdmission.subprotocol])
            case .failure(let refusal):
                gateway.logger.warning("refused station connection for \(id): \(refusal)")
                // Hummingbird answers any refused upgrade with 400, so the reason is told in the log only.
                throw HTTPError(.badRequest, message: refusal.description)
            }
        } onUpgrade: { inbound, outbound, context in
            let id = context.requestContext.parameters.get("id") ?? ""
            await gateway.serve(stationID: id, inbound: inbound) { text in try await outbound.write(.text(text)) }
        }
    }

    /// Runs one admitted connection until the station or cpms closes it.
    private func serve(stationID id: String, inbound: WebSocketInboundStream, send: @escaping OCPP201Endpoint.Send) async {
        let connection = StationConnection(
            stationID: id, settings: settings, writer: writer, recorder: recorder, registry: registry, clock: clock, logger: logger,
            observer: observer, stationChanged: stationChanged, sessions: sessions, authorizer: authorizer, send: send)
        await connection.start()
        let generation = await connections.register(connection)
        logger.notice("station \(id) connected")
        let logger = logger
        let maxFrameBytes = settings.maxFrameBytes
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                do {
                    for try await message in inbound.messages(maxSize: maxFrameBytes) {
                        if case .text(let text) = message { await connection.receive(text) }
                    }
                } catch {
                    logger.info("station \(id): connection ended: \(error)")
                }
            }
            group.addTask {
                for await _ in connection.closed {}
            }
            await group.next()
            group.cancelAll()
        }
        await connection.close()
        await connections.unregister(id, generation: generation)
    }
}
