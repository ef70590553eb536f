public import Foundation
import OCPI
import OCPP
import SQLKit
import Synchronization

/// The `station_locations` rows and the reading of everything a station's OCPI Location is made of.
public struct LocationStore: Sendable {
    let database: any CPMSDatabase
    let decodedDetails = DecodedDetails()

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// Details as last decoded, by station, with the JSON they came from: a row whose JSON is unchanged is not read
    /// again (strict decoding with OCPI's rules is most of the cost of listing every Location).
    final class DecodedDetails: Sendable {
        private let decoded = Mutex<[String: (json: String, details: LocationDetails)]>([:])

        func details(station: String, json: String) throws -> LocationDetails {
            if let known = decoded.withLock({ $0[station] }), known.json == json { return known.details }
            let details: LocationDetails
            do {
                details = try LocationDetails.decode(Data(json.utf8))
            } catch {
                throw LocationStoreError.corrupt("location of \(station): \(error)")
            }
            decoded.withLock { $0[station] = (json, details) }
            return details
        }
    }

    /// A station's stored location details.
    public struct Stored: Sendable, Equatable {
        public var station: String
        public var details: LocationDetails
        /// The details' `evse_code`, or the one derived from the station id.
        public var evseCode: String
        public var updatedAt: Date
    }

    /// Stores a station's location details (replacing earlier ones) and returns them as stored.
    ///
    /// Throws `LocationStoreError` and stores nothing when the station is unknown, its id cannot be an OCPI
    /// location id, it has no EVSE code, or its code is another location's.
    public func set(_ details: LocationDetails, station: String, at time: Date) async throws -> Stored {
        guard station.utf8.count <= 36, station.utf8.allSatisfy({ (0x21...0x7E).contains($0) }) else {
            throw LocationStoreError.stationIDUnfit(station)
        }
        guard let code = details.evseCode ?? EVSEIdentity.derivedCode(station: station) else { throw LocationStoreError.noEVSECode(station) }
        return try await database.transaction { connection in
            guard try await connection.select().column("id").from("stations").where("id", .equal, station).first() != nil else {
                throw LocationStoreError.unknownStation(station)
            }
            if let other = try await connection.select().column("station").from("station_locations").where("evse_code", .equal, code)
                .where("station", .notEqual, station).first()
            {
                throw LocationStoreError.evseCodeTaken(code, by: try other.decode(column: "station", as: String.self))
            }
            let json = String(decoding: try OCPICoding.encode(details), as: UTF8.self)
            let now = StoredTime.text(time)
            try await connection.delete(from: "station_locations").where("station", .equal, station).run()
            try await connection.insert(into: "station_locations").columns("station", "details_json", "evse_code", "updated_at")
                .values(station, json, code, now).run()
            return Stored(station: station, details: details, evseCode: code, updatedAt: Self.date(now))
        }
    }

    public func stored(station: String) async throws -> Stored? {
        try await database.withConnection { connection in
            try await connection.select().columns("station", "details_json", "evse_code", "updated_at").from("station_locations")
                .where("station", .equal, station).first().map(Self.stored)
        }
    }

    /// The stations that are published (location details and at least one described EVSE), ordered by id.
    public func publishedStations() async throws -> [String] {
        try await database.withConnection { connection in
            try await connection.select().column("station").from("station_locations")
                .where(SQLRaw("EXISTS (SELECT 1 FROM evse_connectors WHERE evse_connectors.station = station_locations.station)"))
                .orderBy("station").all().map { try $0.decode(column: "station", as: String.self) }
        }
    }

