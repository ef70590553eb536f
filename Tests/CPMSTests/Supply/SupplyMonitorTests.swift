@testable import CPMS
import Foundation
import SQLKit
import SupplyPlanning
import Testing

/// The monitoring figures against hand-computed ones: energy from the import register's differences, or the
/// power's integral; cost at the window's price; the battery's last reading; daily totals per station and DSO.
@Suite(.timeLimit(.minutes(2)))
struct SupplyMonitorTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    @Test func energyCostAndBatteryPerWindowAndTheDaysTotals() async throws {
        let database = try await TestBackend.sqlite.open()
        let station = uniqueStationID("M")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "x", at: start)
        let windows = SupplyWindow.windows(from: start, count: 3)
        let plan = SupplyPlan(currency: "EUR", choices: [
            SupplyChoice(group: station, window: windows[0], supplier: "a", pricePerKWh: Decimal(string: "0.20")!, renewableShare: 0.8, capW: 11_000, quality: .fresh, reasons: []),
            SupplyChoice(group: station, window: windows[1], supplier: "b", pricePerKWh: Decimal(string: "0.30")!, capW: 11_000, quality: .fallback, reasons: []),
        ], stations: [], shortfalls: [])
        try await SupplyPlanStore(database: database).replace(from: start, with: plan, at: start)
        // Register: 1000 Wh at the start, 2500 at the first window's end, 3000 at the second's. Then power only.
        let meter: [(TimeInterval, Double?, Double?)] = [
            (0, 1000, nil), (450, 1500, nil), (900, 2500, nil), (1800, 3000, nil), (1800 + 1, nil, 4000), (1800 + 451, nil, 2000),
        ]
        try await database.withConnection { connection in
            for (offset, energy, power) in meter {
                try await connection.insert(into: "meter_values").columns("station", "evse", "timestamp", "sampled_values", "energy_wh", "power_w", "received_at")
                    .values(SQLBind(station), SQLBind(0), SQLBind(StoredTime.text(start.addingTimeInterval(offset))), SQLBind("[]"), SQLBind(energy), SQLBind(power), SQLBind(StoredTime.text(start)))
                    .run()
            }
            for (offset, soc, power) in [(100.0, 50.0, -1000.0), (800.0, 55.0, -2000.0)] {
                try await connection.insert(into: "battery_telemetry")
                    .columns("station", "timestamp", "soc_percent", "power_w", "setpoint_w", "mode", "quality", "received_at")
                    .values(SQLBind(station), SQLBind(StoredTime.text(start.addingTimeInterval(offset))), SQLBind(soc), SQLBind(power), SQLBind(power), SQLBind("charge"), SQLBind("fresh"), SQLBind(StoredTime.text(start)))
                    .run()
            }
        }
        let monitor = SupplyMonitor(
            database: database, plan: SupplyPlanStore(database: database), groups: SupplyGroupStore(database: database),
            registry: StationRegistry(database: database), defaultConnectionLimitW: 22_000)
        let report = try await monitor.report(station: station, from: start, to: start.addingTimeInterval(2700))
        // 4000 W for 450 s, then 2000 W for the 449 s left of the window.
        let fromPower: Double = 500 + 2000.0 * 449 / 3600
        let expected: [Double?] = [1500, 500, fromPower]
        #expect(report.windows.map(\.energyWh) == expected)
        #expect(report.windows.map(\.energyFrom) == ["register", "register", "power"])
        #expect(report.windows.map(\.cost) == [Decimal(string: "0.3"), Decimal(string: "0.15"), nil])
        #expect(report.windows.map(\.dso) == ["a", "b", nil])
        #expect(report.windows.first?.batterySocPercent == 55)
        #expect(report.windows.first?.batteryPowerW == -2000)
        #expect(report.windows.first?.renewableShare == 0.8)
        #expect(report.cost == Decimal(string: "0.45"))

        let summary = try await monitor.summary(day: start)
        let row = try #require(summary.stations.first { $0.station == station })
        #expect(row.cost == Decimal(string: "0.45"))
        #expect(row.windowsWithEnergy == 3)
        #expect(summary.dsos.map(\.dso) == ["(none)", "a", "b"])
        #expect(summary.dsos.map(\.cost) == [0, Decimal(string: "0.3")!, Decimal(string: "0.15")!])
        #expect(summary.dsos.first { $0.dso == "a" }?.energyWh == 1500)
        await database.shutdown()
    }
}
