public import Foundation
import SQLKit
public import Tariffs

/// One saved version of a tariff: the OCPI tariff as it was saved, in force from `validFrom` until the next version.
public struct TariffVersion: Sendable, Equatable {
    public let tariffID: String
    public let version: Int
    public let validFrom: Date
    public let tariff: Tariff
}

/// Where a tariff applies: a whole station, one EVSE of it, or one connector of an EVSE.
public struct TariffTarget: Sendable, Equatable, CustomStringConvertible {
    public let station: String
    public let evse: Int?
    public let connector: Int?

    /// A connector needs its EVSE; EVSE and connector ids start at 1.
    public init(station: String, evse: Int? = nil, connector: Int? = nil) throws(TariffStoreError) {
        if let evse, evse < 1 { throw .invalidTarget("evse must be 1 or more") }
        if let connector {
            guard evse != nil else { throw .invalidTarget("a connector needs its evse") }
            guard connector >= 1 else { throw .invalidTarget("connector must be 1 or more") }
        }
        self.station = station
        self.evse = evse
        self.connector = connector
    }

    public var description: String {
        station + (evse.map { " EVSE \($0)" } ?? "") + (connector.map { " connector \($0)" } ?? "")
    }
}

/// The tariffs cpms sells at, with every version kept, and which station, EVSE or connector uses which.
///
/// An edit never changes a stored version: it adds the next one, in force from the moment it is saved. An
/// assignment is also kept from the moment it is made, so the tariff in force at an earlier time stays answerable.
public struct TariffStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// Stores a new tariff as its version 1, valid from `time`; fails if its id exists.
    public func create(_ tariff: Tariff, at time: Date) async throws -> TariffVersion {
        try await database.transaction { connection in
            let existing = try await connection.select().column("id").from("tariffs").where("id", .equal, tariff.id).first()
            guard existing == nil else { throw TariffStoreError.duplicate(tariff.id) }
            try await connection.insert(into: "tariffs").columns("id", "created_at").values(tariff.id, StoredTime.text(time)).run()
            return try await Self.insertVersion(tariff, number: 1, validFrom: time, connection)
        }
    }

    /// Saves `tariff` as the next version of the stored tariff with its id, valid from `time` (or from the
    /// previous version's start, if the clock went back).
    public func edit(_ tariff: Tariff, at time: Date) async throws -> TariffVersion {
        try await edit(tariff, at: time, expecting: nil) { _, _ in }
    }

    /// Saves `tariff` as the next version like `edit`, and runs `also` with the new version on the same
    /// transaction (the portal writes its audit entry there); `expecting` refuses the edit when the latest
    /// version is no longer that number (someone else saved in between).
    func edit(
        _ tariff: Tariff, at time: Date, expecting expected: Int? = nil,
        also: @escaping @Sendable (TariffVersion, any SQLDatabase) async throws -> Void
    ) async throws -> TariffVersion {
        try await database.transaction { connection in
            guard let latest = try await Self.versions(of: tariff.id, connection).last else { throw TariffStoreError.unknownTariff(tariff.id) }
            if let expected, expected != latest.version { throw TariffStoreError.staleVersion(tariff.id, latest: latest.version) }
            let version = try await Self.insertVersion(tariff, number: latest.version + 1, validFrom: max(time, latest.validFrom), connection)
            try await also(version, connection)
            return version
        }
    }

    /// Where a tariff applies now: every station, EVSE or connector whose latest assignment names it.
    public func targets(of id: String) async throws -> [TariffTarget] {
        try await database.withConnection { connection in
            let rows = try await connection.select().columns("station", "evse", "connector", "tariff").from("tariff_assignments")
                .orderBy("station").orderBy("evse").orderBy("connector").orderBy("valid_from").orderBy("seq").all()
            var latest: [String: (TariffTarget, String)] = [:]
            var order: [String] = []
            for row in rows {
                let station = try row.decode(column: "station", as: String.self)
                let evse = try row.decode(column: "evse", as: Int.self), connector = try row.decode(column: "connector", as: Int.self)
                let key = "\(station)|\(evse)|\(connector)"
                guard let target = try? TariffTarget(station: station, evse: evse == 0 ? nil : evse, connector: connector == 0 ? nil : connector) else {
                    continue
                }
                if latest[key] == nil { order.append(key) }
                latest[key] = (target, try row.decode(column: "tariff", as: String.self))
            }
            return order.compactMap { latest[$0] }.filter { $0.1 == id }.map(\.0)
        }
    }

    /// Every version of a tariff, oldest first; empty for an unknown tariff.
    public func versions(of id: String) async throws -> [TariffVersion] {
        try await database.withConnection { try await Self.versions(of: id, $0) }
    }

    /// The latest version of every tariff, by id.
    public func latestVersions() async throws -> [TariffVersion] {
        try await database.withConnection { try await Self.latestVersions(on: $0) }
    }

    /// The latest version of every tariff, read on `connection` (inside a caller's transaction).
    static func latestVersions(on connection: any SQLDatabase) async throws -> [TariffVersion] {
        do {
            let rows = try await connection.select().columns("tariff", "version", "valid_from", "ocpi_json").from("tariff_versions")
                .orderBy("tariff").orderBy("version").all()
            var latest: [String: TariffVersion] = [:]
            for row in rows {
                let version = try Self.version(row)
                latest[version.tariffID] = version
            }
            return latest.values.sorted { $0.tariffID < $1.tariffID }
        }
    }

    /// Makes `tariff` the one for `target` from `time` on; a more specific assignment still wins over it.
    public func assign(_ tariff: String, to target: TariffTarget, at time: Date) async throws {
        try await database.transaction { connection in
            guard try await connection.select().column("id").from("tariffs").where("id", .equal, tariff).first() != nil else {
                throw TariffStoreError.unknownTariff(tariff)
            }
            guard try await connection.select().column("id").from("stations").where("id", .equal, target.station).first() != nil else {
                throw TariffStoreError.unknownStation(target.station)
            }
            let rows = try await Self.assignments(target.station, target.evse ?? 0, target.connector ?? 0, connection)
            let validFrom = max(StoredTime.text(time), rows.last?.validFrom ?? "")
            try await connection.insert(into: "tariff_assignments")
                .columns("station", "evse", "connector", "valid_from", "seq", "tariff")
                .values(target.station, target.evse ?? 0, target.connector ?? 0, validFrom, rows.count + 1, tariff).run()
        }
    }

    /// The tariff version that prices a session at `target` starting at `time`: the most specific assignment
    /// made by then (connector, then EVSE, then station), and that tariff's version in force at that time.
    public func versionInForce(for target: TariffTarget, at time: Date) async throws -> TariffVersion? {
        try await database.withConnection { connection in
            var levels: [(Int, Int)] = [(0, 0)]
            if let evse = target.evse {
                levels.insert((evse, 0), at: 0)
                if let connector = target.connector { levels.insert((evse, connector), at: 0) }
            }
            let moment = StoredTime.text(time)
            for (evse, connector) in levels {
                let made = try await Self.assignments(target.station, evse, connector, connection).filter { $0.validFrom <= moment }
                guard let assignment = made.last else { continue }
                return try await Self.versions(of: assignment.tariff, connection).last { StoredTime.text($0.validFrom) <= moment }
            }
            return nil
        }
    }

    private static func insertVersion(_ tariff: Tariff, number: Int, validFrom: Date, _ connection: any SQLDatabase) async throws -> TariffVersion {
        let stored = StoredTime.text(validFrom)
        var saved = tariff
        saved.lastUpdated = OCPIDateTime(stored) ?? OCPIDateTime(validFrom)
        let json = String(decoding: try OCPIJSON.encode(saved), as: UTF8.self)
        try await connection.insert(into: "tariff_versions").columns("tariff", "version", "valid_from", "ocpi_json")
            .values(tariff.id, number, stored, json).run()
        let row = try await connection.select().columns("tariff", "version", "valid_from", "ocpi_json").from("tariff_versions")
            .where("tariff", .equal, tariff.id).where("version", .equal, number).first()
        guard let row else { throw TariffStoreError.corrupt("tariff \(tariff.id) version \(number) was not stored") }
        return try version(row)
    }

    private static func versions(of id: String, _ connection: any SQLDatabase) async throws -> [TariffVersion] {
        try await connection.select().columns("tariff", "version", "valid_from", "ocpi_json").from("tariff_versions")
            .where("tariff", .equal, id).orderBy("version").all().map(version)
    }

    private static func version(_ row: any SQLRow) throws -> TariffVersion {
        let id = try row.decode(column: "tariff", as: String.self)
        let validFrom = try row.decode(column: "valid_from", as: String.self)
        guard let start = OCPIDateTime(validFrom)?.date else { throw TariffStoreError.corrupt("tariff \(id): valid_from \(validFrom)") }
        let tariff: Tariff
        do {
            tariff = try OCPIJSON.decodeTariff(Data(try row.decode(column: "ocpi_json", as: String.self).utf8))
        } catch {
            throw TariffStoreError.corrupt("tariff \(id): \(error)")
        }
        return TariffVersion(tariffID: id, version: try row.decode(column: "version", as: Int.self), validFrom: start, tariff: tariff)
    }

    private struct Assignment {
        let validFrom: String
        let tariff: String
    }

    /// The assignments made at one level, in the order they were made.
    private static func assignments(_ station: String, _ evse: Int, _ connector: Int, _ connection: any SQLDatabase) async throws -> [Assignment] {
        try await connection.select().columns("valid_from", "tariff").from("tariff_assignments")
            .where("station", .equal, station).where("evse", .equal, evse).where("connector", .equal, connector)
            .orderBy("valid_from").orderBy("seq").all()
            .map { Assignment(validFrom: try $0.decode(column: "valid_from", as: String.self), tariff: try $0.decode(column: "tariff", as: String.self)) }
    }
}

/// Why a tariff cannot be stored, edited or assigned.
public enum TariffStoreError: Error, Equatable, CustomStringConvertible, Sendable {
    case duplicate(String)
    case unknownTariff(String)
    case unknownStation(String)
    case invalidTarget(String)
    case corrupt(String)
    case staleVersion(String, latest: Int)

    public var description: String {
        switch self {
        case .duplicate(let id): "tariff \(id) already exists"
        case .unknownTariff(let id): "unknown tariff \(id)"
        case .unknownStation(let id): "unknown station \(id)"
        case .invalidTarget(let why): why
        case .corrupt(let what): "stored tariff is unreadable: \(what)"
        case .staleVersion(let id, let latest): "tariff \(id) was changed meanwhile: its latest version is \(latest)"
        }
    }
}
