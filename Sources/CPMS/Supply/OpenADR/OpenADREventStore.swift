public import Foundation
import SQLKit

/// The events a DSO's VTN sent, as cpms handled them (table `openadr_events`, migration 14).
public struct OpenADREventStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// How an event was handled: the answer given and what the event contributes to the forecast now.
    public struct Handling: Sendable, Equatable {
        public var opt: OpenADROpt
        public var reason: String?
        /// Empty when cancelled or opted out of.
        public var intervals: [ForecastInterval]

        public init(opt: OpenADROpt, reason: String? = nil, intervals: [ForecastInterval]) {
            self.opt = opt
            self.reason = reason
            self.intervals = intervals
        }
    }

    /// What recording an event came to.
    public enum Outcome: Sendable, Equatable {
        /// New, or a higher modification: stored; its span waits to be handed to the forecast.
        case recorded
        /// Seen already at this or a later modification: answered as before, nothing else to do.
        case duplicate(OpenADROpt, reason: String?)
    }

    /// A span of the forecast that an event changed and the sink has not yet stored.
    public struct PendingSpan: Sendable, Equatable {
        public var reference: OpenADREventReference
        public var start: Date
        public var end: Date
    }

    /// Whether `reference` was seen before, without recording anything.
    public func seen(dso: String, _ reference: OpenADREventReference) async throws -> Outcome? {
        try await database.withConnection { connection in
            guard let row = try await Self.row(dso: dso, eventID: reference.eventID, connection),
                try row.decode(column: "modification_number", as: Int.self) >= reference.modificationNumber
            else { return nil }
            return .duplicate(try Self.opt(row), reason: try row.decode(column: "reason", as: String?.self))
        }
    }

    /// Records `reference` as handled unless seen before; the span pending for the forecast becomes the old and
    /// new extent of the event (and whatever was still pending for it).
    public func record(dso: String, _ reference: OpenADREventReference, _ handling: Handling, at time: Date) async throws -> Outcome {
        let json = String(decoding: try JSONEncoder().encode(handling.intervals), as: UTF8.self)
        return try await database.transaction { connection in
            let existing = try await Self.row(dso: dso, eventID: reference.eventID, connection)
            var spans: [(Date, Date)] = []
            if let extent = Self.extent(handling.intervals) { spans.append(extent) }
            if let existing {
                guard try existing.decode(column: "modification_number", as: Int.self) < reference.modificationNumber else {
                    return .duplicate(try Self.opt(existing), reason: try existing.decode(column: "reason", as: String?.self))
                }
                if let extent = Self.extent(try Self.intervals(existing)) { spans.append(extent) }
                if let start = try Self.time(existing, "pending_start"), let end = try Self.time(existing, "pending_end") { spans.append((start, end)) }
                try await connection.delete(from: "openadr_events").where("dso", .equal, dso).where("event_id", .equal, reference.eventID).run()
            }
            let pendingStart = spans.map(\.0).min().map(StoredTime.text)
            let pendingEnd = spans.map(\.1).max().map(StoredTime.text)
            let sequence = try await connection.raw("SELECT COALESCE(MAX(seq), 0) AS last FROM openadr_events WHERE dso = \(bind: dso)")
                .first()?.decode(column: "last", as: Int.self) ?? 0
            try await connection.insert(into: "openadr_events")
                .columns("dso", "event_id", "modification_number", "opt", "reason", "intervals_json", "pending_start", "pending_end", "seq", "handled_at")
                .values(
                    SQLBind(dso), SQLBind(reference.eventID), SQLBind(reference.modificationNumber), SQLBind(handling.opt.rawValue),
                    SQLBind(handling.reason), SQLBind(json), SQLBind(pendingStart), SQLBind(pendingEnd), SQLBind(sequence + 1),
                    SQLBind(StoredTime.text(time))
                ).run()
            return .recorded
        }
    }

    /// The spans events changed that the forecast has not yet taken, oldest first.
    public func pending(dso: String) async throws -> [PendingSpan] {
        try await database.withConnection { connection in
            try await connection.select().column("*").from("openadr_events").where("dso", .equal, dso)
                .where(SQLColumn("pending_start"), .isNot, SQLLiteral.null).orderBy("seq").all()
                .compactMap { row -> PendingSpan? in
                    guard let start = try Self.time(row, "pending_start"), let end = try Self.time(row, "pending_end") else { return nil }
                    let reference = OpenADREventReference(
                        eventID: try row.decode(column: "event_id", as: String.self),
                        modificationNumber: try row.decode(column: "modification_number", as: Int.self))
                    return PendingSpan(reference: reference, start: start, end: end)
                }
        }
    }

    /// Every event's current forecast intervals that reach into `start..<end`.
    public func forecasts(dso: String, from start: Date, to end: Date) async throws -> [OpenADRForecastMerge.EventForecast] {
        try await database.withConnection { connection in
            try await connection.select().column("*").from("openadr_events").where("dso", .equal, dso).orderBy("seq").all()
                .compactMap { row -> OpenADRForecastMerge.EventForecast? in
                    let intervals = try Self.intervals(row).filter { $0.end > start && $0.start < end }
                    guard !intervals.isEmpty else { return nil }
                    return OpenADRForecastMerge.EventForecast(sequence: try row.decode(column: "seq", as: Int.self), intervals: intervals)
                }
        }
    }

    /// The forecast took the span `reference` changed (unless a later modification was recorded meanwhile).
    public func delivered(dso: String, _ reference: OpenADREventReference) async throws {
        try await database.withConnection { connection in
            try await connection.update("openadr_events").set("pending_start", to: SQLLiteral.null).set("pending_end", to: SQLLiteral.null)
                .where("dso", .equal, dso).where("event_id", .equal, reference.eventID)
                .where("modification_number", .equal, reference.modificationNumber).run()
        }
    }

    private static func row(dso: String, eventID: String, _ connection: any SQLDatabase) async throws -> (any SQLRow)? {
        try await connection.select().column("*").from("openadr_events").where("dso", .equal, dso).where("event_id", .equal, eventID).first()
    }

    private static func opt(_ row: any SQLRow) throws -> OpenADROpt {
        let text = try row.decode(column: "opt", as: String.self)
        guard let opt = OpenADROpt(rawValue: text) else { throw OpenADRStoreError(description: "openadr_events: opt \(text) is unknown") }
        return opt
    }

    private static func intervals(_ row: any SQLRow) throws -> [ForecastInterval] {
        try JSONDecoder().decode([ForecastInterval].self, from: Data(try row.decode(column: "intervals_json", as: String.self).utf8))
    }

    private static func time(_ row: any SQLRow, _ column: String) throws -> Date? {
        guard let text = try row.decode(column: column, as: String?.self) else { return nil }
        guard let date = OpenADRDuration.date(text) else { throw OpenADRStoreError(description: "openadr_events: \(column) \(text) is not a time") }
        return date
    }

    private static func extent(_ intervals: [ForecastInterval]) -> (Date, Date)? {
        guard let start = intervals.map(\.start).min(), let end = intervals.map(\.end).max() else { return nil }
        return (start, end)
    }
}

/// A stored OpenADR row cpms cannot read.
public struct OpenADRStoreError: Error, Sendable, CustomStringConvertible {
    public var description: String
}
