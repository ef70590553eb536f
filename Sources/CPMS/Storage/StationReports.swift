import SQLKit

/// What the API shows of a station, read from the ingested tables.
public struct StationReports: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// Connector statuses by station (all stations when `station` is nil), ordered by EVSE and connector.
    public func evseStatuses(station: String? = nil) async throws -> [String: [EVSEStatusReport]] {
        try await database.withConnection { connection in
            var query = connection.select().columns("station", "evse", "connector", "status", "socket", "updated_at").from("evse_status")
            if let station { query = query.where("station", .equal, station) }
            let rows = try await query.orderBy("station").orderBy("evse").orderBy("connector").all()
            var result: [String: [EVSEStatusReport]] = [:]
            for row in rows {
                result[try row.decode(column: "station", as: String.self), default: []].append(EVSEStatusReport(
                    evse: try row.decode(column: "evse", as: Int.self), connector: try row.decode(column: "connector", as: Int.self),
                    status: try row.decode(column: "status", as: String.self), socket: try row.decode(column: "socket", as: String?.self),
                    updatedAt: try row.decode(column: "updated_at", as: String.self)))
            }
            return result
        }
    }

    /// A station's transactions, newest first, each with its events in sequence order.
    ///
    /// `started_at`, `ended_at` and `stopped_reason` are the `transactions` row's (written from Started and
    /// Ended); `evse`, `id_token`, `charging_state` and `energy_wh` are those of the highest `seq_no` that
    /// carried them, and `last_seq_no` the highest stored, read from `transaction_events` (an Updated event
    /// is stored as its one row, without touching the summary).
    public func transactions(station: String, openOnly: Bool = false, limit: Int = 100) async throws -> [TransactionReport] {
        try await database.withConnection { connection in
            var query = connection.select()
                .columns("transaction_id", "evse", "id_token", "started_at", "ended_at", "stopped_reason", "charging_state", "energy_wh",
                         "last_seq_no")
                .from("transactions").where("station", .equal, station)
            if openOnly { query = query.where("ended_at", .is, SQLLiteral.null) }
            let rows = try await query.orderBy("started_at", .descending).orderBy("transaction_id").limit(limit).all()
            var transactions = try rows.map { row in
                TransactionReport(
                    transactionId: try row.decode(column: "transaction_id", as: String.self), evse: try row.decode(column: "evse", as: Int?.self),
                    idToken: try row.decode(column: "id_token", as: String?.self), startedAt: try row.decode(column: "started_at", as: String?.self),
                    endedAt: try row.decode(column: "ended_at", as: String?.self),
                    stoppedReason: try row.decode(column: "stopped_reason", as: String?.self),
                    chargingState: try row.decode(column: "charging_state", as: String?.self),
                    energyWh: try row.decode(column: "energy_wh", as: Double?.self), lastSeqNo: try row.decode(column: "last_seq_no", as: Int.self),
                    events: [])
            }
            guard !transactions.isEmpty else { return [] }
            let events = try await connection.select()
                .columns("transaction_id", "seq_no", "event_type", "trigger_reason", "timestamp", "offline", "charging_state", "energy_wh",
                         "evse", "id_token")
                .from("transaction_events").where("station", .equal, station)
                .where("transaction_id", .in, transactions.map(\.transactionId))
                .orderBy("transaction_id").orderBy("seq_no").all()
            var byTransaction: [String: [TransactionEventReport]] = [:]
            var latest: [String: (evse: Int?, idToken: String?)] = [:]
            for row in events {
                let id = try row.decode(column: "transaction_id", as: String.self)
                byTransaction[id, default: []].append(TransactionEventReport(
                    seqNo: try row.decode(column: "seq_no", as: Int.self), eventType: try row.decode(column: "event_type", as: String.self),
                    triggerReason: try row.decode(column: "trigger_reason", as: String.self),
                    timestamp: try row.decode(column: "timestamp", as: String.self),
                    offline: try row.decode(column: "offline", as: Int.self) != 0,
                    chargingState: try row.decode(column: "charging_state", as: String?.self),
                    energyWh: try row.decode(column: "energy_wh", as: Double?.self)))
                let evse = try row.decode(column: "evse", as: Int?.self)
                let idToken = try row.decode(column: "id_token", as: String?.self)
                latest[id] = (evse ?? latest[id]?.evse, idToken ?? latest[id]?.idToken)
            }
            for index in transactions.indices {
                let id = transactions[index].transactionId
                let events = byTransaction[id] ?? []
                transactions[index].events = events
                transactions[index].evse = latest[id]?.evse ?? transactions[index].evse
                transactions[index].idToken = latest[id]?.idToken ?? transactions[index].idToken
                transactions[index].chargingState = events.last(where: { $0.chargingState != nil })?.chargingState
                    ?? transactions[index].chargingState
                transactions[index].energyWh = events.last(where: { $0.energyWh != nil })?.energyWh ?? transactions[index].energyWh
                transactions[index].lastSeqNo = events.last?.seqNo ?? transactions[index].lastSeqNo
            }
            return transactions
        }
    }

    /// Meter values of one EVSE, newest first.
    public func meterValues(station: String, evse: Int, limit: Int = 100) async throws -> [MeterValueReport] {
        try await database.withConnection { connection in
            try await connection.select().columns("evse", "timestamp", "sampled_values", "energy_wh", "power_w").from("meter_values")
                .where("station", .equal, station).where("evse", .equal, evse)
                .orderBy("timestamp", .descending).limit(limit).all()
                .map { row in
                    MeterValueReport(
                        evse: try row.decode(column: "evse", as: Int.self), timestamp: try row.decode(column: "timestamp", as: String.self),
                        energyWh: try row.decode(column: "energy_wh", as: Double?.self), powerW: try row.decode(column: "power_w", as: Double?.self),
                        sampledValuesJSON: try row.decode(column: "sampled_values", as: String.self))
                }
        }
    }

    public func latestBatteryTelemetry(station: String) async throws -> BatteryTelemetryReport? {
        try await database.withConnection { connection in
            try await connection.select().columns("timestamp", "soc_percent", "power_w", "setpoint_w", "mode", "quality")
                .from("battery_telemetry").where("station", .equal, station).orderBy("timestamp", .descending).limit(1).first()
                .map { row in
                    BatteryTelemetryReport(
                        timestamp: try row.decode(column: "timestamp", as: String.self),
                        socPercent: try row.decode(column: "soc_percent", as: Double.self), powerW: try row.decode(column: "power_w", as: Double.self),
                        setpointW: try row.decode(column: "setpoint_w", as: Double.self), mode: try row.decode(column: "mode", as: String.self),
                        quality: try row.decode(column: "quality", as: String.self))
                }
        }
    }

    /// How many rows a station has in each ingested table (for `cpms station show` and tests).
    public func rowCounts(station: String) async throws -> [String: Int] {
        let tables = ["transactions", "transaction_events", "meter_values", "battery_telemetry", "availability_audit", "station_events", "evse_status"]
        return try await database.withConnection { connection in
            var counts: [String: Int] = [:]
            for table in tables {
                let row = try await connection.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from(table)
                    .where("station", .equal, station).first()
                counts[table] = try row?.decode(column: "n", as: Int.self) ?? 0
            }
            return counts
        }
    }
}

