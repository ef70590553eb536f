import Foundation
import SQLKit
import SupplyPlanning
import Tariffs

/// Monitoring of the supply: per station and window the chosen DSO, price, mix, the energy the station bought
/// (its grid meter, EVSE 0) and what it cost, its battery; and daily totals per station and per DSO.
///
/// A station's windows are those of the group it is in now (its own when in none).
struct SupplyMonitor: Sendable {
    let database: any CPMSDatabase
    let plan: SupplyPlanStore
    let groups: SupplyGroupStore
    let registry: StationRegistry
    let defaultConnectionLimitW: Double

    /// One window of one station.
    struct StationWindow: Sendable, Encodable {
        var windowStart: String
        var windowEnd: String
        var dso: String?
        var pricePerKwh: Decimal?
        var currency: String?
        var renewableShare: Double?
        var co2GramsPerKwh: Double?
        var energyMix: EnergyMix?
        var quality: String?
        /// Wh imported in the window; nil when the grid meter said nothing about it.
        var energyWh: Double?
        /// `register` (Energy.Active.Import.Register differences) or `power` (the integral of Power.Active.Import).
        var energyFrom: String?
        /// The energy at the window's price (kWh to the Wh, times the price), exact.
        var cost: Decimal?
        var batterySocPercent: Double?
        var batteryPowerW: Double?
    }

    struct StationReport: Sendable, Encodable {
        var station: String
        var group: String
        var from: String
        var to: String
        var windows: [StationWindow]
        var energyWh: Double
        var cost: Decimal
        var currency: String?
    }

    struct Totals: Sendable, Encodable {
        var energyWh: Double = 0
        var cost: Decimal = 0
    }

    struct DaySummary: Sendable, Encodable {
        struct Station: Sendable, Encodable {
            var station: String
            var group: String
            var energyWh: Double
            var cost: Decimal
            var windowsWithEnergy: Int
        }

        struct DSO: Sendable, Encodable {
            var dso: String
            var energyWh: Double
            var cost: Decimal
        }

        var day: String
        var currency: String?
        var stations: [Station]
        var dsos: [DSO]
        var energyWh: Double
        var cost: Decimal
    }

    /// The station's group now.
    func group(of station: String) async throws -> String {
        let defined = try await groups.all()
        return defined.first { $0.members.contains { $0.station == station } }?.id ?? station
    }

    func report(station: String, from: Date, to: Date) async throws -> StationReport {
        let group = try await group(of: station)
        let choices = Dictionary(
            try await plan.choices(group: group, from: from, to: to).map { ($0.choice.window.start, $0) }, uniquingKeysWith: { first, _ in first })
        let lookback = from.addingTimeInterval(-3600)
        let readings = try await meterReadings(station: station, from: lookback, to: to)
        let battery = try await batteryReadings(station: station, from: from, to: to)
        var windows: [StationWindow] = []
        var totals = Totals()
        var currency: String?
        var window = SupplyWindow(containing: from)
        while window.start < to {
            let entry = choices[window.start]
            var row = StationWindow(windowStart: StoredTime.text(window.start), windowEnd: StoredTime.text(window.end))
            if let entry {
                row.dso = entry.choice.supplier
                row.pricePerKwh = entry.choice.pricePerKWh
                row.currency = entry.currency
                row.renewableShare = entry.choice.renewableShare
                row.co2GramsPerKwh = entry.choice.carbonGramsPerKWh
                row.energyMix = entry.energyMix
                row.quality = entry.choice.quality.rawValue
                currency = currency ?? entry.currency
            }
            if let (energy, from) = WindowEnergy.bought(in: window, readings: readings) {
                row.energyWh = energy
                row.energyFrom = from
                totals.energyWh += energy
                if let price = row.pricePerKwh {
                    let cost = WindowEnergy.cost(energyWh: energy, pricePerKWh: price)
                    row.cost = cost
                    totals.cost += cost
                }
            }
            if let last = battery.last(where: { $0.time >= window.start && $0.time < window.end }) {
                row.batterySocPercent = last.soc
                row.batteryPowerW = last.power
            }
            windows.append(row)
            window = window.next
        }
        return StationReport(
            station: station, group: group, from: StoredTime.text(from), to: StoredTime.text(to), windows: windows, energyWh: totals.energyWh,
            cost: totals.cost, currency: currency)
    }

