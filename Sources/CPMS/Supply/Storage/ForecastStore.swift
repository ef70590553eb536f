public import Foundation
public import Logging
import SQLKit
import Tariffs

/// One stored forecast interval of a DSO's feed.
public struct StoredForecast: Sendable, Equatable {
    public var dso: String
    public var feed: String
    public var interval: ForecastInterval
    public var source: String
    public var receivedAt: Date
}

/// A feed's health as last reported.
public struct FeedStatus: Sendable, Equatable {
    public var dso: String
    public var feed: String
    public var lastSuccessAt: Date?
    public var lastAttemptAt: Date?
    public var lastError: String?
    /// The end of the last interval it stored.
    public var dataUntil: Date?

    /// Whether the last attempt failed (after the last success, if any).
    public var isFailing: Bool {
        guard lastError != nil else { return false }
        guard let lastSuccessAt else { return true }
        return (lastAttemptAt ?? .distantPast) > lastSuccessAt
    }
}

/// The forecast store: what feeds said (`supply_forecasts`) and how they are doing (`supply_feed_status`).
/// As the feeds' `ForecastSink`, it stores each update and wakes the supply service.
public struct ForecastStore: ForecastSink {
    let database: any CPMSDatabase
    let wake: @Sendable () -> Void
    let logger: Logger
    /// Forecasts that ended longer ago than this are deleted as new ones arrive.
    let retention: TimeInterval

    public init(database: any CPMSDatabase, logger: Logger, retention: TimeInterval = 7 * 86400, wake: @escaping @Sendable () -> Void = {}) {
        self.database = database
        self.wake = wake
        self.logger = logger
        self.retention = retention
    }

    /// Replaces what the feed said about the span the update covers (in one transaction), then wakes the service.
    public func received(_ update: ForecastUpdate) async throws {
        var latest: [String: ForecastInterval] = [:]
        var dropped = 0
        for interval in update.intervals {
            guard interval.end > interval.start, Self.plausible(interval) else {
                dropped += 1
                continue
            }
            latest["\(interval.group ?? "")|\(StoredTime.text(interval.start))"] = interval
        }
        if dropped > 0 { logger.warning("\(update.dso)/\(update.feed): \(dropped) implausible forecast intervals dropped (\(update.source))") }
        let intervals = latest.values.sorted { ($0.start, $0.group ?? "") < ($1.start, $1.group ?? "") }
        let received = StoredTime.text(update.receivedAt)
        let pruneBefore = StoredTime.text(update.receivedAt.addingTimeInterval(-retention))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let mixes = try intervals.map { try $0.energyMix.map { String(decoding: try encoder.encode($0), as: UTF8.self) } }
        try await database.transaction { connection in
            if let first = intervals.map(\.start).min(), let last = intervals.map(\.end).max() {
                // Only the groups the update speaks of: an OSCP forecast for one group leaves the others' in place.
                try await connection.delete(from: "supply_forecasts")
                    .where("dso", .equal, update.dso).where("feed", .equal, update.feed)
                    .where("grp", .in, Array(Set(intervals.map { $0.group ?? "" })).sorted())
                    .where("interval_start", .lessThan, StoredTime.text(last)).where("interval_end", .greaterThan, StoredTime.text(first))
                    .run()
            }
            try await connection.delete(from: "supply_forecasts")
                .where("dso", .equal, update.dso).where("feed", .equal, update.feed).where("interval_end", .lessThan, pruneBefore).run()
            for (interval, mix) in zip(intervals, mixes) {
                try await connection.insert(into: "supply_forecasts")
                    .columns(
                        "dso", "feed", "grp", "interval_start", "interval_end", "price", "currency", "export_price", "mix_json", "renewable_share",
                        "co2_g_per_kwh", "capacity_w", "source", "received_at")
                    .values(
                        SQLBind(update.dso), SQLBind(update.feed), SQLBind(interval.group ?? ""), SQLBind(StoredTime.text(interval.start)),
                        SQLBind(StoredTime.text(interval.end)), SQLBind(interval.pricePerKWh.map { "\($0)" }), SQLBind(interval.currency),
                        SQLBind(interval.exportPricePerKWh.map { "\($0)" }), SQLBind(mix), SQLBind(interval.renewableShare),
                        SQLBind(interval.carbonGramsPerKWh), SQLBind(interval.capacityW), SQLBind(String(update.source.prefix(500))), SQLBind(received))
                    .run()
            }
            let until = try await connection.raw(
                "SELECT MAX(interval_end) AS until FROM supply_forecasts WHERE dso = \(bind: update.dso) AND feed = \(bind: update.feed)"
            ).first()?.decode(column: "until", as: String?.self)
            try await Self.upsertStatus(
                connection, dso: update.dso, feed: update.feed, success: received, attempt: received, error: nil, until: until, keepSuccess: false)
        }
        wake()
    }

