import Foundation
import OCPP
import SQLKit
import SupplyPlanning

/// The Station page's plots of the last 24 hours: grid power (the grid meter, EVSE 0) against the cap the
/// supply plan gave the station, each socket's power (its transactions' meter values and MeterValues of its
/// EVSE), the battery's SoC and power, and the purchase price of each window of the plan. The plan's cap and
/// price go on a few hours past now (what is planned), the measured series end now.
struct StationPlots: Sendable {
    let database: any CPMSDatabase
    let supply: PortalSupply

    /// Colours of the series (chosen to be told apart, also by people with red-green colour blindness).
    enum Colour {
        static let grid = "#1f5fa8"
        static let cap = "#c0392b"
        static let soc = "#2e7d32"
        static let battery = "#8e44ad"
        static let price = "#b26a00"
        static let sockets = ["#1f5fa8", "#e67e22", "#16a085", "#8e44ad", "#7f8c8d", "#c0392b"]
    }

    /// The charts from `from` to `to` (now); the plan's cap and price go on until `until`.
    func charts(station: String, socketNames: [Int: String], from: Date, to: Date, until: Date) async throws -> PortalCharts {
        let plan = try await planWindows(station: station, from: from, to: until)
        let grid = try await meterPower(station: station, evse: 0, from: from, to: to)
        var sockets = try await socketPower(station: station, from: from, to: to)
        for (evse, samples) in try await meteredSockets(station: station, from: from, to: to) {
            sockets[evse, default: []].append(contentsOf: samples)
        }
        let battery = try await battery(station: station, from: from, to: to)
        let currency = plan.first?.currency ?? supply.settings.currency

        let gridChart = PortalChart(
            id: "grid", title: "Grid power and cap", unit: "kW",
            empty: "No grid meter readings and no cap in the last 24 hours.", from: from, to: until, now: to,
            series: [
                .init(label: "Grid power (import +)", color: Colour.grid, points: ChartPoints.line(grid.map { ($0.at, $0.value / 1000) })),
                .init(
                    label: "Cap from the supply plan", color: Colour.cap, stepped: true, dashed: true,
                    points: ChartPoints.steps(plan.map { ($0.start, $0.end, $0.capW.map { $0 / 1000 }) })),
            ].filter { $0.points.contains { $0.y != nil } })
        let socketChart = PortalChart(
            id: "sockets", title: "Socket power", unit: "kW", empty: "No socket charged in the last 24 hours.", from: from, to: until, now: to,
            series: sockets.keys.sorted().enumerated().map { index, evse in
                let samples = (sockets[evse] ?? []).sorted { $0.at < $1.at }
                return .init(
                    label: socketNames[evse].map { "Socket \($0)" } ?? "EVSE \(evse)", color: Colour.sockets[index % Colour.sockets.count],
                    points: ChartPoints.line(samples.map { ($0.at, $0.value / 1000) }))
            })
        let batteryChart = PortalChart(
            id: "battery", title: "Battery", unit: "kW", rightUnit: "SoC %", rightMax: 100,
            empty: "No battery telemetry in the last 24 hours.", from: from, to: until, now: to,
            series: battery.isEmpty ? [] : [
                .init(label: "SoC", color: Colour.soc, axis: "y2", points: ChartPoints.line(battery.map { ($0.at, $0.soc) })),
                .init(label: "Power (discharging +)", color: Colour.battery, points: ChartPoints.line(battery.map { ($0.at, $0.powerW / 1000) })),
            ])
        let priced = plan.filter { $0.price != nil }
        let priceChart = PortalChart(
            id: "price", title: "Purchase price", unit: "\(currency)/kWh",
            empty: "No purchase price: no DSO's contract covered this station in the last 24 hours.", from: from, to: until, now: to,
            series: priced.isEmpty ? [] : [
                .init(label: "Price per kWh", color: Colour.price, stepped: true, points: ChartPoints.steps(plan.map { ($0.start, $0.end, $0.price) }))
            ])
        return PortalCharts(charts: [gridChart, socketChart, batteryChart, priceChart])
    }

    struct PlanWindow: Sendable {
        let start: Date
        let end: Date
        /// The station's part of its group's cap, W; nil when no DSO supplied the group (nothing was sent).
        let capW: Double?
        let price: Double?
        let currency: String
    }