    /// The UTC day's totals per station and per DSO.
    func summary(day: Date) async throws -> DaySummary {
        let start = Calendar.utc.startOfDay(for: day)
        let end = start.addingTimeInterval(86400)
        var stations: [DaySummary.Station] = []
        var dsos: [String: Totals] = [:]
        var currency: String?
        for station in try await registry.all().map(\.id) {
            let report = try await report(station: station, from: start, to: end)
            currency = currency ?? report.currency
            stations.append(.init(
                station: station, group: report.group, energyWh: report.energyWh, cost: report.cost,
                windowsWithEnergy: report.windows.filter { $0.energyWh != nil }.count))
            for window in report.windows {
                guard let energy = window.energyWh else { continue }
                let dso = window.dso ?? "(none)"
                dsos[dso, default: Totals()].energyWh += energy
                dsos[dso, default: Totals()].cost += window.cost ?? 0
            }
        }
        return DaySummary(
            day: String(StoredTime.text(start).prefix(10)), currency: currency, stations: stations,
            dsos: dsos.keys.sorted().map { .init(dso: $0, energyWh: dsos[$0]?.energyWh ?? 0, cost: dsos[$0]?.cost ?? 0) },
            energyWh: stations.reduce(0) { $0 + $1.energyWh }, cost: stations.reduce(Decimal(0)) { $0 + $1.cost })
    }

    private func meterReadings(station: String, from: Date, to: Date) async throws -> [WindowEnergy.Reading] {
        try await database.withConnection { connection in
            try await connection.select().columns("timestamp", "energy_wh", "power_w").from("meter_values")
                .where("station", .equal, station).where("evse", .equal, 0)
                .where("timestamp", .greaterThanOrEqual, StoredTime.text(from)).where("timestamp", .lessThanOrEqual, StoredTime.text(to))
                .orderBy("timestamp").all()
                .compactMap { row in
                    guard let time = StoredTime.date(try row.decode(column: "timestamp", as: String?.self)) else { return nil }
                    return WindowEnergy.Reading(
                        time: time, energyWh: try row.decode(column: "energy_wh", as: Double?.self), powerW: try row.decode(column: "power_w", as: Double?.self))
                }
        }
    }

    private func batteryReadings(station: String, from: Date, to: Date) async throws -> [(time: Date, soc: Double, power: Double)] {
        try await database.withConnection { connection in
            try await connection.select().columns("timestamp", "soc_percent", "power_w").from("battery_telemetry")
                .where("station", .equal, station)
                .where("timestamp", .greaterThanOrEqual, StoredTime.text(from)).where("timestamp", .lessThan, StoredTime.text(to))
                .orderBy("timestamp").all()
                .compactMap { row in
                    guard let time = StoredTime.date(try row.decode(column: "timestamp", as: String?.self)) else { return nil }
                    return (time, try row.decode(column: "soc_percent", as: Double.self), try row.decode(column: "power_w", as: Double.self))
                }
        }
    }
}

/// The energy a grid meter says was bought in a window.
enum WindowEnergy {
    struct Reading: Sendable {
        var time: Date
        var energyWh: Double?
        var powerW: Double?
    }

    /// From the import register: the last reading at or before the window's end minus the last at or before its
    /// start (the first in the window when there is none, if it is not the only one); a register that went back (a meter replaced) counts
    /// from there. Without register readings in the window: the integral of the power samples, each held until the
    /// next (the last until the window's end). Nil when the meter said nothing about the window. Readings in time order.
    static func bought(in window: SupplyWindow, readings: [Reading]) -> (Double, String)? {
        let registers = readings.filter { $0.energyWh != nil }
        let inWindow = registers.filter { $0.time > window.start && $0.time <= window.end }
        let before = registers.last(where: { $0.time <= window.start })
        if let end = inWindow.last?.energyWh, before != nil || inWindow.count > 1, let start = before?.energyWh ?? inWindow.first?.energyWh {
            return (end >= start ? end - start : end, "register")
        }
        let powers = readings.filter { $0.powerW != nil }
        let held = powers.last(where: { $0.time <= window.start })
        let samples = (held.map { [$0] } ?? []) + powers.filter { $0.time > window.start && $0.time < window.end }
        guard samples.contains(where: { $0.time >= window.start }) else { return nil }
        var energy = 0.0
        for (index, sample) in samples.enumerated() {
            let from = max(sample.time, window.start)
            let until = index + 1 < samples.count ? samples[index + 1].time : window.end
            energy += max(0, sample.powerW ?? 0) * until.timeIntervalSince(from) / 3600
        }
        return (energy, "power")
    }

    /// Wh rounded to the Wh, as kWh, times the price.
    static func cost(energyWh: Double, pricePerKWh: Decimal) -> Decimal {
        Decimal(Int(energyWh.rounded())) / 1000 * pricePerKWh
    }
}

extension Calendar {
    static var utc: Calendar {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        return calendar
    }
}
