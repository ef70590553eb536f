@testable import CPMS
import Foundation
import SQLKit
import Testing

/// The latest meter value per EVSE and battery reading per station (migration 17), which the portal's overview
/// reads: kept by the ingest, never moved back by a late reading, and filled by the migration from what was
/// stored before it.
@Suite
struct LatestReadingsTests {
    static let receivedAt = "2027-01-15T09:00:00.000Z"

    func meter(_ station: String, _ evse: Int, _ minute: Int, powerW: Double, energyWh: Double? = nil) -> MeterValueRecord {
        MeterValueRecord(
            station: station, evse: evse, timestamp: String(format: "2027-01-15T08:%02d:00.000Z", minute), sampledValuesJSON: "[]",
            energyWh: energyWh, powerW: powerW, receivedAt: Self.receivedAt)
    }

    func battery(_ station: String, _ minute: Int, soc: Double) -> BatteryTelemetryRecord {
        BatteryTelemetryRecord(
            station: station, timestamp: String(format: "2027-01-15T08:%02d:00.000Z", minute), socPercent: soc, powerW: -1000,
            setpointW: -1000, mode: "setpoint", quality: "fresh", receivedAt: Self.receivedAt)
    }

    func latest(_ database: any CPMSDatabase, _ station: String) async throws -> (meters: [Int: String], battery: String?) {
        try await database.withConnection { connection in
            var meters: [Int: String] = [:]
            for row in try await connection.select().columns("evse", "timestamp", "power_w", "energy_wh").from("latest_meter_values")
                .where("station", .equal, station).all() {
                let energy = try row.decode(column: "energy_wh", as: Double?.self).map { " \(Int($0)) Wh" } ?? ""
                meters[try row.decode(column: "evse", as: Int.self)] =
                    "\(try row.decode(column: "timestamp", as: String.self).dropFirst(11).prefix(5)) \(Int(try row.decode(column: "power_w", as: Double.self))) W\(energy)"
            }
            let battery = try await connection.select().columns("timestamp", "soc_percent").from("latest_battery_telemetry")
                .where("station", .equal, station).first().map {
                    "\(try $0.decode(column: "timestamp", as: String.self).dropFirst(11).prefix(5)) \(Int(try $0.decode(column: "soc_percent", as: Double.self))) %"
                }
            return (meters, battery)
        }
    }

    @Test(arguments: TestBackend.available)
    func theIngestKeepsTheNewestReadingAndALateOneChangesNothing(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = uniqueStationID("LATEST")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "not-a-real-hash", at: Date())
        let writer = IngestWriter(database: database, logger: .quiet)
        // Several values of one EVSE in one message, not in time order: the newest is kept.
        _ = try await writer.store(.meterValues([
            meter(station, 0, 10, powerW: 5000, energyWh: 1000), meter(station, 0, 12, powerW: 7000, energyWh: 1200),
            meter(station, 0, 11, powerW: 6000, energyWh: 1100), meter(station, 1, 10, powerW: 3700),
        ]))
        _ = try await writer.store(.batteryTelemetry(battery(station, 10, soc: 50)))
        #expect(try await latest(database, station).meters == [0: "08:12 7000 W 1200 Wh", 1: "08:10 3700 W"])
        #expect(try await latest(database, station).battery == "08:10 50 %")

        // An offline backlog arrives after newer values: older readings are stored but change nothing here.
        _ = try await writer.store(.meterValues([meter(station, 0, 5, powerW: 1, energyWh: 500), meter(station, 1, 5, powerW: 1)]))
        _ = try await writer.store(.batteryTelemetry(battery(station, 5, soc: 20)))
        // A replay of the newest changes nothing either; a newer value moves it on.
        _ = try await writer.store(.meterValues([meter(station, 0, 12, powerW: 7000, energyWh: 1200)]))
        _ = try await writer.store(.meterValues([meter(station, 1, 15, powerW: 11000)]))
        _ = try await writer.store(.batteryTelemetry(battery(station, 15, soc: 55)))
        #expect(try await latest(database, station).meters == [0: "08:12 7000 W 1200 Wh", 1: "08:15 11000 W"])
        #expect(try await latest(database, station).battery == "08:15 55 %")
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func theMigrationFillsTheLatestReadingsFromThoseStoredBeforeIt(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = uniqueStationID("LATEST")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "not-a-real-hash", at: Date())
        // Readings stored as before migration 17: in the reading tables only.
        try await database.withConnection { connection in
            for (evse, minute, power) in [(0, 1, 100.0), (0, 3, 300.0), (0, 2, 200.0), (2, 7, 2200.0)] {
                try await connection.insert(into: "meter_values").columns("station", "evse", "timestamp", "sampled_values", "power_w", "received_at")
                    .values(SQLBind(station), SQLBind(evse), SQLBind(String(format: "2027-01-15T08:%02d:00.000Z", minute)), SQLBind("[]"),
                            SQLBind(power), SQLBind(Self.receivedAt)).run()
            }
            for (minute, soc) in [(4, 40.0), (9, 45.0), (6, 42.0)] {
                let b = battery(station, minute, soc: soc)
                try await connection.insert(into: "battery_telemetry")
                    .columns("station", "timestamp", "soc_percent", "power_w", "setpoint_w", "mode", "quality", "received_at")
                    .values(SQLBind(station), SQLBind(b.timestamp), SQLBind(b.socPercent), SQLBind(b.powerW), SQLBind(b.setpointW), SQLBind(b.mode),
                            SQLBind(b.quality), SQLBind(b.receivedAt)).run()
            }
            for statement in Migrations.latestReadings.statements where statement.contains("INSERT") {
                try await connection.raw(SQLQueryString(statement)).run()
            }
        }
        #expect(try await latest(database, station).meters == [0: "08:03 300 W", 2: "08:07 2200 W"])
        #expect(try await latest(database, station).battery == "08:09 45 %")
        await database.shutdown()
    }
}