    public func failed(dso: String, feed: String, reason: String, at time: Date) async {
        do {
            try await database.withConnection { connection in
                try await Self.upsertStatus(
                    connection, dso: dso, feed: feed, success: nil, attempt: StoredTime.text(time), error: String(reason.prefix(1000)), until: nil,
                    keepSuccess: true)
            }
        } catch {
            logger.error("cannot record that \(dso)/\(feed) failed (\(reason)): \(String(reflecting: error))")
        }
        wake()
    }

    private static func plausible(_ interval: ForecastInterval) -> Bool {
        if let share = interval.renewableShare, !(0...1).contains(share) { return false }
        if let capacity = interval.capacityW, !(capacity.isFinite && capacity >= 0) { return false }
        if let carbon = interval.carbonGramsPerKWh, !(carbon.isFinite && carbon >= 0) { return false }
        if let price = interval.pricePerKWh, abs(price) > 100_000 { return false }
        return true
    }

    private static func upsertStatus(
        _ connection: any SQLDatabase, dso: String, feed: String, success: String?, attempt: String, error: String?, until: String?, keepSuccess: Bool
    ) async throws {
        let successUpdate: SQLQueryString = keepSuccess ? "supply_feed_status.last_success_at" : "excluded.last_success_at"
        let untilUpdate: SQLQueryString = until == nil ? "supply_feed_status.data_until" : "excluded.data_until"
        try await connection.raw(
            """
            INSERT INTO supply_feed_status (dso, feed, last_success_at, last_attempt_at, last_error, data_until)
            VALUES (\(bind: dso), \(bind: feed), \(bind: success), \(bind: attempt), \(bind: error), \(bind: until))
            ON CONFLICT (dso, feed) DO UPDATE SET last_success_at = \(successUpdate), last_attempt_at = excluded.last_attempt_at,
            last_error = excluded.last_error, data_until = \(untilUpdate)
            """
        ).run()
    }

    /// Every stored interval that overlaps `from..<to`, in time order.
    public func forecasts(from: Date, to: Date) async throws -> [StoredForecast] {
        try await database.withConnection { connection in
            try await connection.select()
                .columns(
                    "dso", "feed", "grp", "interval_start", "interval_end", "price", "currency", "export_price", "mix_json", "renewable_share",
                    "co2_g_per_kwh", "capacity_w", "source", "received_at")
                .from("supply_forecasts")
                .where("interval_start", .lessThan, StoredTime.text(to)).where("interval_end", .greaterThan, StoredTime.text(from))
                .orderBy("interval_start").orderBy("dso").orderBy("feed").all()
                .map(Self.forecast)
        }
    }

    public func statuses() async throws -> [FeedStatus] {
        try await database.withConnection { connection in
            try await connection.select().columns("dso", "feed", "last_success_at", "last_attempt_at", "last_error", "data_until")
                .from("supply_feed_status").orderBy("dso").orderBy("feed").all()
                .map { row in
                    FeedStatus(
                        dso: try row.decode(column: "dso", as: String.self), feed: try row.decode(column: "feed", as: String.self),
                        lastSuccessAt: try StoredTime.date(row.decode(column: "last_success_at", as: String?.self)),
                        lastAttemptAt: try StoredTime.date(row.decode(column: "last_attempt_at", as: String?.self)),
                        lastError: try row.decode(column: "last_error", as: String?.self),
                        dataUntil: try StoredTime.date(row.decode(column: "data_until", as: String?.self)))
                }
        }
    }

    private static func forecast(_ row: any SQLRow) throws -> StoredForecast {
        let group = try row.decode(column: "grp", as: String.self)
        let mix = try row.decode(column: "mix_json", as: String?.self).flatMap { try? JSONDecoder().decode(EnergyMix.self, from: Data($0.utf8)) }
        let interval = ForecastInterval(
            start: try StoredTime.date(row.decode(column: "interval_start", as: String.self)) ?? .distantPast,
            end: try StoredTime.date(row.decode(column: "interval_end", as: String.self)) ?? .distantPast,
            pricePerKWh: try row.decode(column: "price", as: String?.self).flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) },
            currency: try row.decode(column: "currency", as: String?.self),
            exportPricePerKWh: try row.decode(column: "export_price", as: String?.self).flatMap { Decimal(string: $0, locale: Locale(identifier: "en_US_POSIX")) },
            energyMix: mix, renewableShare: try row.decode(column: "renewable_share", as: Double?.self),
            carbonGramsPerKWh: try row.decode(column: "co2_g_per_kwh", as: Double?.self), capacityW: try row.decode(column: "capacity_w", as: Double?.self),
            group: group.isEmpty ? nil : group)
        return StoredForecast(
            dso: try row.decode(column: "dso", as: String.self), feed: try row.decode(column: "feed", as: String.self), interval: interval,
            source: try row.decode(column: "source", as: String.self),
            receivedAt: try StoredTime.date(row.decode(column: "received_at", as: String.self)) ?? .distantPast)
    }
}
