@testable import CPMS
import Foundation
import SQLKit
import StationTesting
import Testing

/// The overview's supply figures: the current window's DSO, price and cap as stored in the plan, and today's
/// energy bought and its cost as the monitoring computes them (issue 16), read for all stations at once.
@Suite(.timeLimit(.minutes(3)))
struct OverviewSupplyTests {
    /// 2027-01-15T08:07:30Z: in the window 08:00-08:15.
    static let now = ManualClock.wallTimeOrigin.addingTimeInterval(450)

    static func monitor(_ database: any CPMSDatabase) -> SupplyMonitor {
        SupplyMonitor(
            database: database, plan: SupplyPlanStore(database: database), groups: SupplyGroupStore(database: database),
            registry: StationRegistry(database: database), defaultConnectionLimitW: 22_000)
    }

    static func planRow(_ group: String, _ window: String, dso: String?, price: String, capW: Double, on connection: any SQLDatabase) async throws {
        try await connection.raw("""
            INSERT INTO supply_plan (grp, window_start, dso, price, currency, cap_w, quality, reasons_json, planned_at)
            VALUES (\(bind: group), \(bind: "2027-01-15T\(window):00.000Z"), \(bind: dso), \(bind: price), 'EUR', \(bind: capW), 'fresh', '[]',
                    '2027-01-15T07:00:00.000Z')
            """).run()
    }

    /// A grid meter reading, stored as the ingest stores a station's (which also keeps the latest per EVSE).
    static func meter(_ station: String, _ time: String, energyWh: Double?, powerW: Double?, on connection: any SQLDatabase) async throws {
        let reading = MeterValueRecord(
            station: station, evse: 0, timestamp: "2027-01-15T\(time).000Z", sampledValuesJSON: "[]", energyWh: energyWh, powerW: powerW,
            receivedAt: "2027-01-15T08:00:00.000Z")
        _ = try await IngestBatch(records: [.meterValues([reading])]).write(on: connection)
    }

    /// Two stations in a group with a DSO, one on its own: register readings (with a meter replaced), power
    /// samples only, readings before the day, windows without a price.
    static func seed(_ database: any CPMSDatabase) async throws -> (grouped: String, partner: String, alone: String, group: String) {
        let grouped = uniqueStationID("SUP"), partner = uniqueStationID("SUP"), alone = uniqueStationID("SUP")
        let group = "depot-\(UUID().uuidString.prefix(8))"
        try await StationRegistry(database: database).add(ids: [grouped, partner, alone], passwordHash: "not-a-real-hash", at: now)
        try await SupplyGroupStore(database: database).put(
            SupplyGroupDefinition(
                id: group, name: "Depot", connectionLimitW: 30_000,
                members: [.init(station: grouped, connectionLimitW: 20_000), .init(station: partner, connectionLimitW: 10_000)]),
            at: now)
        try await database.withConnection { connection in
            try await connection.raw("""
                INSERT INTO supply_dsos (id, name, contract_json, feeds_json, created_at, updated_at)
                VALUES ('grid-\(unsafeRaw: group)', 'Grid Co', '{}', '[]', '2027-01-15T00:00:00.000Z', '2027-01-15T00:00:00.000Z')
                """).run()
            for (window, price) in [("07:30", "0.20"), ("07:45", "0.25"), ("08:00", "0.2412")] {
                try await planRow(group, window, dso: "grid-\(group)", price: price, capW: 24_000, on: connection)
            }
            // The station on its own is its own group: no DSO's contract covers it (the unsupplied price).
            for window in ["07:45", "08:00"] { try await planRow(alone, window, dso: nil, price: "0.30", capW: 22_000, on: connection) }
            // Register: 1000 Wh before the day's first priced window, 1500 at 07:40, 2700 at 07:52, then a new
            // meter at 07:58 (the register starts again at 100), 400 at 08:05.
            for (time, energy) in [("07:20:00", 1000.0), ("07:40:00", 1500.0), ("07:52:00", 2700.0), ("07:58:00", 100.0), ("08:05:00", 400.0)] {
                try await meter(grouped, time, energyWh: energy, powerW: nil, on: connection)
            }
            // Power samples only: 6 kW from 07:50, 12 kW from 08:00 (each held until the next).
            for (time, power) in [("07:50:00", 6000.0), ("08:00:00", 12_000.0), ("08:05:00", 0.0)] {
                try await meter(partner, time, energyWh: nil, powerW: power, on: connection)
            }
            // Readings of yesterday only: nothing bought today.
            try await meter(alone, "00:00:00", energyWh: 5000, powerW: nil, on: connection)
            try await connection.raw("""
                INSERT INTO meter_values (station, evse, "timestamp", sampled_values, energy_wh, power_w, received_at)
                VALUES (\(bind: alone), 0, '2027-01-14T23:50:00.000Z', '[]', 4000, NULL, '2027-01-14T23:50:00.000Z')
                """).run()
        }
        return (grouped, partner, alone, group)
    }