    /// The plan's windows of the station's group (its group now), with the station's share of the cap.
    func planWindows(station: String, from: Date, to: Date) async throws -> [PlanWindow] {
        let groups = PlanningGroups.make(
            defined: try await supply.stores.groups.all(), stations: [station], defaultConnectionLimitW: supply.settings.defaultConnectionLimitW)
        guard let group = groups.first(where: { $0.members.contains { $0.station == station } }) else { return [] }
        let windowStart = SupplyWindow(containing: from).start
        return try await supply.stores.plan.choices(group: group.id, from: windowStart, to: to).map { entry in
            let supplied = entry.choice.supplier != nil
            return PlanWindow(
                start: entry.choice.window.start, end: entry.choice.window.end,
                capW: supplied ? group.capW(of: station, groupCapW: entry.choice.capW) : nil,
                price: supplied ? NSDecimalNumber(decimal: entry.choice.pricePerKWh).doubleValue : nil, currency: entry.currency)
        }
    }

    typealias Sample = (at: Date, value: Double)

    func meterPower(station: String, evse: Int, from: Date, to: Date) async throws -> [Sample] {
        try await database.withConnection { connection in
            try await connection.select().columns("timestamp", "power_w").from("meter_values")
                .where("station", .equal, station).where("evse", .equal, evse)
                .where("timestamp", .greaterThanOrEqual, StoredTime.text(from)).where("timestamp", .lessThanOrEqual, StoredTime.text(to))
                .orderBy("timestamp").all()
                .compactMap { row in
                    guard let at = StoredTime.date(try row.decode(column: "timestamp", as: String?.self)),
                        let power = try row.decode(column: "power_w", as: Double?.self)
                    else { return nil }
                    return (at, power)
                }
        }
    }

    /// Power of the EVSEs that send MeterValues of their own (EVSE 1 and up).
    func meteredSockets(station: String, from: Date, to: Date) async throws -> [Int: [Sample]] {
        let rows = try await database.withConnection { connection in
            try await connection.select().columns("evse", "timestamp", "power_w").from("meter_values")
                .where("station", .equal, station).where("evse", .greaterThan, 0)
                .where("timestamp", .greaterThanOrEqual, StoredTime.text(from)).where("timestamp", .lessThanOrEqual, StoredTime.text(to))
                .all()
        }
        var samples: [Int: [Sample]] = [:]
        for row in rows {
            guard let at = StoredTime.date(try row.decode(column: "timestamp", as: String?.self)),
                let power = try row.decode(column: "power_w", as: Double?.self)
            else { continue }
            samples[try row.decode(column: "evse", as: Int.self), default: []].append((at, power))
        }
        return samples
    }

    /// Power from the meter values of the transactions' events, per EVSE (an event without its EVSE takes its
    /// transaction's). A session's power drops to 0 when it ends.
    func socketPower(station: String, from: Date, to: Date) async throws -> [Int: [Sample]] {
        let rows = try await database.withConnection { connection in
            try await connection.raw("""
                SELECT COALESCE(e.evse, t.evse) AS evse, e."timestamp", e.event_type, e.meter_values FROM transaction_events e
                JOIN transactions t ON t.station = e.station AND t.transaction_id = e.transaction_id
                WHERE e.station = \(bind: station) AND e."timestamp" >= \(bind: StoredTime.text(from)) AND e."timestamp" <= \(bind: StoredTime.text(to))
                ORDER BY e."timestamp"
                """).all()
        }
        let decoder = PayloadDecoder(version: .v201, rejectsUnknownProperties: false)
        var samples: [Int: [Sample]] = [:]
        for row in rows {
            guard let evse = try row.decode(column: "evse", as: Int?.self) else { continue }
            if let json = try row.decode(column: "meter_values", as: String?.self),
                let payload = try? JSONValue(parsing: #"{"evseId":\#(evse),"meterValue":\#(json)}"#),
                let request = try? decoder.decode(OCPP201.MeterValuesRequest.self, from: payload) {
                for value in request.meterValues {
                    if let power = MeterSummary([value]).powerW { samples[evse, default: []].append((value.timestamp, power)) }
                }
            }
            if try row.decode(column: "event_type", as: String.self) == "Ended",
                let at = StoredTime.date(try row.decode(column: "timestamp", as: String?.self)) {
                samples[evse, default: []].append((at, 0))
            }
        }
        return samples
    }

    func battery(station: String, from: Date, to: Date) async throws -> [(at: Date, soc: Double, powerW: Double)] {
        try await database.withConnection { connection in
            try await connection.select().columns("timestamp", "soc_percent", "power_w").from("battery_telemetry")
                .where("station", .equal, station)
                .where("timestamp", .greaterThanOrEqual, StoredTime.text(from)).where("timestamp", .lessThanOrEqual, StoredTime.text(to))
                .orderBy("timestamp").all()
                .compactMap { row in
                    guard let at = StoredTime.date(try row.decode(column: "timestamp", as: String?.self)) else { return nil }
                    return (at, try row.decode(column: "soc_percent", as: Double.self), try row.decode(column: "power_w", as: Double.self))
                }
        }
    }
}
