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
    /// readings, windows, prices and rounding), read with a few queries for all stations together (one per 100 for the
    /// readings) instead of a report each.
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
        let (stations, prices) = try await database.withConnection { connection in
            let stations = try await connection.select().column("id").from("stations").all().map { try $0.required($0.plainString("id"), "id") }
            // The planned price per group and window (keyed by the stored window text: no date parsing per row).
            var prices: [String: [String: (price: Decimal, currency: String)]] = [:]
            let planRows = try await connection.select().columns("grp", "window_start", "price", "currency").from("supply_plan")
                .where("window_start", .greaterThanOrEqual, StoredTime.text(start)).where("window_start", .lessThan, StoredTime.text(end)).all()
            for row in planRows {
                guard let price = try row.plainString("price").flatMap(SupplyDecimal.parse) else { continue }
                prices[try row.required(row.plainString("grp"), "grp"), default: [:]][try row.required(row.plainString("window_start"), "window_start")] =
                    (price, try row.required(row.plainString("currency"), "currency"))
            }
            return (stations, prices)
        }
        let windows = SupplyWindow.windows(from: start, count: Int(end.timeIntervalSince(start) / SupplyWindow.length))
        let windowKeys = windows.map { StoredTime.text($0.start) }
        var totals: [String: DayTotal] = [:]
        // The grid meter readings from an hour before the day (a window's register reading before its start), a
        // query per 100 stations, each station's by its primary key's range: the one database connection of SQLite
        // is given back between them, so a day's readings never hold up the stations' messages for long.
        for chunk in stride(from: 0, to: stations.count, by: 100).map({ Array(stations[$0..<min($0 + 100, stations.count)]) }) {
            let readings = try await database.withConnection { connection in
                var readings: [String: [WindowEnergy.Reading]] = [:]
                let meterRows = try await connection.select().columns("station", "timestamp", "energy_wh", "power_w").from("meter_values")
                    .where("station", .in, SQLBind.group(chunk)).where("evse", .equal, 0)
                    .where("timestamp", .greaterThanOrEqual, StoredTime.text(start.addingTimeInterval(-3600)))
                    .where("timestamp", .lessThanOrEqual, StoredTime.text(end))
                    .orderBy("station").orderBy("timestamp").all()
                for row in meterRows {
                    guard let time = StoredTime.date(try row.plainString("timestamp")) else { continue }
                    readings[try row.required(row.plainString("station"), "station"), default: []].append(WindowEnergy.Reading(
                        time: time, energyWh: try row.plainDouble("energy_wh"), powerW: try row.plainDouble("power_w")))
                }
                return readings
            }
            for station in chunk {
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
        }
        return totals
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