    @Test(arguments: TestBackend.available)
    func todaysEnergyAndCostAreTheMonitorsForEveryStationReadTogether(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        do {
            let (grouped, partner, alone, _) = try await Self.seed(database)
            let monitor = Self.monitor(database)
            let totals = try await monitor.dayTotals(day: Self.now, until: Self.now)
            // By hand: 07:30-07:45: 1500 - 1000 = 500 Wh at 0.20; 07:45-08:00: the register went back, so from
            // the new meter's 100 Wh at 07:58 (the last reading at or before 08:00); 08:00-08:15: 400 - 100 = 300 Wh.
            let first = try #require(totals[grouped])
            #expect(first.energyWh == 500 + 100 + 300)
            #expect(first.cost == Decimal(string: "0.1")! + Decimal(string: "0.025")! + Decimal(string: "0.07236")!)
            #expect(first.currency == "EUR" && first.windowsWithEnergy == 3)
            // 6 kW for 10 min = 1000 Wh at 0.25; 12 kW for 5 min = 1000 Wh at 0.2412, then 0.
            let second = try #require(totals[partner])
            #expect(second.energyWh == 2000)
            #expect(second.cost == Decimal(string: "0.25")! + Decimal(string: "0.2412")!)
            let third = try #require(totals[alone])
            // The reading at 00:00 closes yesterday's last window: nothing was bought today.
            #expect(third.energyWh == 0 && third.windowsWithEnergy == 0 && third.cost == 0)
            // And every figure is what the monitoring's report of the day says, station by station.
            for station in [grouped, partner, alone] {
                let start = Calendar.utc.startOfDay(for: Self.now)
                let report = try await monitor.report(station: station, from: start, to: start.addingTimeInterval(86400))
                let total = try #require(totals[station])
                #expect(total.energyWh == report.energyWh, "\(station)")
                #expect(total.cost == report.cost, "\(station)")
                #expect(total.windowsWithEnergy == report.windows.filter { $0.energyWh != nil }.count, "\(station)")
                #expect(total.currency == report.currency, "\(station)")
            }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func theCurrentWindowShowsTheStoredDSOPriceAndEachMembersShareOfTheCap(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        do {
            let (grouped, partner, alone, _) = try await Self.seed(database)
            let monitor = Self.monitor(database)
            let supply = OverviewSupply(monitor: monitor, totals: SupplyDayTotalsCache(monitor: monitor, maxAge: 30))
            let figures = try await supply.figures(at: Self.now)
            // The group's 24 kW are shared 2:1 as the members' connection limits are.
            #expect(figures[grouped]?.current == .init(dso: "Grid Co", pricePerKWh: Decimal(string: "0.2412")!, currency: "EUR", capW: 16_000))
            #expect(figures[partner]?.current == .init(dso: "Grid Co", pricePerKWh: Decimal(string: "0.2412")!, currency: "EUR", capW: 8_000))
            #expect(figures[alone]?.current == .init(dso: nil, pricePerKWh: Decimal(string: "0.30")!, currency: "EUR", capW: 22_000))
            #expect(figures[grouped]?.today?.energyWh == 900)

            func card(_ station: String) -> PortalController<CPMSRequestContext>.StationCard {
                PortalController<CPMSRequestContext>.card(
                    OverviewData.Station(id: station, lastSeen: nil, gridPowerW: 7_000), supply: figures[station] ?? .init(), connected: true,
                    now: Self.now)
            }
            #expect(card(grouped).purchase.plain == "0.2412 EUR/kWh · Grid Co")
            #expect(card(grouped).grid.plain == "7.0 kW import of 16.0 kW cap")
            #expect(card(grouped).energyCost.plain == "900 Wh · 0.20 EUR")  // 0.19736 rounded
            #expect(card(partner).energyCost.plain == "2.00 kWh · 0.49 EUR")  // 0.4912
            #expect(card(alone).purchase.plain == "0.30 EUR/kWh · no DSO's contract")
            #expect(card(alone).energyCost.plain == "—")
            #expect(PortalController<CPMSRequestContext>.card(
                OverviewData.Station(id: "X", lastSeen: nil), supply: .init(), connected: false, now: Self.now).purchase == "No supply plan yet")
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    actor Counter {
        var calls = 0
        func next() -> Int {
            calls += 1
            return calls
        }
    }

    @Test func todaysTotalsAreComputedOnceAMaxAgeAndThenAgainInTheBackgroundWhileTheLastAreShown() async throws {
        let counter = Counter()
        let cache = SupplyDayTotalsCache(maxAge: 30) { _, _ in
            let call = await counter.next()
            return ["S": SupplyMonitor.DayTotal(energyWh: Double(call))]
        }
        #expect(try await cache.totals(at: Self.now)["S"]?.energyWh == 1)
        #expect(try await cache.totals(at: Self.now.addingTimeInterval(29))["S"]?.energyWh == 1)
        #expect(await counter.calls == 1)
        // Older than 30 s: the last totals are answered at once, new ones computed beside.
        #expect(try await cache.totals(at: Self.now.addingTimeInterval(31))["S"]?.energyWh == 1)
        await cache.settled()
        #expect(try await cache.totals(at: Self.now.addingTimeInterval(32))["S"]?.energyWh == 2)
        // A new day is computed before it is answered: yesterday's totals are not today's.
        #expect(try await cache.totals(at: Self.now.addingTimeInterval(86400))["S"]?.energyWh == 3)
    }
}

extension String {
    /// The text with the portal's no-break spaces (between a number and its unit) as plain ones.
    var plain: String { replacingOccurrences(of: "\u{00A0}", with: " ") }
}
