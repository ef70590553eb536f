import Foundation
import OCPP
import SQLKit

/// What the overview shows of every station, read with a fixed number of set-based queries (not one per
/// station): the stations, every EVSE status, the latest meter value of each EVSE (EVSE 0 is the grid meter)
/// and the latest battery telemetry of each station, from the tables the ingest keeps them in.
struct OverviewData: Sendable {
    struct Station: Sendable {
        let id: String
        let lastSeen: Date?
        var sockets: [Socket] = []
        var gridPowerW: Double?
        var gridAt: Date?
        var battery: Battery?
    }

    struct Socket: Sendable {
        let evse: Int
        let connector: Int
        let status: String
        let socket: String?
        var powerW: Double?
    }

    struct Battery: Sendable {
        let socPercent: Double
        /// Positive: discharging (as stationd reports it).
        let powerW: Double
        let at: Date
    }

    let database: any CPMSDatabase

    func stations() async throws -> [Station] {
        try await database.withReadConnection { connection in
            var stations: [String: Station] = [:]
            var order: [String] = []
            for row in try await connection.select().columns("id", "last_seen").from("stations").orderBy("id").all() {
                let id = try row.required(row.plainString("id"), "id")
                let lastSeen = try row.plainString("last_seen").flatMap(OCPPDateTime.parse)
                stations[id] = Station(id: id, lastSeen: lastSeen)
                order.append(id)
            }
            for row in try await connection.select().columns("station", "evse", "connector", "status", "socket").from("evse_status")
                .orderBy("station").orderBy("evse").orderBy("connector").all() {
                let id = try row.required(row.plainString("station"), "station")
                stations[id]?.sockets.append(Socket(
                    evse: try row.required(row.plainInt("evse"), "evse"), connector: try row.required(row.plainInt("connector"), "connector"),
                    status: try row.required(row.plainString("status"), "status"), socket: try row.plainString("socket")))
            }
            // The latest readings, as the ingest keeps them (migration 17): EVSE 0 is the grid meter; a socket's
            // EVSE without a status row is not shown.
            for row in try await connection.select().columns("station", "evse", "power_w", "timestamp").from("latest_meter_values").all() {
                let id = try row.required(row.plainString("station"), "station")
                let evse = try row.required(row.plainInt("evse"), "evse")
                let power = try row.plainDouble("power_w")
                guard var station = stations[id] else { continue }
                if evse == 0 {
                    station.gridPowerW = power
                    station.gridAt = try row.plainString("timestamp").flatMap(OCPPDateTime.parse)
                } else {
                    for index in station.sockets.indices where station.sockets[index].evse == evse { station.sockets[index].powerW = power }
                }
                stations[id] = station
            }
            for row in try await connection.select().columns("station", "soc_percent", "power_w", "timestamp").from("latest_battery_telemetry").all() {
                let id = try row.required(row.plainString("station"), "station")
                guard let at = try row.plainString("timestamp").flatMap(OCPPDateTime.parse) else { continue }
                stations[id]?.battery = Battery(
                    socPercent: try row.required(row.plainDouble("soc_percent"), "soc_percent"),
                    powerW: try row.required(row.plainDouble("power_w"), "power_w"), at: at)
            }
            return order.compactMap { stations[$0] }
        }
    }
}
