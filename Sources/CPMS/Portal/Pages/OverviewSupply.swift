import Foundation
import SQLKit
import SupplyPlanning

/// The overview's supply figures of every station, from the energy supply's stores (issue 16): the current
/// window's DSO, purchase price and grid cap from the stored plan, read on every request (three small queries);
/// today's energy bought and its cost from `SupplyMonitor.dayTotals`, through `SupplyDayTotalsCache`.
struct OverviewSupply: Sendable {
    struct Figures: Sendable, Equatable {
        /// Nil when the current window has no plan for the station's group (the supply service has not planned yet).
        var current: Current?
        var today: SupplyMonitor.DayTotal?
    }

    struct Current: Sendable, Equatable {
        /// The chosen DSO's name (its id when it has none); nil: no DSO's contract covers the group.
        var dso: String?
        var pricePerKWh: Decimal
        var currency: String
        /// The station's part of its group's cap in this window, W.
        var capW: Double
    }

    let monitor: SupplyMonitor
    let totals: SupplyDayTotalsCache

    func figures(at now: Date) async throws -> [String: Figures] {
        let today = try await totals.totals(at: now)
        let current = try await currentWindow(at: now)
        var figures: [String: Figures] = [:]
        for (station, total) in today { figures[station, default: Figures()].today = total }
        for (station, window) in current { figures[station, default: Figures()].current = window }
        return figures
    }

    /// Each station's DSO, price and cap in the window holding `now`, as the supply service planned and sent them.
    func currentWindow(at now: Date) async throws -> [String: Current] {
        let stations = try await monitor.database.withReadConnection { connection in
            try await connection.select().column("id").from("stations").all().map { try $0.required($0.plainString("id"), "id") }
        }
        let groups = PlanningGroups.make(
            defined: try await monitor.groups.all(), stations: stations, defaultConnectionLimitW: monitor.defaultConnectionLimitW)
        let (choices, names) = try await monitor.database.withReadConnection { connection in
            var choices: [String: (dso: String?, price: Decimal, currency: String, capW: Double)] = [:]
            for row in try await connection.select().columns("grp", "dso", "price", "currency", "cap_w").from("supply_plan")
                .where("window_start", .equal, StoredTime.text(SupplyWindow(containing: now).start)).all() {
                guard let price = try row.plainString("price").flatMap(SupplyDecimal.parse) else { continue }
                choices[try row.required(row.plainString("grp"), "grp")] = (
                    try row.plainString("dso"), price, try row.required(row.plainString("currency"), "currency"),
                    try row.required(row.plainDouble("cap_w"), "cap_w"))
            }
            var names: [String: String] = [:]
            for row in try await connection.select().columns("id", "name").from("supply_dsos").all() {
                names[try row.decode(column: "id", as: String.self)] = try row.decode(column: "name", as: String.self)
            }
            return (choices, names)
        }
        var current: [String: Current] = [:]
        for group in groups {
            guard let choice = choices[group.id] else { continue }
            let total = group.members.reduce(0) { $0 + max(0, $1.connectionLimitW) }
            for member in group.members {
                current[member.station] = Current(
                    dso: choice.dso.map { names[$0] ?? $0 }, pricePerKWh: choice.price, currency: choice.currency,
                    capW: StationSchedules.share(of: choice.capW, limitW: max(0, member.connectionLimitW), totalW: total))
            }
        }
        return current
    }
}

/// Today's totals of every station, kept for `maxAge` and then computed again in the background while the
/// last ones are still shown, so that no overview request waits for a day of meter readings; the first
/// request of a day computes them itself.
actor SupplyDayTotalsCache {
    typealias Compute = @Sendable (_ day: Date, _ until: Date) async throws -> [String: SupplyMonitor.DayTotal]

    private let compute: Compute
    private let maxAge: TimeInterval
    private var snapshot: (day: Date, at: Date, totals: [String: SupplyMonitor.DayTotal])?
    private var refresh: Task<Void, Never>?

    init(maxAge: TimeInterval, compute: @escaping Compute) {
        self.maxAge = maxAge
        self.compute = compute
    }

    init(monitor: SupplyMonitor, maxAge: TimeInterval) {
        self.init(maxAge: maxAge) { day, until in try await monitor.dayTotals(day: day, until: until) }
    }

    func totals(at now: Date) async throws -> [String: SupplyMonitor.DayTotal] {
        let day = Calendar.utc.startOfDay(for: now)
        guard let snapshot, snapshot.day == day else {
            let totals = try await compute(day, now)
            store(day: day, at: now, totals: totals)
            return totals
        }
        if now.timeIntervalSince(snapshot.at) >= maxAge, refresh == nil {
            let compute = compute
            refresh = Task {
                let totals = try? await compute(day, now)
                self.refreshed(day: day, at: now, totals: totals)
            }
        }
        return snapshot.totals
    }

    /// Waits for a refresh under way (tests).
    func settled() async {
        await refresh?.value
    }

    private func refreshed(day: Date, at time: Date, totals: [String: SupplyMonitor.DayTotal]?) {
        refresh = nil
        if let totals { store(day: day, at: time, totals: totals) }
    }

    private func store(day: Date, at time: Date, totals: [String: SupplyMonitor.DayTotal]) {
        if let snapshot, snapshot.day > day || (snapshot.day == day && snapshot.at > time) { return }
        snapshot = (day, time, totals)
    }
}
