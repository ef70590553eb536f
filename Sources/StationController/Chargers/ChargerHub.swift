public import Logging
import OCPP
public import StationConfig
import StationCore

/// The chargers connected now, one session each: a reconnecting charger replaces its old connection.
public actor ChargerHub {
    private var sessions: [String: (session: any ChargerSession, generation: Int, disconnect: @Sendable () -> Void)] = [:]
    private var generation = 0
    let configuration: OCPPServerConfiguration
    let controller: StationController
    let logger: Logger
    /// Each configured charger's connectors and the sockets they are.
    private let socketsByConnector: [String: [Int: SocketID]]

    public init(configuration: OCPPServerConfiguration, controller: StationController, logger: Logger) {
        self.configuration = configuration
        self.controller = controller
        self.logger = logger
        socketsByConnector = Dictionary(
            configuration.chargers.map { charger in
                (charger.id, Dictionary(charger.connectors.map { ($0.connector, SocketID($0.socket)) }, uniquingKeysWith: { first, _ in first }))
            },
            uniquingKeysWith: { first, _ in first })
    }

    /// One link per configured connector, for the controller to drive.
    public nonisolated func links() -> [any ChargerConnectorLink] {
        configuration.chargers.flatMap { charger in
            charger.connectors.map {
                HubConnectorLink(socket: SocketID($0.socket), chargerID: charger.id, connector: $0.connector, hub: self)
            }
        }
    }

    /// Registers a new connection, closing the charger's previous one (its session, then with `disconnect`
    /// its transport); returns its generation.
    func register(_ session: any ChargerSession, disconnect: @escaping @Sendable () -> Void) async -> Int {
        generation += 1
        let previous = sessions[session.chargerID]
        sessions[session.chargerID] = (session, generation, disconnect)
        if let previous {
            logger.notice("charger \(session.chargerID) reconnected: closing its previous connection")
            await previous.session.close()
            previous.disconnect()
        }
        await controller.chargerConnected(sockets(of: session.chargerID))
        return generation
    }

    /// Forgets a connection that ended, unless a newer one has replaced it.
    func unregister(_ chargerID: String, generation: Int) async {
        guard sessions[chargerID]?.generation == generation else { return }
        sessions[chargerID] = nil
        logger.notice("charger \(chargerID) disconnected")
        await controller.chargerDisconnected(sockets(of: chargerID))
    }

    func session(_ chargerID: String) -> (any ChargerSession)? { sessions[chargerID]?.session }

    public var connectedChargers: [String] { sessions.keys.sorted() }

    nonisolated func sockets(of chargerID: String) -> [SocketID] {
        configuration.charger(id: chargerID)?.connectors.map { SocketID($0.socket) } ?? []
    }

    /// The socket a charger's connector is, if configured.
    nonisolated func socket(chargerID: String, connector: Int) -> SocketID? {
        socketsByConnector[chargerID]?[connector]
    }

    /// The charger connector a socket is.
    nonisolated func connector(of socket: SocketID) -> (chargerID: String, connector: Int)? {
        for charger in configuration.chargers {
            if let connector = charger.connectors.first(where: { $0.socket == socket.rawValue }) {
                return (charger.id, connector.connector)
            }
        }
        return nil
    }
}

/// A socket that is a connector of a charger reached through the hub.
struct HubConnectorLink: ChargerConnectorLink {
    let socket: SocketID
    let chargerID: String
    let connector: Int
    let hub: ChargerHub

    var isConnected: Bool {
        get async { await hub.session(chargerID) != nil }
    }

    func offer(_ current: Amperes) async throws {
        try await session().setLimit(connector: connector, current: current)
    }

    func setOperative(_ operative: Bool) async throws {
        try await session().setOperative(connector: connector, operative)
    }

    func reserve(_ reservation: Reservation) async throws {
        try await session().reserve(
            connector: connector, reservationID: reservation.id, idTag: reservation.idTag, expiresAt: reservation.expiresAt)
    }

    func cancelReservation(_ reservationID: Int) async throws {
        try await session().cancelReservation(reservationID)
    }

    func remoteStart(idTag: String) async throws {
        try await session().remoteStart(connector: connector, idTag: idTag)
    }

    func remoteStop(sessionID: String) async throws {
        try await session().remoteStop(connector: connector, sessionID: sessionID)
    }

    private func session() async throws -> any ChargerSession {
        guard let session = await hub.session(chargerID) else {
            throw ChargerRefusal(description: "charger \(chargerID) is not connected")
        }
        return session
    }
}
