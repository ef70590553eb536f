import Foundation
import Logging
import StationCore

/// The stations connected now, one connection each: a reconnecting station replaces its old connection.
actor StationConnections {
    private var connections: [String: (connection: StationConnection, generation: Int)] = [:]
    private var generation = 0
    let registry: StationRegistry
    let clock: any StationClock
    let logger: Logger
    /// Called after a station connected or disconnected (its EVSEs' published status changes).
    let stationChanged: @Sendable (String) async -> Void

    init(registry: StationRegistry, clock: any StationClock, logger: Logger, stationChanged: @escaping @Sendable (String) async -> Void = { _ in }) {
        self.stationChanged = stationChanged
        self.registry = registry
        self.clock = clock
        self.logger = logger
    }

    /// Registers a new connection, closing the station's previous one; returns its generation.
    func register(_ connection: StationConnection) async -> Int {
        generation += 1
        let previous = connections[connection.stationID]
        connections[connection.stationID] = (connection, generation)
        if let previous {
            logger.notice("station \(connection.stationID) reconnected: closing its previous connection")
            await previous.connection.close()
        }
        do {
            try await registry.setConnected(connection.stationID, true, at: clock.wallTime)
        } catch {
            logger.error("station \(connection.stationID): cannot record the connection: \(error)")
        }
        let stationID = connection.stationID, stationChanged = stationChanged
        Task { await stationChanged(stationID) }
        return generation
    }

    /// Forgets a connection that ended, unless a newer one has replaced it.
    func unregister(_ stationID: String, generation: Int) async {
        guard connections[stationID]?.generation == generation else { return }
        connections[stationID] = nil
        logger.notice("station \(stationID) disconnected")
        do {
            try await registry.setConnected(stationID, false, at: clock.wallTime)
        } catch {
            logger.error("station \(stationID): cannot record the disconnection: \(error)")
        }
        let stationChanged = stationChanged
        Task { await stationChanged(stationID) }
    }

    func connection(_ stationID: String) -> StationConnection? {
        connections[stationID]?.connection
    }

    var connectedStations: [String] { connections.keys.sorted() }

    /// Closes every connection (at shutdown).
    func closeAll() async {
        for (_, entry) in connections { await entry.connection.close() }
    }
}
