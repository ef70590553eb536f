public import Foundation
import SQLKit

/// The `stations` table: registration, credentials, presence and boot information.
public struct StationRegistry: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// Registers stations with a password hash each; fails without writing anything if one id is taken.
    public func add(ids: [String], passwordHash: String, at time: Date) async throws {
        try await database.transaction { connection in
            for chunk in stride(from: 0, to: ids.count, by: 200).map({ Array(ids[$0..<min($0 + 200, ids.count)]) }) {
                let taken = try await connection.select().column("id").from("stations").where("id", .in, chunk).all()
                if let row = taken.first {
                    throw StationRegistryError.duplicate(try row.decode(column: "id", as: String.self))
                }
                var insert = connection.insert(into: "stations").columns("id", "password_hash", "created_at", "connected", "duplicates")
                for id in chunk { insert = insert.values(id, passwordHash, StoredTime.text(time), 0, 0) }
                try await insert.run()
            }
        }
    }

    /// The stored bcrypt hash of a station's password, nil for an unknown station.
    public func passwordHash(of id: String) async throws -> String? {
        try await database.withConnection { connection in
            try await connection.select().column("password_hash").from("stations").where("id", .equal, id).first()?
                .decode(column: "password_hash", as: String.self)
        }
    }

    public func station(_ id: String) async throws -> StationRecord? {
        try await database.withConnection { connection in
            try await Self.select(connection).where("id", .equal, id).first().map(Self.record)
        }
    }

    public func all() async throws -> [StationRecord] {
        try await database.withConnection { connection in
            try await Self.select(connection).orderBy("id").all().map(Self.record)
        }
    }

    /// Marks a station connected or not and seen at `time`.
    public func setConnected(_ id: String, _ connected: Bool, at time: Date) async throws {
        try await database.withConnection { connection in
            try await connection.update("stations").set("connected", to: connected ? 1 : 0).set("last_seen", to: StoredTime.text(time))
                .where("id", .equal, id).run()
        }
    }

    public func seen(_ id: String, at time: Date) async throws {
        try await database.withConnection { connection in
            try await connection.update("stations").set("last_seen", to: StoredTime.text(time)).where("id", .equal, id).run()
        }
    }

    public func recordBoot(_ id: String, _ boot: StationBoot) async throws {
        try await database.withConnection { connection in
            try await connection.update("stations")
                .set("vendor_name", to: boot.vendorName).set("model", to: boot.model)
                .set("serial_number", to: boot.serialNumber).set("firmware_version", to: boot.firmwareVersion)
                .set("boot_reason", to: boot.reason).set("booted_at", to: boot.at).set("last_seen", to: boot.at)
                .where("id", .equal, id).run()
        }
    }

    /// Sets the IANA time zone of the station's location (tariff restrictions are evaluated in it); false for an
    /// unknown station. The caller checks the name.
    public func setTimeZone(_ id: String, _ zone: String) async throws -> Bool {
        try await database.withConnection { connection in
            !(try await connection.update("stations").set("time_zone", to: zone).where("id", .equal, id)
                .returning(SQLIdentifier("id")).all()).isEmpty
        }
    }

    /// Marks every station disconnected: at start, no connection survives from an earlier run.
    public func disconnectAll() async throws {
        try await database.withConnection { connection in
            try await connection.update("stations").set("connected", to: 0).where("connected", .notEqual, 0).run()
        }
    }

    static func select(_ connection: any SQLDatabase) -> SQLSelectBuilder {
        connection.select()
            .columns("id", "created_at", "last_seen", "connected", "vendor_name", "model", "serial_number", "firmware_version",
                     "boot_reason", "booted_at", "duplicates", "time_zone")
            .from("stations")
    }

    static func record(_ row: any SQLRow) throws -> StationRecord {
        StationRecord(
            id: try row.decode(column: "id", as: String.self),
            createdAt: try row.decode(column: "created_at", as: String.self),
            lastSeen: try row.decode(column: "last_seen", as: String?.self),
            connected: try row.decode(column: "connected", as: Int.self) != 0,
            vendorName: try row.decode(column: "vendor_name", as: String?.self),
            model: try row.decode(column: "model", as: String?.self),
            serialNumber: try row.decode(column: "serial_number", as: String?.self),
            firmwareVersion: try row.decode(column: "firmware_version", as: String?.self),
            bootReason: try row.decode(column: "boot_reason", as: String?.self),
            bootedAt: try row.decode(column: "booted_at", as: String?.self),
            duplicatesIgnored: try row.decode(column: "duplicates", as: Int.self),
            timeZone: try row.decode(column: "time_zone", as: String.self))
    }
}

/// Why a station cannot be registered.
public enum StationRegistryError: Error, Equatable, CustomStringConvertible, Sendable {
    case duplicate(String)
    case invalidID(String)

    public var description: String {
        switch self {
        case .duplicate(let id): "station \(id) already exists"
        case .invalidID(let why): why
        }
    }
}
