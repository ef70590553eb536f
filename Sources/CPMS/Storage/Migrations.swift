public import Foundation
public import Logging
import SQLKit

/// cpms's schema, one ordered list of migrations for SQLite and PostgreSQL alike.
///
/// The SQL uses only what both dialects accept: TEXT, BIGINT and DOUBLE PRECISION columns, natural primary
/// keys (no auto-increment), flags as 0/1 integers, timestamps as `StoredTime` text and JSON as text.
/// `schema_migrations` records what has been applied; each migration runs in its own transaction.
public enum Migrations {
    struct Migration: Sendable {
        let version: Int
        let name: String
        let statements: [String]
    }

    static let all: [Migration] = [
        Migration(version: 1, name: "stations, ingestion and API tokens", statements: [
            """
            CREATE TABLE stations (
                id TEXT PRIMARY KEY,
                password_hash TEXT NOT NULL,
                created_at TEXT NOT NULL,
                last_seen TEXT,
                connected BIGINT NOT NULL DEFAULT 0,
                vendor_name TEXT,
                model TEXT,
                serial_number TEXT,
                firmware_version TEXT,
                boot_reason TEXT,
                booted_at TEXT,
                duplicates BIGINT NOT NULL DEFAULT 0
            )
            """,
            """
            CREATE TABLE evse_status (
                station TEXT NOT NULL REFERENCES stations (id),
                evse BIGINT NOT NULL,
                connector BIGINT NOT NULL,
                status TEXT NOT NULL,
                socket TEXT,
                updated_at TEXT NOT NULL,
                PRIMARY KEY (station, evse, connector)
            )
            """,
            """
            CREATE TABLE transactions (
                station TEXT NOT NULL REFERENCES stations (id),
                transaction_id TEXT NOT NULL,
                evse BIGINT,
                id_token TEXT,
                started_at TEXT,
                ended_at TEXT,
                stopped_reason TEXT,
                charging_state TEXT,
                energy_wh DOUBLE PRECISION,
                last_seq_no BIGINT NOT NULL,
                PRIMARY KEY (station, transaction_id)
            )
            """,
            """
            CREATE TABLE transaction_events (
                station TEXT NOT NULL REFERENCES stations (id),
                transaction_id TEXT NOT NULL,
                seq_no BIGINT NOT NULL,
                event_type TEXT NOT NULL,
                trigger_reason TEXT NOT NULL,
                "timestamp" TEXT NOT NULL,
                offline BIGINT NOT NULL,
                evse BIGINT,
                id_token TEXT,
                charging_state TEXT,
                energy_wh DOUBLE PRECISION,
                meter_values TEXT,
                received_at TEXT NOT NULL,
                PRIMARY KEY (station, transaction_id, seq_no)
            )
            """,
            """
            CREATE TABLE meter_values (
                station TEXT NOT NULL REFERENCES stations (id),
                evse BIGINT NOT NULL,
                "timestamp" TEXT NOT NULL,
                sampled_values TEXT NOT NULL,
                energy_wh DOUBLE PRECISION,
                power_w DOUBLE PRECISION,
                received_at TEXT NOT NULL,
                PRIMARY KEY (station, evse, "timestamp")
            )
            """,
            """
            CREATE TABLE battery_telemetry (
                station TEXT NOT NULL REFERENCES stations (id),
                "timestamp" TEXT NOT NULL,
                soc_percent DOUBLE PRECISION NOT NULL,
                power_w DOUBLE PRECISION NOT NULL,
                setpoint_w DOUBLE PRECISION NOT NULL,
                mode TEXT NOT NULL,
                quality TEXT NOT NULL,
                received_at TEXT NOT NULL,
                PRIMARY KEY (station, "timestamp")
            )
            """,
            """
            CREATE TABLE availability_audit (
                station TEXT NOT NULL REFERENCES stations (id),
                "timestamp" TEXT NOT NULL,
                evse_id BIGINT NOT NULL,
                socket TEXT,
                enabled BIGINT NOT NULL,
                source TEXT NOT NULL,
                actor TEXT,
                reason TEXT,
                received_at TEXT NOT NULL,
                PRIMARY KEY (station, "timestamp", evse_id, source)
            )
            """,
            """
            CREATE TABLE station_events (
                station TEXT NOT NULL REFERENCES stations (id),
                event_id BIGINT NOT NULL,
                "timestamp" TEXT NOT NULL,
                trigger TEXT NOT NULL,
                event_type TEXT NOT NULL,
                actual_value TEXT NOT NULL,
                component TEXT NOT NULL,
                variable TEXT NOT NULL,
                evse BIGINT,
                cleared BIGINT NOT NULL,
                tech_code TEXT,
                tech_info TEXT,
                received_at TEXT NOT NULL,
                PRIMARY KEY (station, event_id, "timestamp")
            )
            """,
            """
            CREATE TABLE api_tokens (
                token_sha256 TEXT PRIMARY KEY,
                name TEXT NOT NULL,
                created_at TEXT NOT NULL
            )
            """,
            #"CREATE INDEX transaction_events_by_time ON transaction_events (station, "timestamp")"#,
            #"CREATE INDEX transactions_open ON transactions (station, ended_at)"#,
        ]),
        Migration(version: 2, name: "tariffs with versions and their assignments", statements: [
            """
            CREATE TABLE tariffs (
                id TEXT PRIMARY KEY,
                created_at TEXT NOT NULL
            )
            """,
            """
            CREATE TABLE tariff_versions (
                tariff TEXT NOT NULL REFERENCES tariffs (id),
                version BIGINT NOT NULL,
                valid_from TEXT NOT NULL,
                ocpi_json TEXT NOT NULL,
                PRIMARY KEY (tariff, version)
            )
            """,
            """
            CREATE TABLE tariff_assignments (
                station TEXT NOT NULL REFERENCES stations (id),
                evse BIGINT NOT NULL,
                connector BIGINT NOT NULL,
                valid_from TEXT NOT NULL,
                seq BIGINT NOT NULL,
                tariff TEXT NOT NULL REFERENCES tariffs (id),
                PRIMARY KEY (station, evse, connector, valid_from, seq)
            )
            """,
        ]),
        chargingRecords,
        calendar,
        ocpiParties,
        locations,
        ocpiPushQueue,
        ocpiTokens,
        ocpiPushDelivery,
        ocpiSessions,
        ocpiCommands,
        ocpiBookings,
        supply,
        openADREvents,
        oscp,
        portal,
        latestReadings,
    ]

    /// Applies the migrations not yet applied, in order; returns the versions it applied.
    @discardableResult
    public static func run(on database: any CPMSDatabase, clock now: @escaping @Sendable () -> Date, logger: Logger) async throws -> [Int] {
        try await database.withConnection { connection in
            try await connection.raw(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version BIGINT PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)"
            ).run()
        }
        var applied: [Int] = []
        for migration in all {
            let done = try await database.transaction { connection -> Bool in
                let existing = try await connection.select().column("version").from("schema_migrations")
                    .where("version", .equal, migration.version).first()
                guard existing == nil else { return false }
                for statement in migration.statements { try await connection.raw(SQLQueryString(statement)).run() }
                try await connection.insert(into: "schema_migrations").columns("version", "name", "applied_at")
                    .values(migration.version, migration.name, StoredTime.text(now())).run()
                return true
            }
            if done {
                logger.info("applied migration \(migration.version): \(migration.name)")
                applied.append(migration.version)
            }
        }
        return applied
    }
}
