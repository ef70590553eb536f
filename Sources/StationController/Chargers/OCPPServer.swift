public import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
public import Logging
import NIOPosix
import OCPP
public import StationConfig

/// stationd's OCPP server for the chargers on the station LAN: `ws://HOST:PORT/ocpp/{chargerId}`.
public struct OCPPServer: Sendable {
    public let configuration: OCPPServerConfiguration
    public let hub: ChargerHub
    let admission: ChargerAdmission
    let controller: StationController
    let logger: Logger

    /// Reads the chargers' passwords; fails naming a missing password file.
    public init(configuration: OCPPServerConfiguration, controller: StationController, logger: Logger) throws {
        self.configuration = configuration
        self.controller = controller
        self.logger = logger
        admission = try ChargerAdmission(configuration: configuration)
        hub = ChargerHub(configuration: configuration, controller: controller, logger: logger)
    }

    /// Lets the controller drive every configured connector.
    public func attachConnectors() async {
        for link in hub.links() { await controller.attach(link) }
    }

    /// The one thread that reads and writes every charger connection: a station has tens of chargers, and a
    /// thread per core would only compete with the control loop for the station computer's few cores.
    static let eventLoop = MultiThreadedEventLoopGroup(numberOfThreads: 1)

    /// The WebSocket server, listening on the configured address (or `port` to override it).
    public func application(port: Int? = nil) -> some ApplicationProtocol {
        let router = Router(context: BasicWebSocketRequestContext.self)
        let admission = admission
        let hub = hub
        let controller = controller
        let configuration = configuration
        let logger = logger
        router.ws("ocpp/:id") { request, context in
            let id = context.parameters.get("id") ?? ""
            let refusal: ChargerAdmission.Refusal
            switch admission.decide(chargerID: id, headers: request.headers) {
            case .success(let admitted):
                return .upgrade([.secWebSocketProtocol: admitted.version.subprotocol])
            case .failure(let error):
                refusal = error
            }
            logger.warning("refused OCPP connection for \(id): \(refusal)")
            switch refusal {
            case .unknownCharger(let id):
                throw HTTPError(.notFound, message: "unknown charger \(id)")
            case .unauthorized(let why):
                throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Basic realm=\"stationd\""], message: why)
            case .noCommonSubprotocol:
                throw HTTPError(.badRequest, message: "offer the WebSocket subprotocol ocpp2.0.1 or ocpp1.6")
            }
        } onUpgrade: { inbound, outbound, context in
            let id = context.requestContext.parameters.get("id") ?? ""
            guard let admitted = try? admission.admit(chargerID: id, headers: context.request.headers) else { return }
            let send: @Sendable (String) async throws -> Void = { text in try await outbound.write(.text(text)) }
            // The handlers only ever wait for the controller, never for the charger, so they may run on the
            // task that reads the connection: no task per incoming call.
            let (timeout, frameBytes) = (configuration.callTimeout, configuration.maxFrameBytes)
            let session: any ChargerSession
            switch admitted.version {
            case .v16:
                let endpointConfiguration = OCPP16Endpoint.Configuration(
                    callTimeout: timeout, maximumFrameSize: frameBytes, answersOnReceivingTask: true)
                session = OCPP16ChargerSession(
                    chargerID: id, isUnknown: admitted.isUnknown, hub: hub, controller: controller,
                    configuration: endpointConfiguration,
                    logger: logger, send: send)
            case .v201:
                let endpointConfiguration = OCPP201Endpoint.Configuration(
                    callTimeout: timeout, maximumFrameSize: frameBytes, answersOnReceivingTask: true)
                session = OCPP201ChargerSession(
                    chargerID: id, isUnknown: admitted.isUnknown, hub: hub, controller: controller,
                    configuration: endpointConfiguration,
                    logger: logger, send: send)
            }
            await session.start(heartbeatInterval: configuration.heartbeatInterval)
            let generation = await hub.register(session)
            logger.notice("charger \(id) connected (\(admitted.version))\(admitted.isUnknown ? " as unknown, pending" : "")")
            do {
                for try await message in inbound.messages(maxSize: configuration.maxFrameBytes) {
                    if case .text(let text) = message { await session.receive(text) }
                }
            } catch {
                logger.info("charger \(id): connection ended: \(error)")
            }
            await session.close()
            await hub.unregister(id, generation: generation)
        }
        return Application(
            router: router,
            server: HTTPServerBuilder.http1WebSocketUpgrade(
                webSocketRouter: router,
                configuration: .init(ws: .init(maxFrameSize: configuration.maxFrameBytes, autoPing: .enabled(timePeriod: .seconds(30))))),
            configuration: .init(address: .hostname(configuration.host, port: port ?? configuration.port), serverName: "stationd-ocpp"),
            eventLoopGroupProvider: .shared(Self.eventLoop),
            logger: logger)
    }
}
