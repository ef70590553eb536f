public import Logging
public import OCPP
public import StationCore
import SQLKit

/// One station's connection to the gateway, with the handlers cpms registers for everything a 2.0.1 station
/// sends, over a database but without a WebSocket: for fuzzing what a station can send (`StationFuzzing`).
@_spi(Fuzzing)
public final class StationMessageHandlers: Sendable {
    let connection: StationConnection
    let database: any CPMSDatabase

    /// Enrols `stationID` (a placeholder password hash: no station logs in here) and registers its handlers.
    public init(
        stationID: String, database: any CPMSDatabase, clock: any StationClock, logger: Logger, send: @escaping OCPP201Endpoint.Send
    ) async throws {
        let registry = StationRegistry(database: database)
        try await registry.add(ids: [stationID], passwordHash: "-", at: clock.wallTime)
        connection = StationConnection(
            stationID: stationID, settings: GatewaySettings(), writer: IngestWriter(database: database, logger: logger),
            recorder: ChargingRecorder(database: database, logger: logger), registry: registry, clock: clock, logger: logger, send: send)
        self.database = database
        await connection.start()
    }

    /// One text frame from the station, answered before it returns.
    public func receive(_ text: String) async {
        await connection.receive(text)
    }

    public func close() async {
        await connection.close()
    }

    /// Every number stored from the station's messages: meter readings, battery telemetry, transactions' energy.
    public func storedFigures() async throws -> [Double] {
        let station = connection.stationID
        let columns: [(table: String, column: String)] = [
            ("transaction_events", "energy_wh"), ("meter_values", "energy_wh"), ("meter_values", "power_w"),
            ("battery_telemetry", "soc_percent"), ("battery_telemetry", "power_w"), ("battery_telemetry", "setpoint_w"),
            ("transactions", "energy_wh"),
        ]
        return try await database.withConnection { connection in
            var figures: [Double] = []
            for (table, column) in columns {
                for row in try await connection.select().column(column).from(table).where("station", .equal, station).all() {
                    if let value = try row.decode(column: column, as: Double?.self) { figures.append(value) }
                }
            }
            return figures
        }
    }
}