public struct EVSEStatusReport: Sendable, Hashable, Codable {
    public var evse: Int
    public var connector: Int
    public var status: String
    public var socket: String?
    public var updatedAt: String
}

public struct TransactionEventReport: Sendable, Hashable, Codable {
    public var seqNo: Int
    public var eventType: String
    public var triggerReason: String
    public var timestamp: String
    public var offline: Bool
    public var chargingState: String?
    public var energyWh: Double?
}

public struct TransactionReport: Sendable, Hashable, Codable {
    public var transactionId: String
    public var evse: Int?
    public var idToken: String?
    public var startedAt: String?
    public var endedAt: String?
    public var stoppedReason: String?
    public var chargingState: String?
    public var energyWh: Double?
    public var lastSeqNo: Int
    public var events: [TransactionEventReport]
}

public struct MeterValueReport: Sendable, Hashable {
    public var evse: Int
    public var timestamp: String
    public var energyWh: Double?
    public var powerW: Double?
    /// The sampled values as the station sent them (OCPP JSON).
    public var sampledValuesJSON: String
}

public struct BatteryTelemetryReport: Sendable, Hashable, Codable {
    public var timestamp: String
    public var socPercent: Double
    public var powerW: Double
    public var setpointW: Double
    public var mode: String
    public var quality: String
}
