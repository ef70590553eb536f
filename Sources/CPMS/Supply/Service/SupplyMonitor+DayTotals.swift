import Foundation
import SQLKit
import SupplyPlanning

extension SupplyMonitor {
    /// A station's energy bought on one UTC day and what it cost.
    struct DayTotal: Sendable, Equatable {
        var energyWh: Double = 0
        var cost: Decimal = 0
        /// The currency of the day's first planned window (nil: nothing was planned for the station's group).
        var currency: String?
        var windowsWithEnergy = 0
    }

    /// Every registered station's energy bought and its cost on the UTC day of `day`, the windows until the one
    /// holding `until` (later ones have bought nothing yet): what `report` gives for each station (the same
    /// readings, windows, prices and rounding), read with four queries for all stations together instead of a
    /// report each.
    func dayTotals(day: Date, until: Date) async throws -> [String: DayTotal] {
        let start = Calendar.utc.startOfDay(for: day)
        let end = min(start.addingTimeInterval(86400), SupplyWindow(containing: until).end)
        guard end > start else { return [:] }
        let defined = try await groups.all()
        var grouped: [String: String] = [:]
        for group in defined {
            for member in group.members where grouped[member.station] == nil { grouped[member.station] = group.id }
        }
        let groupOf = grouped
        return try await database.withConnection { connection in
            let stations = try await connection.select().column("id").from("stations").all().map { try $0.decode(column: "id", as: String.self) }
            // The planned price per group and window (keyed by the stored window text: no date parsing per row).
            var prices: [String: [String: (price: Decimal, currency: String)]] = [:]
            let planRows = try await connection.select().columns("grp", "window_start", "price", "currency").from("supply_plan")
                .where("window_start", .greaterThanOrEqual, StoredTime.text(start)).where("window_start", .lessThan, StoredTime.text(end)).all()
            for row in planRows {
                guard let price = SupplyDecimal.parse(try row.decode(column: "price", as: String.self)) else { continue }
                prices[try row.decode(column: "grp", as: String.self), default: [:]][try row.decode(column: "window_start", as: String.self)] =
                    (price, try row.decode(column: "currency", as: String.self))
            }
            // Every station's grid meter readings from an hour before the day (a window's register reading before
            // its start), each station's by its primary key's range.
            var readings: [String: [WindowEnergy.Reading]] = [:]
            let meterRows = try await connection.raw("""
                SELECT m.station, m."timestamp", m.energy_wh, m.power_w FROM stations s
                  JOIN meter_values m ON m.station = s.id AND m.evse = 0
                   AND m."timestamp" >= \(bind: StoredTime.text(start.addingTimeInterval(-3600))) AND m."timestamp" <= \(bind: StoredTime.text(end))
                ORDER BY m.station, m."timestamp"
                """).all()
            for row in meterRows {
                guard let time = StoredTime.date(try row.decode(column: "timestamp", as: String?.self)) else { continue }
                readings[try row.decode(column: "station", as: String.self), default: []].append(WindowEnergy.Reading(
                    time: time, energyWh: try row.decode(column: "energy_wh", as: Double?.self), powerW: try row.decode(column: "power_w", as: Double?.self)))
            }
            let windows = SupplyWindow.windows(from: start, count: Int(end.timeIntervalSince(start) / SupplyWindow.length))
            let windowKeys = windows.map { StoredTime.text($0.start) }
            var totals: [String: DayTotal] = [:]
            for station in stations {
                let planned = prices[groupOf[station] ?? station] ?? [:]
                var total = DayTotal(currency: windowKeys.lazy.compactMap { planned[$0]?.currency }.first)
                for (window, energy) in Self.energies(in: windows, readings: readings[station] ?? []) {
                    guard let energy else { continue }
                    total.energyWh += energy
                    total.windowsWithEnergy += 1
                    if let price = planned[windowKeys[window]]?.price { total.cost += WindowEnergy.cost(energyWh: energy, pricePerKWh: price) }
                }
                totals[station] = total
            }
            return totals
        }
    }

    /// `WindowEnergy.bought` for each window (in time order) over readings in time order, given for each window
    /// only what it looks at (the last register and power readings at or before its start and those in it), so
    /// a day of readings is walked once rather than once per window.
    static func energies(in windows: [SupplyWindow], readings: [WindowEnergy.Reading]) -> [(Int, Double?)] {
        var next = 0
        var lastRegister: WindowEnergy.Reading?
        var lastPower: WindowEnergy.Reading?
        return windows.enumerated().map { index, window in
            while next < readings.count, readings[next].time <= window.start {
                if readings[next].energyWh != nil { lastRegister = readings[next] }
                if readings[next].powerW != nil { lastPower = readings[next] }
                next += 1
            }
            var end = next
            while end < readings.count, readings[end].time <= window.end { end += 1 }
            var held = [lastRegister, lastPower].compactMap { $0 }.sorted { $0.time < $1.time }
            if held.count == 2, held[0].time == held[1].time { held.removeLast() }
            return (index, WindowEnergy.bought(in: window, readings: held + readings[next..<end])?.0)
        }
    }
}