    /// Every published station's `last_updated` at `now`, ordered by id: what `LocationPublication.location` would
    /// give it, computed from its parts' times in SQL (a few grouped rows per station) rather than by reading every
    /// part and making every Location, for date-filtered pages. `LocationCatalogTests` holds the two to the same answer.
    public func lastUpdated(at now: Date) async throws -> [(station: String, lastUpdated: Date)] {
        let now = StoredTime.text(now)
        return try await database.withConnection { connection in
            // The tariff in force for each connector (connector, else EVSE, else station assignment, the latest made
            // by now) and that tariff's version in force.
            var versionInForce: [String: String] = [:]
            for row in try await connection.raw("""
                SELECT tariff, MAX(valid_from) AS valid_from FROM tariff_versions WHERE valid_from <= \(bind: now) GROUP BY tariff
                """).all()
            {
                versionInForce[try row.decode(column: "tariff", as: String.self)] = try row.decode(column: "valid_from", as: String.self)
            }
            // Stations with an EVSE or connector assignment made by now are worked out per connector here; for the
            // others every connector has the station's assignment in force, found in the main query below.
            var assignments: [String: [LocationInputs.TariffAssignment]] = [:]
            for row in try await connection.raw("""
                SELECT station, evse, connector, valid_from, seq, tariff FROM tariff_assignments
                WHERE valid_from <= \(bind: now)
                  AND station IN (SELECT station FROM tariff_assignments WHERE evse <> 0 AND valid_from <= \(bind: now))
                """).all()
            {
                let station = try row.decode(column: "station", as: String.self)
                let assignment = LocationInputs.TariffAssignment(
                    evse: try row.decode(column: "evse", as: Int.self), connector: try row.decode(column: "connector", as: Int.self),
                    validFrom: Self.date(try row.decode(column: "valid_from", as: String.self)), seq: try row.decode(column: "seq", as: Int.self),
                    tariff: try row.decode(column: "tariff", as: String.self))
                assignments[station, default: []].append(assignment)
            }
            let assignedBelowStation = Set(assignments.keys)
            var connectors: [String: [(evse: Int, connector: Int)]] = [:]
            if !assignedBelowStation.isEmpty {
                for row in try await connection.select().columns("station", "evse", "connector").from("evse_connectors")
                    .where(SQLColumn("station"), .in, SQLBind.group(Array(assignedBelowStation))).all()
                {
                    connectors[try row.decode(column: "station", as: String.self), default: []]
                        .append((try row.decode(column: "evse", as: Int.self), try row.decode(column: "connector", as: Int.self)))
                }
            }
            let moment = Self.date(now)
            // Times are StoredTime text, whose order is their order in time (as cpms's other queries rely on). An
            // EVSE is published once described: statuses and maintenance count only for a described EVSE; an
            // offline station's last contact counts.
            let described = "EXISTS (SELECT 1 FROM evse_connectors c WHERE c.station = p.station AND c.evse = p.evse)"
            var result: [(station: String, lastUpdated: Date)] = []
            for row in try await connection.raw("""
                SELECT l.station,
                    l.updated_at AS details,
                    (SELECT MAX(c.updated_at) FROM evse_connectors c WHERE c.station = l.station) AS connectors,
                    (SELECT MAX(p.updated_at) FROM evse_status p WHERE p.station = l.station AND \(unsafeRaw: described)) AS statuses,
                    (SELECT MAX(CASE WHEN p.status = 'scheduled' AND p.ends_at <= \(bind: now) AND p.ends_at > p.updated_at THEN p.ends_at
                                     ELSE p.updated_at END)
                       FROM calendar_entries p WHERE p.station = l.station AND p.kind = 'maintenance' AND \(unsafeRaw: described)) AS maintenance,
                    CASE WHEN s.connected = 0 THEN s.last_seen END AS offline,
                    (SELECT a.valid_from FROM tariff_assignments a WHERE a.station = l.station AND a.evse = 0 AND a.connector = 0
                       AND a.valid_from <= \(bind: now) ORDER BY a.valid_from DESC, a.seq DESC LIMIT 1) AS station_tariff,
                    (SELECT MAX(v.valid_from) FROM tariff_versions v WHERE v.valid_from <= \(bind: now) AND v.tariff =
                       (SELECT a.tariff FROM tariff_assignments a WHERE a.station = l.station AND a.evse = 0 AND a.connector = 0
                          AND a.valid_from <= \(bind: now) ORDER BY a.valid_from DESC, a.seq DESC LIMIT 1)) AS station_tariff_version
                FROM station_locations l JOIN stations s ON s.id = l.station
                WHERE EXISTS (SELECT 1 FROM evse_connectors c WHERE c.station = l.station) ORDER BY l.station
                """).all()
            {
                let station = try row.decode(column: "station", as: String.self)
                var latest = try row.decode(column: "details", as: String.self)
                let columns = assignedBelowStation.contains(station)
                    ? ["connectors", "statuses", "maintenance", "offline"]
                    : ["connectors", "statuses", "maintenance", "offline", "station_tariff", "station_tariff_version"]
                for column in columns {
                    if let time = try row.decode(column: column, as: String?.self), time > latest { latest = time }
                }
                var lastUpdated = Self.date(latest)
                if let made = assignments[station] {
                    for key in connectors[station] ?? [] {
                        guard let assignment = LocationPublication.tariffInForce(evse: key.evse, connector: key.connector, made, at: moment)
                        else { continue }
                        lastUpdated = max(lastUpdated, assignment.validFrom)
                        if let version = versionInForce[assignment.tariff] { lastUpdated = max(lastUpdated, Self.date(version)) }
                    }
                }
                result.append((station, lastUpdated))
            }
            return result
        }
    }

