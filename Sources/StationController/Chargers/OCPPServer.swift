public import Logging
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
import OCPP
public import ServiceLifecycle
public import StationConfig

/// stationd's OCPP server for the chargers on the station LAN: `ws://HOST:PORT/ocpp/{chargerId}`.
///
/// A SwiftNIO pipeline rather than a Hummingbird application: a charger's frequent calls are answered on the
/// event loop that read them (`ChargerConnectionHandler`), with no task or thread switch per message, which
/// is most of the cost of a message on a station computer's two cores. Runs as a service until graceful
/// shutdown, then closes every charger connection.
public struct OCPPServer: Service {
    public let configuration: OCPPServerConfiguration
    public let hub: ChargerHub
    let admission: ChargerAdmission
    let controller: StationController
    let logger: Logger
    let connections = ChargerConnections()

    /// How often a connected charger is pinged; one that has not answered the previous ping is closed.
    static let pingInterval = TimeAmount.seconds(30)

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

    /// Listens on the configured address until graceful shutdown, then closes every charger connection.
    public func run() async throws {
        let listener = try await ServerBootstrap(group: Self.eventLoop)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .serverChannelOption(.backlog, value: 256)
            .childChannelOption(.tcpOption(.tcp_nodelay), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try self.configure(channel) }
            }
            .bind(host: configuration.host, port: configuration.port)
            .get()
        logger.info("OCPP server for chargers listening on \(configuration.host):\(configuration.port)")
        try? await gracefulShutdown()
        try? await listener.close()
        await connections.closeAll()
    }

    /// HTTP/1.1 with the WebSocket upgrade for admitted chargers, and a refusal for every other request.
    private func configure(_ channel: any Channel) throws {
        connections.track(channel)
        let upgrader = NIOWebSocketServerUpgrader(
            maxFrameSize: configuration.maxFrameBytes, automaticErrorHandling: true,
            shouldUpgrade: { [admission] channel, head in
                let request = ChargerUpgradeRequest(head)
                guard let id = request.chargerID,
                      case .success(let admitted) = admission.decide(chargerID: id, headers: request.headers)
                else { return channel.eventLoop.makeSucceededFuture(nil) }
                return channel.eventLoop.makeSucceededFuture(["sec-websocket-protocol": admitted.version.subprotocol])
            },
            upgradePipelineHandler: { channel, head in
                channel.eventLoop.makeCompletedFuture { try self.startSession(on: channel, head: head) }
            })
        let sync = channel.pipeline.syncOperations
        try sync.configureHTTPServerPipeline(
            withServerUpgrade: (upgraders: [upgrader], completionHandler: { context in
                _ = context.pipeline.syncOperations.removeHandler(name: ChargerUpgradeRefusal.name)
            }))
        try sync.addHandler(ChargerUpgradeRefusal(admission: admission, logger: logger), name: ChargerUpgradeRefusal.name)
    }

    /// The admitted charger's session behind its WebSocket.
    private func startSession(on channel: any Channel, head: HTTPRequestHead) throws {
        let request = ChargerUpgradeRequest(head)
        let id = request.chargerID ?? ""
        let admitted = try admission.admit(chargerID: id, headers: request.headers)
        let send: @Sendable (String) async throws -> Void = { text in
            try await channel.writeAndFlush(ChargerConnectionHandler.textFrame(text, allocator: channel.allocator))
        }
        let (timeout, frameBytes) = (configuration.callTimeout, configuration.maxFrameBytes)
        let session: any ChargerSession
        switch admitted.version {
        case .v16:
            session = OCPP16ChargerSession(
                chargerID: id, isUnknown: admitted.isUnknown, hub: hub, controller: controller,
                configuration: .init(callTimeout: timeout, maximumFrameSize: frameBytes, answersOnReceivingTask: true),
                logger: logger, send: send)
        case .v201:
            session = OCPP201ChargerSession(
                chargerID: id, isUnknown: admitted.isUnknown, hub: hub, controller: controller,
                configuration: .init(callTimeout: timeout, maximumFrameSize: frameBytes, answersOnReceivingTask: true),
                logger: logger, send: send)
        }
        let sync = channel.pipeline.syncOperations
        try sync.addHandler(
            NIOWebSocketFrameAggregator(
                minNonFinalFragmentSize: 0, maxAccumulatedFrameCount: 1_024, maxAccumulatedFrameSize: frameBytes))
        try sync.addHandler(
            ChargerConnectionHandler(
                session: session, isUnknown: admitted.isUnknown, hub: hub, connections: connections,
                heartbeatInterval: configuration.heartbeatInterval, pingInterval: Self.pingInterval, logger: logger))
    }
}
