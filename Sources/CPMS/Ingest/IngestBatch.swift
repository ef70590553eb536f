import SQLKit

/// Many stations' messages written in one database transaction, each told whether it was new.
///
/// Every table is written with one multi-row `INSERT ... ON CONFLICT DO NOTHING RETURNING <identity>`: the
/// rows that come back are the new ones, so a replayed message is recognised without a read first. The
/// transaction summaries and connector statuses are then upserted from the new rows only.
struct IngestBatch {
    let records: [IngestRecord]
    /// Transactions (`key(station, transactionId)`) known to have their `transactions` row already, written
    /// by an earlier, committed batch.
    var summarised: Set<String> = []

    /// Rows per INSERT: far below both dialects' bound-parameter limits (SQLite 32766, PostgreSQL 65535).
    static let rowsPerStatement = 500

    func write(on connection: any SQLDatabase) async throws -> [IngestOutcome] {
        var outcomes = [IngestOutcome](repeating: .stored, count: records.count)
        var events: [(index: Int, TransactionEventRecord)] = []
        var meters: [(index: Int, [MeterValueRecord])] = []
        var telemetry: [(index: Int, BatteryTelemetryRecord)] = []
        var audits: [(index: Int, AvailabilityAuditRecord)] = []
        var stationEvents: [(index: Int, [StationEventRecord])] = []
        var statuses: [(index: Int, EVSEStatusRecord)] = []
        for (index, record) in records.enumerated() {
            switch record {
            case .transactionEvent(let event): events.append((index, event))
            case .meterValues(let values): meters.append((index, values))
            case .batteryTelemetry(let value): telemetry.append((index, value))
            case .availabilityAudit(let audit): audits.append((index, audit))
            case .stationEvents(let values): stationEvents.append((index, values))
            case .evseStatus(let status): statuses.append((index, status))
            }
        }

        let newEvents = try await insertNew(
            "transaction_events", on: connection,
            columns: ["station", "transaction_id", "seq_no", "event_type", "trigger_reason", "timestamp", "offline", "evse",
                      "connector", "id_token", "charging_state", "energy_wh", "meter_values", "received_at"],
            identity: ["station", "transaction_id", "seq_no"],
            rows: events.map { item in
                let e = item.1
                return (Self.key(e.station, e.transactionId, e.seqNo),
                        [e.station, e.transactionId, e.seqNo, e.eventType, e.triggerReason, e.timestamp, e.offline ? 1 : 0, e.evse,
                         e.connector, e.idToken, e.chargingState, e.energyWh, e.meterValuesJSON, e.receivedAt] as [any Encodable & Sendable])
            },
            key: { Self.key(try $0.decode(column: "station", as: String.self), try $0.decode(column: "transaction_id", as: String.self),
                            try $0.decode(column: "seq_no", as: Int.self)) })
        var storedEvents: [TransactionEventRecord] = []
        for (index, event) in events {
            if newEvents.contains(Self.key(event.station, event.transactionId, event.seqNo)) {
                storedEvents.append(event)
            } else {
                outcomes[index] = .duplicate
            }
        }
        try await upsertTransactions(TransactionSummary.merge(storedEvents.filter(needsSummary)), on: connection)

        let newMeters = try await insertNew(
            "meter_values", on: connection,
            columns: ["station", "evse", "timestamp", "sampled_values", "energy_wh", "power_w", "received_at"],
            identity: ["station", "evse", "timestamp"],
            rows: meters.flatMap { $0.1 }.map { m in
                (Self.key(m.station, m.evse, m.timestamp),
                 [m.station, m.evse, m.timestamp, m.sampledValuesJSON, m.energyWh, m.powerW, m.receivedAt] as [any Encodable & Sendable])
            },
            key: { Self.key(try $0.decode(column: "station", as: String.self), try $0.decode(column: "evse", as: Int.self),
                            try $0.decode(column: "timestamp", as: String.self)) })
        for (index, values) in meters where !values.contains(where: { newMeters.contains(Self.key($0.station, $0.evse, $0.timestamp)) }) {
            outcomes[index] = .duplicate
        }
        try await upsertLatestMeters(
            meters.flatMap { $0.1 }.filter { newMeters.contains(Self.key($0.station, $0.evse, $0.timestamp)) }, on: connection)

        let newTelemetry = try await insertNew(
            "battery_telemetry", on: connection,
            columns: ["station", "timestamp", "soc_percent", "power_w", "setpoint_w", "mode", "quality", "received_at"],
            identity: ["station", "timestamp"],
            rows: telemetry.map { item in
                let t = item.1
                return (Self.key(t.station, t.timestamp),
                        [t.station, t.timestamp, t.socPercent, t.powerW, t.setpointW, t.mode, t.quality, t.receivedAt] as [any Encodable & Sendable])
            },
            key: { Self.key(try $0.decode(column: "station", as: String.self), try $0.decode(column: "timestamp", as: String.self)) })
        for (index, t) in telemetry where !newTelemetry.contains(Self.key(t.station, t.timestamp)) {
            outcomes[index] = .duplicate
        }
        try await upsertLatestTelemetry(telemetry.map(\.1).filter { newTelemetry.contains(Self.key($0.station, $0.timestamp)) }, on: connection)

        let newAudits = try await insertNew(
            "availability_audit", on: connection,
            columns: ["station", "timestamp", "evse_id", "socket", "enabled", "source", "actor", "reason", "received_at"],
            identity: ["station", "timestamp", "evse_id", "source"],
            rows: audits.map { item in
                let a = item.1
                return (Self.key(a.station, a.timestamp, a.evseId, a.source),
                        [a.station, a.timestamp, a.evseId, a.socket, a.enabled ? 1 : 0, a.source, a.actor, a.reason, a.receivedAt]
                            as [any Encodable & Sendable])
            },
            key: { Self.key(try $0.decode(column: "station", as: String.self), try $0.decode(column: "timestamp", as: String.self),
                            try $0.decode(column: "evse_id", as: Int.self), try $0.decode(column: "source", as: String.self)) })
        for (index, a) in audits where !newAudits.contains(Self.key(a.station, a.timestamp, a.evseId, a.source)) {
            outcomes[index] = .duplicate
        }

        let newStationEvents = try await insertNew(
            "station_events", on: connection,
            columns: ["station", "event_id", "timestamp", "trigger", "event_type", "actual_value", "component", "variable", "evse",
                      "cleared", "tech_code", "tech_info", "received_at"],
            identity: ["station", "event_id", "timestamp"],
            rows: stationEvents.flatMap { $0.1 }.map { e in
                (Self.key(e.station, e.eventId, e.timestamp),
                 [e.station, e.eventId, e.timestamp, e.trigger, e.eventType, e.actualValue, e.component, e.variable, e.evse,
                  e.cleared ? 1 : 0, e.techCode, e.techInfo, e.receivedAt] as [any Encodable & Sendable])
            },
            key: { Self.key(try $0.decode(column: "station", as: String.self), try $0.decode(column: "event_id", as: Int.self),
                            try $0.decode(column: "timestamp", as: String.self)) })
        for (index, values) in stationEvents
        where !values.isEmpty && !values.contains(where: { newStationEvents.contains(Self.key($0.station, $0.eventId, $0.timestamp)) }) {
            outcomes[index] = .duplicate
        }

        let changedStatuses = try await upsertStatuses(statuses.map(\.1), on: connection)
        var newestInBatch: [String: (index: Int, updatedAt: String)] = [:]
        for (index, status) in statuses {
            let key = Self.key(status.station, status.evse, status.connector)
            if let known = newestInBatch[key], known.updatedAt > status.updatedAt { continue }
            newestInBatch[key] = (index, status.updatedAt)
        }
        for (index, status) in statuses {
            let key = Self.key(status.station, status.evse, status.connector)
            if newestInBatch[key]?.index == index, !changedStatuses.contains(key) { outcomes[index] = .duplicate }
        }

        var duplicatesByStation: [String: Int] = [:]
        for (index, outcome) in outcomes.enumerated() where outcome == .duplicate {
            duplicatesByStation[records[index].station, default: 0] += 1
        }
        for (station, count) in duplicatesByStation.sorted(by: { $0.key < $1.key }) {
            try await connection.update("stations").set("duplicates", to: SQLRaw("duplicates + \(count)"))
                .where("id", .equal, station).run()
        }
        return outcomes
    }