    /// The stations with location details whose id is `id` without regard to case (OCPI ids are CiStrings).
    public func stations(matchingWithoutCase id: String) async throws -> [String] {
        try await database.withConnection { connection in
            try await connection.select().column("station").from("station_locations")
                .where(SQLFunction("LOWER", args: SQLColumn("station")), .equal, SQLBind(id.lowercased()))
                .orderBy("station").all().map { try $0.decode(column: "station", as: String.self) }
        }
    }

    /// The inputs of one station with location details, or nil.
    public func inputs(station: String) async throws -> LocationInputs? {
        try await inputs(stations: [station]).first
    }

    /// The inputs of every station with location details (or of those named), ordered by station id.
    public func inputs(stations: [String]? = nil) async throws -> [LocationInputs] {
        if let stations, stations.isEmpty { return [] }
        return try await database.withConnection { connection in
            try await Self.inputs(stations: stations, on: connection, details: decodedDetails)
        }
    }

    /// The inputs of every station with location details (or of those named), read on `connection` (inside a
    /// caller's transaction). `details` keeps what was decoded before.
    static func inputs(
        stations: [String]?, on connection: any SQLDatabase, details decodedDetails: DecodedDetails = DecodedDetails()
    ) async throws -> [LocationInputs] {
        if let stations, stations.isEmpty { return [] }
        do {
            func scoped(_ query: SQLSelectBuilder, column: String = "station") -> SQLSelectBuilder {
                if let stations { query.where(SQLColumn(column), .in, SQLBind.group(stations)) }
                return query
            }
            let locations = try await scoped(connection.select().columns("station", "details_json", "evse_code", "updated_at")
                .from("station_locations")).orderBy("station").all().map { try Self.stored($0, details: decodedDetails) }
            guard !locations.isEmpty else { return [] }
            var stations: [String: LocationInputs.Station] = [:]
            for row in try await scoped(connection.select().columns("id", "connected", "last_seen", "time_zone").from("stations"), column: "id").all() {
                let id = try row.decode(column: "id", as: String.self)
                stations[id] = LocationInputs.Station(
                    id: id, connected: try row.decode(column: "connected", as: Int.self) != 0,
                    lastSeen: try row.decode(column: "last_seen", as: String?.self).map(Self.date),
                    timeZone: try row.decode(column: "time_zone", as: String.self))
            }
            var connectors: [String: [LocationInputs.DescribedConnector]] = [:]
            for row in try await scoped(connection.select().column("*").from("evse_connectors")).all() {
                let connector = try Self.connector(row)
                connectors[connector.station, default: []].append(
                    LocationInputs.DescribedConnector(connector, updatedAt: Self.date(try row.decode(column: "updated_at", as: String.self))))
            }
            var statuses: [String: [LocationInputs.ConnectorStatus]] = [:]
            for row in try await scoped(connection.select().columns("station", "evse", "connector", "status", "updated_at").from("evse_status")).all() {
                statuses[try row.decode(column: "station", as: String.self), default: []].append(LocationInputs.ConnectorStatus(
                    evse: try row.decode(column: "evse", as: Int.self), connector: try row.decode(column: "connector", as: Int.self),
                    status: try row.decode(column: "status", as: String.self),
                    updatedAt: Self.date(try row.decode(column: "updated_at", as: String.self))))
            }
            var maintenance: [String: [LocationInputs.MaintenanceBlock]] = [:]
            for row in try await scoped(connection.select().columns("station", "evse", "status", "starts_at", "ends_at", "updated_at")
                .from("calendar_entries").where("kind", .equal, "maintenance")).all()
            {
                maintenance[try row.decode(column: "station", as: String.self), default: []].append(LocationInputs.MaintenanceBlock(
                    evse: try row.decode(column: "evse", as: Int.self), start: Self.date(try row.decode(column: "starts_at", as: String.self)),
                    end: Self.date(try row.decode(column: "ends_at", as: String.self)),
                    scheduled: try row.decode(column: "status", as: String.self) == "scheduled",
                    updatedAt: Self.date(try row.decode(column: "updated_at", as: String.self))))
            }
            var inTransaction: [String: Set<Int>] = [:]
            for row in try await scoped(connection.select().columns("station", "evse").from("transactions")
                .where("ended_at", .is, SQLLiteral.null).where("evse", .isNot, SQLLiteral.null)).all()
            {
                inTransaction[try row.decode(column: "station", as: String.self), default: []].insert(try row.decode(column: "evse", as: Int.self))
            }
            var assignments: [String: [LocationInputs.TariffAssignment]] = [:]
            for row in try await scoped(connection.select().columns("station", "evse", "connector", "valid_from", "seq", "tariff")
                .from("tariff_assignments")).all()
            {
                assignments[try row.decode(column: "station", as: String.self), default: []].append(LocationInputs.TariffAssignment(
                    evse: try row.decode(column: "evse", as: Int.self), connector: try row.decode(column: "connector", as: Int.self),
                    validFrom: Self.date(try row.decode(column: "valid_from", as: String.self)), seq: try row.decode(column: "seq", as: Int.self),
                    tariff: try row.decode(column: "tariff", as: String.self)))
            }
            let tariffs = Set(assignments.values.joined().map(\.tariff))
            var versions: [String: [Date]] = [:]
            if !tariffs.isEmpty {
                for row in try await connection.select().columns("tariff", "valid_from").from("tariff_versions")
                    .where("tariff", .in, Array(tariffs)).all()
                {
                    versions[try row.decode(column: "tariff", as: String.self), default: []]
                        .append(Self.date(try row.decode(column: "valid_from", as: String.self)))
                }
            }
            return locations.compactMap { location -> LocationInputs? in
                guard let station = stations[location.station] else { return nil }
                let stationAssignments = assignments[location.station] ?? []
                let validFrom = Dictionary(uniqueKeysWithValues: Set(stationAssignments.map(\.tariff)).map { ($0, versions[$0] ?? []) })
                return LocationInputs(
                    station: station, details: location.details, detailsUpdatedAt: location.updatedAt, evseCode: location.evseCode,
                    connectors: connectors[location.station] ?? [], statuses: statuses[location.station] ?? [],
                    maintenance: maintenance[location.station] ?? [], evsesInTransaction: inTransaction[location.station] ?? [],
                    tariffAssignments: stationAssignments, tariffVersions: validFrom)
            }
        }
    }

