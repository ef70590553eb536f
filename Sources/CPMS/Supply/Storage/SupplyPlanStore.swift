public import Foundation
public import SupplyPlanning
import SQLKit
public import Tariffs

/// The stored plan (`supply_plan`): one choice per group and window. Past windows stay for monitoring; a new
/// plan replaces the windows from its first one on.
public struct SupplyPlanStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// A stored choice and when it was planned.
    public struct Entry: Sendable, Equatable {
        public var choice: SupplyChoice
        public var currency: String
        /// The chosen DSO's energy mix in the window, when known.
        public var energyMix: EnergyMix?
        public var plannedAt: Date
    }

    /// Replaces every stored choice from `from` on with `plan`'s.
    public func replace(from: Date, with plan: SupplyPlan, at time: Date, energyMix: (SupplyChoice) -> EnergyMix? = { _ in nil }) async throws {
        let planned = StoredTime.text(time)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let rows = try plan.choices.map { choice in
            (choice, String(decoding: try encoder.encode(choice.reasons), as: UTF8.self),
             try energyMix(choice).map { String(decoding: try encoder.encode($0), as: UTF8.self) })
        }
        try await database.transaction { connection in
            try await connection.delete(from: "supply_plan").where("window_start", .greaterThanOrEqual, StoredTime.text(from)).run()
            for chunk in stride(from: 0, to: rows.count, by: 200).map({ rows[$0..<min($0 + 200, rows.count)] }) {
                var insert = connection.insert(into: "supply_plan").columns(
                    "grp", "window_start", "dso", "price", "currency", "export_price", "renewable_share", "co2_g_per_kwh", "cap_w", "quality",
                    "reasons_json", "planned_at", "mix_json")
                for (choice, reasons, mix) in chunk {
                    insert = insert.values(
                        SQLBind(choice.group), SQLBind(StoredTime.text(choice.window.start)), SQLBind(choice.supplier), SQLBind("\(choice.pricePerKWh)"),
                        SQLBind(plan.currency), SQLBind(choice.exportPricePerKWh.map { "\($0)" }), SQLBind(choice.renewableShare),
                        SQLBind(choice.carbonGramsPerKWh), SQLBind(choice.capW), SQLBind(choice.quality.rawValue), SQLBind(reasons), SQLBind(planned),
                        SQLBind(mix))
                }
                try await insert.run()
            }
        }
    }

    /// The stored choices with windows starting in `from..<to`, for `group` or all, by window then group.
    public func choices(group: String? = nil, from: Date, to: Date) async throws -> [Entry] {
        try await database.withConnection { connection in
            var query = connection.select()
                .columns(
                    "grp", "window_start", "dso", "price", "currency", "export_price", "renewable_share", "co2_g_per_kwh", "cap_w", "quality",
                    "reasons_json", "planned_at", "mix_json")
                .from("supply_plan")
                .where("window_start", .greaterThanOrEqual, StoredTime.text(from)).where("window_start", .lessThan, StoredTime.text(to))
            if let group { query = query.where("grp", .equal, group) }
            return try await query.orderBy("window_start").orderBy("grp").all().map(Self.entry)
        }
    }

    private static func entry(_ row: any SQLRow) throws -> Entry {
        let start = try StoredTime.date(row.decode(column: "window_start", as: String.self)) ?? .distantPast
        let reasons = (try? JSONDecoder().decode([String].self, from: Data(try row.decode(column: "reasons_json", as: String.self).utf8))) ?? []
        let choice = SupplyChoice(
            group: try row.decode(column: "grp", as: String.self), window: SupplyWindow(containing: start),
            supplier: try row.decode(column: "dso", as: String?.self), pricePerKWh: SupplyDecimal.parse(try row.decode(column: "price", as: String.self)) ?? 0,
            exportPricePerKWh: try row.decode(column: "export_price", as: String?.self).flatMap(SupplyDecimal.parse),
            renewableShare: try row.decode(column: "renewable_share", as: Double?.self),
            carbonGramsPerKWh: try row.decode(column: "co2_g_per_kwh", as: Double?.self), capW: try row.decode(column: "cap_w", as: Double.self),
            quality: OfferQuality(rawValue: try row.decode(column: "quality", as: String.self)) ?? .fallback, reasons: reasons)
        let mix = try row.decode(column: "mix_json", as: String?.self).flatMap { try? JSONDecoder().decode(EnergyMix.self, from: Data($0.utf8)) }
        return Entry(
            choice: choice, currency: try row.decode(column: "currency", as: String.self), energyMix: mix,
            plannedAt: try StoredTime.date(row.decode(column: "planned_at", as: String.self)) ?? .distantPast)
    }
}

/// Decimal text as the supply tables store it.
enum SupplyDecimal {
    static func parse(_ text: String) -> Decimal? {
        Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }
}