    /// Whether an event changes its transaction's row: Started and Ended carry what only the row keeps
    /// (`started_at`, `ended_at`, `stopped_reason`), and the first event of a transaction creates the row. What
    /// the other events say (`charging_state`, `energy_wh`, `last_seq_no`, ...) is read from `transaction_events`.
    func needsSummary(_ event: TransactionEventRecord) -> Bool {
        event.eventType != "Updated" || !summarised.contains(Self.key(event.station, event.transactionId))
    }

    /// Whether the batch's writes are at most one statement (before the duplicate counts), which is atomic by
    /// itself and needs no explicit transaction: a message found to be a duplicate changed nothing, so its
    /// count may follow in a statement of its own.
    var isSingleStatement: Bool {
        var statements = 0
        var events = 0, summaries = 0, meters = 0, telemetry = 0, audits = 0, stationEvents = 0, statuses = 0
        for record in records {
            switch record {
            case .transactionEvent(let event):
                events += 1
                if needsSummary(event) { summaries += 1 }
            case .meterValues(let values): meters += values.count
            case .batteryTelemetry: telemetry += 1
            case .availabilityAudit: audits += 1
            case .stationEvents(let values): stationEvents += values.count
            case .evseStatus: statuses += 1
            }
        }
        // Meter values and battery telemetry count twice: their inserts, then the latest readings' upserts.
        for rows in [events, summaries, meters, meters, telemetry, telemetry, audits, stationEvents, statuses] {
            statements += (rows + Self.rowsPerStatement - 1) / Self.rowsPerStatement
        }
        return statements <= 1
    }

