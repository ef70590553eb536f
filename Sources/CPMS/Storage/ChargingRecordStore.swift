public import Foundation
import OCPP
public import SQLKit

/// A stored charging record: the columns lists and filters need, and the whole record as its JSON.
public struct StoredChargingRecord: Sendable, Equatable {
    public var station: String
    public var transactionId: String
    public var evse: Int?
    public var idToken: String?
    public var startedAt: String
    public var stoppedAt: String
    /// Whole Wh as text; nil when unknown.
    public var energyWh: String?
    public var priceStatus: String
    public var tariffId: String?
    public var tariffVersion: Int?
    public var currency: String?
    /// Decimal text, 4 places at most; nil without a price.
    public var totalExclVAT: String?
    public var totalInclVAT: String?
    /// How many problems with the station's data the record names.
    public var problems: Int
    /// The record as the API shows it (`ChargingRecord`'s JSON).
    public var json: String
    public var createdAt: String
}

/// The `charging_records` table (one row per station and transaction, never changed once written) and the
/// transaction histories the records are derived from.
public struct ChargingRecordStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    static let columns = [
        "station", "transaction_id", "evse", "connector", "id_token", "started_at", "stopped_at", "stopped_reason", "time_zone",
        "energy_wh", "price_status", "tariff_id", "tariff_version", "currency", "total_excl_vat", "total_incl_vat", "problems", "record_json",
        "created_at",
    ]

    /// Stores `record` unless one exists for its station and transaction; true when it was new. `alongside` runs
    /// in the same database transaction when the record is new.
    @discardableResult
    public func store(
        _ record: ChargingRecord, at time: Date, alongside: (@Sendable (any SQLDatabase) async throws -> Void)? = nil
    ) async throws -> Bool {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let json = String(decoding: try encoder.encode(record), as: UTF8.self)
        let total = record.price.total
        let values: [any Encodable & Sendable] = [
            record.station, record.transactionId, record.evse, record.connector, record.idToken, StoredTime.text(record.startedAt),
            StoredTime.text(record.stoppedAt), record.stoppedReason, record.timeZone, record.energyWh.map { "\($0)" },
            record.price.status.rawValue, record.price.tariffId, record.price.tariffVersion, record.price.currency,
            total.map { "\($0.exclVAT)" }, total.map { "\($0.inclVAT)" }, record.problems.count, json, StoredTime.text(time),
        ]
        return try await database.transaction { connection in
            let returned = try await connection.insert(into: "charging_records").columns(Self.columns).values(values)
                .ignoringConflicts(with: ["station", "transaction_id"])
                .returning(SQLIdentifier("station")).all()
            if !returned.isEmpty, let alongside { try await alongside(connection) }
            return !returned.isEmpty
        }
    }

    public func record(station: String, transactionId: String) async throws -> StoredChargingRecord? {
        try await database.withConnection { connection in
            try await connection.select().columns(Self.columns).from("charging_records")
                .where("station", .equal, station).where("transaction_id", .equal, transactionId).first().map(Self.stored)
        }
    }

    /// Records whose session started in [from, to), newest first.
    public func records(station: String? = nil, from: Date? = nil, to: Date? = nil, limit: Int = 100) async throws -> [StoredChargingRecord] {
        try await database.withConnection { connection in
            var query = connection.select().columns(Self.columns).from("charging_records")
            if let station { query = query.where("station", .equal, station) }
            if let from { query = query.where("started_at", .greaterThanOrEqual, StoredTime.text(from)) }
            if let to { query = query.where("started_at", .lessThan, StoredTime.text(to)) }
            return try await query.orderBy("started_at", .descending).orderBy("station").orderBy("transaction_id").limit(limit).all()
                .map(Self.stored)
        }
    }

    /// Ended transactions that have no record yet (cpms stopped between storing an Ended event and its record).
    public func endedWithoutRecord(limit: Int = 1_000) async throws -> [(station: String, transactionId: String)] {
        try await database.withConnection { connection in
            try await connection.raw("""
                SELECT t.station, t.transaction_id FROM transactions t
                LEFT JOIN charging_records r ON r.station = t.station AND r.transaction_id = t.transaction_id
                WHERE t.ended_at IS NOT NULL AND r.station IS NULL
                ORDER BY t.ended_at LIMIT \(bind: limit)
                """).all().map {
                (try $0.decode(column: "station", as: String.self), try $0.decode(column: "transaction_id", as: String.self))
            }
        }
    }

    /// What was stored of a transaction: its events, and the meter readings in them and in the MeterValues its
    /// station sent for the same EVSE between the transaction's first and last event. Nil for an unknown transaction.
    public func history(station: String, transactionId: String) async throws -> TransactionHistory? {
        try await database.withConnection { connection in
            let rows = try await connection.select()
                .columns("seq_no", "event_type", "timestamp", "evse", "connector", "id_token", "charging_state", "meter_values")
                .from("transaction_events").where("station", .equal, station).where("transaction_id", .equal, transactionId)
                .orderBy("seq_no").all()
            guard !rows.isEmpty else { return nil }
            let stoppedReason = try await connection.select().column("stopped_reason").from("transactions")
                .where("station", .equal, station).where("transaction_id", .equal, transactionId).first()?
                .decode(column: "stopped_reason", as: String?.self)
            var events: [TransactionHistory.Event] = []
            var readings: [MeterReading] = []
            for row in rows {
                let stamp = try row.decode(column: "timestamp", as: String.self)
                guard let time = OCPPDateTime.parse(stamp) else { continue }
                let type = try row.decode(column: "event_type", as: String.self)
                events.append(TransactionHistory.Event(
                    seqNo: try row.decode(column: "seq_no", as: Int.self), eventType: type, timestamp: time,
                    evse: try row.decode(column: "evse", as: Int?.self), connector: try row.decode(column: "connector", as: Int?.self),
                    idToken: try row.decode(column: "id_token", as: String?.self),
                    chargingState: try row.decode(column: "charging_state", as: String?.self),
                    stoppedReason: type == "Ended" ? stoppedReason : nil))
                if let json = try row.decode(column: "meter_values", as: String?.self) {
                    readings += MeterReading.readings(meterValuesJSON: json)
                }
            }
            var history = TransactionHistory(station: station, transactionId: transactionId, events: events, readings: readings)
            if let evse = history.evse, let first = events.map(\.timestamp).min(), let last = events.map(\.timestamp).max() {
                let meterRows = try await connection.select().columns("timestamp", "sampled_values").from("meter_values")
                    .where("station", .equal, station).where("evse", .equal, evse)
                    .where("timestamp", .greaterThanOrEqual, StoredTime.text(first)).where("timestamp", .lessThanOrEqual, StoredTime.text(last))
                    .orderBy("timestamp").all()
                for row in meterRows {
                    guard let time = OCPPDateTime.parse(try row.decode(column: "timestamp", as: String.self)),
                        let reading = MeterReading.reading(sampledValuesJSON: try row.decode(column: "sampled_values", as: String.self), at: time)
                    else { continue }
                    history.readings.append(reading)
                }
            }
            return history
        }
    }

    static func stored(_ row: any SQLRow) throws -> StoredChargingRecord {
        StoredChargingRecord(
            station: try row.decode(column: "station", as: String.self),
            transactionId: try row.decode(column: "transaction_id", as: String.self),
            evse: try row.decode(column: "evse", as: Int?.self), idToken: try row.decode(column: "id_token", as: String?.self),
            startedAt: try row.decode(column: "started_at", as: String.self), stoppedAt: try row.decode(column: "stopped_at", as: String.self),
            energyWh: try row.decode(column: "energy_wh", as: String?.self), priceStatus: try row.decode(column: "price_status", as: String.self),
            tariffId: try row.decode(column: "tariff_id", as: String?.self), tariffVersion: try row.decode(column: "tariff_version", as: Int?.self),
            currency: try row.decode(column: "currency", as: String?.self),
            totalExclVAT: try row.decode(column: "total_excl_vat", as: String?.self),
            totalInclVAT: try row.decode(column: "total_incl_vat", as: String?.self),
            problems: try row.decode(column: "problems", as: Int.self),
            json: try row.decode(column: "record_json", as: String.self), createdAt: try row.decode(column: "created_at", as: String.self))
    }
}