    // MARK: Rows

    private static func stored(_ row: any SQLRow) throws -> Stored {
        try stored(row, details: DecodedDetails())
    }

    private static func stored(_ row: any SQLRow, details decoded: DecodedDetails) throws -> Stored {
        let station = try row.decode(column: "station", as: String.self)
        let details = try decoded.details(station: station, json: try row.decode(column: "details_json", as: String.self))
        return Stored(
            station: station, details: details, evseCode: try row.decode(column: "evse_code", as: String.self),
            updatedAt: date(try row.decode(column: "updated_at", as: String.self)))
    }

    private static func connector(_ row: any SQLRow) throws -> EVSEConnector {
        do {
            return try EVSEConnector(
                station: try row.decode(column: "station", as: String.self), evse: try row.decode(column: "evse", as: Int.self),
                connector: try row.decode(column: "connector", as: Int.self), standard: try row.decode(column: "standard", as: String.self),
                format: try row.decode(column: "format", as: String.self), powerType: try row.decode(column: "power_type", as: String.self),
                maxVoltage: try row.decode(column: "max_voltage", as: Int?.self), maxAmperage: try row.decode(column: "max_amperage", as: Int?.self),
                maxElectricPower: try row.decode(column: "max_electric_power", as: Int.self))
        } catch let error as EVSEDescriptionError {
            throw LocationStoreError.corrupt("evse_connectors: \(error)")
        }
    }

    /// A stored timestamp; an unreadable one (never written by cpms) counts as the epoch rather than failing the whole list.
    static func date(_ text: String) -> Date {
        OCPPDateTime.parse(text) ?? Date(timeIntervalSince1970: 0)
    }
}

/// Why location details were not stored (nothing changed).
public enum LocationStoreError: Error, Equatable, Sendable, CustomStringConvertible {
    case unknownStation(String)
    case stationIDUnfit(String)
    case noEVSECode(String)
    case evseCodeTaken(String, by: String)
    case corrupt(String)

    public var description: String {
        switch self {
        case .unknownStation(let id): "unknown station \(id)"
        case .stationIDUnfit(let id): "station id \(id) cannot be an OCPI location id (at most 36 printable ASCII characters)"
        case .noEVSECode(let id): "evse_code: station id \(id) gives no EVSE code (1 to 20 of A-Z, 0-9); give one"
        case .evseCodeTaken(let code, let other): "evse_code: \(code) is already the code of station \(other)'s location; give another"
        case .corrupt(let what): "stored location is unreadable: \(what)"
        }
    }
}