    /// Inserts the rows whose identity is new and returns the identities that were inserted.
    private func insertNew(
        _ table: String, on connection: any SQLDatabase, columns: [String], identity: [String],
        rows: [(key: String, values: [any Encodable & Sendable])], key: @escaping (any SQLRow) throws -> String
    ) async throws -> Set<String> {
        var seen: Set<String> = []
        let unique = rows.filter { seen.insert($0.key).inserted }
        var inserted: Set<String> = []
        for start in stride(from: 0, to: unique.count, by: Self.rowsPerStatement) {
            var insert = connection.insert(into: table).columns(columns)
            for row in unique[start..<min(start + Self.rowsPerStatement, unique.count)] { insert = insert.values(row.values) }
            let returned = try await insert.ignoringConflicts(with: identity)
                .returning(identity.map { SQLIdentifier($0) as any SQLExpression }).all()
            for row in returned { inserted.insert(try key(row)) }
        }
        return inserted
    }

    private func upsertTransactions(_ summaries: [TransactionSummary], on connection: any SQLDatabase) async throws {
        for start in stride(from: 0, to: summaries.count, by: Self.rowsPerStatement) {
            var insert = connection.insert(into: "transactions")
                .columns("station", "transaction_id", "evse", "id_token", "started_at", "ended_at", "stopped_reason", "charging_state",
                         "energy_wh", "last_seq_no")
            for s in summaries[start..<min(start + Self.rowsPerStatement, summaries.count)] {
                insert = insert.values(
                    [s.station, s.transactionId, s.evse, s.idToken, s.startedAt, s.endedAt, s.stoppedReason, s.chargingState,
                     s.energyWh, s.lastSeqNo] as [any Encodable & Sendable])
            }
            let newer = "excluded.last_seq_no >= transactions.last_seq_no"
            try await insert.onConflict(with: ["station", "transaction_id"]) { update in
                update
                    .set("evse", to: SQLRaw("COALESCE(excluded.evse, transactions.evse)"))
                    .set("id_token", to: SQLRaw("COALESCE(excluded.id_token, transactions.id_token)"))
                    .set("started_at", to: SQLRaw("COALESCE(transactions.started_at, excluded.started_at)"))
                    .set("ended_at", to: SQLRaw("COALESCE(excluded.ended_at, transactions.ended_at)"))
                    .set("stopped_reason", to: SQLRaw("COALESCE(excluded.stopped_reason, transactions.stopped_reason)"))
                    .set("charging_state", to: SQLRaw(
                        "CASE WHEN \(newer) THEN COALESCE(excluded.charging_state, transactions.charging_state) ELSE COALESCE(transactions.charging_state, excluded.charging_state) END"))
                    .set("energy_wh", to: SQLRaw(
                        "CASE WHEN \(newer) THEN COALESCE(excluded.energy_wh, transactions.energy_wh) ELSE COALESCE(transactions.energy_wh, excluded.energy_wh) END"))
                    .set("last_seq_no", to: SQLRaw(
                        "CASE WHEN excluded.last_seq_no > transactions.last_seq_no THEN excluded.last_seq_no ELSE transactions.last_seq_no END"))
            }.run()
        }
    }

    /// Keeps `latest_meter_values` the newest stored value per station and EVSE: `meters` are the values this
    /// batch stored, and one older than the kept one changes nothing (an offline station's backlog arrives late).
    private func upsertLatestMeters(_ meters: [MeterValueRecord], on connection: any SQLDatabase) async throws {
        var newest: [String: MeterValueRecord] = [:]
        for meter in meters {
            let key = Self.key(meter.station, meter.evse)
            if let known = newest[key], known.timestamp >= meter.timestamp { continue }
            newest[key] = meter
        }
        let rows = newest.values.sorted { ($0.station, $0.evse) < ($1.station, $1.evse) }
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerStatement) {
            var insert = connection.insert(into: "latest_meter_values").columns("station", "evse", "timestamp", "energy_wh", "power_w")
            for m in rows[start..<min(start + Self.rowsPerStatement, rows.count)] {
                insert = insert.values([m.station, m.evse, m.timestamp, m.energyWh, m.powerW] as [any Encodable & Sendable])
            }
            try await insert.onConflict(with: ["station", "evse"]) { update in
                update.set(excludedValueOf: "timestamp").set(excludedValueOf: "energy_wh").set(excludedValueOf: "power_w")
                    .where(SQLRaw("excluded.\"timestamp\" > latest_meter_values.\"timestamp\""))
            }.run()
        }
    }

    /// Keeps `latest_battery_telemetry` the newest stored reading per station, as `upsertLatestMeters` does.
    private func upsertLatestTelemetry(_ readings: [BatteryTelemetryRecord], on connection: any SQLDatabase) async throws {
        var newest: [String: BatteryTelemetryRecord] = [:]
        for reading in readings {
            if let known = newest[reading.station], known.timestamp >= reading.timestamp { continue }
            newest[reading.station] = reading
        }
        let rows = newest.values.sorted { $0.station < $1.station }
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerStatement) {
            var insert = connection.insert(into: "latest_battery_telemetry").columns("station", "timestamp", "soc_percent", "power_w")
            for t in rows[start..<min(start + Self.rowsPerStatement, rows.count)] {
                insert = insert.values([t.station, t.timestamp, t.socPercent, t.powerW] as [any Encodable & Sendable])
            }
            try await insert.onConflict(with: ["station"]) { update in
                update.set(excludedValueOf: "timestamp").set(excludedValueOf: "soc_percent").set(excludedValueOf: "power_w")
                    .where(SQLRaw("excluded.\"timestamp\" > latest_battery_telemetry.\"timestamp\""))
            }.run()
        }
    }

    /// Applies the newest status per connector (PostgreSQL refuses to upsert one row twice in a statement) and
    /// returns the connectors whose stored status changed; a status no newer than the stored one changes nothing.
    private func upsertStatuses(_ statuses: [EVSEStatusRecord], on connection: any SQLDatabase) async throws -> Set<String> {
        var latest: [String: EVSEStatusRecord] = [:]
        for status in statuses {
            let key = Self.key(status.station, status.evse, status.connector)
            if let known = latest[key], known.updatedAt > status.updatedAt { continue }
            latest[key] = status
        }
        let rows = latest.values.sorted { ($0.station, $0.evse, $0.connector) < ($1.station, $1.evse, $1.connector) }
        var changed: Set<String> = []
        for start in stride(from: 0, to: rows.count, by: Self.rowsPerStatement) {
            var insert = connection.insert(into: "evse_status").columns("station", "evse", "connector", "status", "socket", "updated_at")
            for s in rows[start..<min(start + Self.rowsPerStatement, rows.count)] {
                insert = insert.values([s.station, s.evse, s.connector, s.status, s.socket, s.updatedAt] as [any Encodable & Sendable])
            }
            let returned = try await insert.onConflict(with: ["station", "evse", "connector"]) { update in
                update.set(excludedValueOf: "status").set(excludedValueOf: "socket").set(excludedValueOf: "updated_at")
                    .where(SQLRaw("excluded.updated_at > evse_status.updated_at"))
            }.returning(SQLIdentifier("station"), SQLIdentifier("evse"), SQLIdentifier("connector")).all()
            for row in returned {
                changed.insert(Self.key(
                    try row.decode(column: "station", as: String.self), try row.decode(column: "evse", as: Int.self),
                    try row.decode(column: "connector", as: Int.self)))
            }
        }
        return changed
    }

    static func key(_ parts: any CustomStringConvertible...) -> String {
        parts.map(\.description).joined(separator: "\u{1F}")
    }
}

/// What the new events of one transaction in a batch say about the transaction.
struct TransactionSummary {
    var station: String
    var transactionId: String
    var evse: Int?
    var idToken: String?
    var startedAt: String?
    var endedAt: String?
    var stoppedReason: String?
    var chargingState: String?
    var energyWh: Double?
    var lastSeqNo: Int

    static func merge(_ events: [TransactionEventRecord]) -> [TransactionSummary] {
        var summaries: [String: TransactionSummary] = [:]
        for event in events.sorted(by: { $0.seqNo < $1.seqNo }) {
            let key = IngestBatch.key(event.station, event.transactionId)
            var summary = summaries[key] ?? TransactionSummary(
                station: event.station, transactionId: event.transactionId, lastSeqNo: event.seqNo)
            summary.evse = event.evse ?? summary.evse
            summary.idToken = event.idToken ?? summary.idToken
            if event.eventType == "Started" { summary.startedAt = summary.startedAt ?? event.timestamp }
            if event.eventType == "Ended" {
                summary.endedAt = event.timestamp
                summary.stoppedReason = event.stoppedReason ?? summary.stoppedReason
            }
            summary.chargingState = event.chargingState ?? summary.chargingState
            summary.energyWh = event.energyWh ?? summary.energyWh
            summary.lastSeqNo = max(summary.lastSeqNo, event.seqNo)
            summaries[key] = summary
        }
        return summaries.values.sorted { ($0.station, $0.transactionId) < ($1.station, $1.transactionId) }
    }
}
