@testable import CPMS
import Foundation
import SQLKit
import SupplyPlanning
import Testing

/// The supply stores on SQLite and PostgreSQL: a forecast replaces what its feed said about its span, feed
/// status, supply-request jobs with leases, the plan keeping its past.
@Suite(.timeLimit(.minutes(2)))
struct SupplyStoreTests {
    let start = Date(timeIntervalSince1970: 1_800_000_000)

    func interval(_ index: Int, windows: Int = 1, price: String) -> ForecastInterval {
        ForecastInterval(
            start: start.addingTimeInterval(Double(index) * 900), end: start.addingTimeInterval(Double(index + windows) * 900),
            pricePerKWh: Decimal(string: price)!, currency: "EUR")
    }

    @Test(arguments: TestBackend.available)
    func aForecastReplacesWhatItsFeedSaidAboutItsSpan(backend: TestBackend) async throws {
        let database = try await backend.openPrivate()
        let store = ForecastStore(database: database, logger: .quiet)
        try await store.received(ForecastUpdate(
            dso: "d", feed: "json", intervals: (0..<4).map { interval($0, price: "0.1\($0)") }, source: "first", receivedAt: start))
        try await store.received(ForecastUpdate(dso: "d", feed: "entsoe", intervals: [interval(1, price: "0.5")], source: "other feed", receivedAt: start))
        try await store.received(ForecastUpdate(
            dso: "d", feed: "json", intervals: [interval(1, windows: 2, price: "0.25")], source: "second", receivedAt: start.addingTimeInterval(60)))
        let json = try await store.forecasts(from: start, to: start.addingTimeInterval(3600)).filter { $0.feed == "json" }
        #expect(json.map(\.interval.pricePerKWh) == [Decimal(string: "0.10"), Decimal(string: "0.25"), Decimal(string: "0.13")])
        #expect(json.map(\.source) == ["first", "second", "first"])
        #expect(try await store.forecasts(from: start, to: start.addingTimeInterval(3600)).filter { $0.feed == "entsoe" }.count == 1)

        var status = try #require(try await store.statuses().first { $0.feed == "json" })
        #expect(status.lastSuccessAt == start.addingTimeInterval(60))
        #expect(status.dataUntil == start.addingTimeInterval(3600))
        #expect(!status.isFailing)
        await store.failed(dso: "d", feed: "json", reason: "HTTP 503", at: start.addingTimeInterval(120))
        status = try #require(try await store.statuses().first { $0.feed == "json" })
        #expect(status.isFailing)
        #expect(status.lastError == "HTTP 503")
        #expect(status.lastSuccessAt == start.addingTimeInterval(60))
        #expect(status.dataUntil == start.addingTimeInterval(3600))
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func supplyRequestJobsAreLeasedRetriedAndFinishedOnce(backend: TestBackend) async throws {
        let database = try await backend.openPrivate()
        let store = SupplyRequestStore(database: database)
        let request = SupplyRequest(dso: "d", group: "g", start: start, end: start.addingTimeInterval(1800), capacityW: 10_000, reason: "shortfall")
        let id = try #require(try await store.enqueue(request, origin: "plan", at: start))
        #expect(try await store.enqueue(request, origin: "plan", at: start) == nil)
        #expect(try await store.enqueue(request, origin: "manual", at: start) != nil)

        let claimed = try await store.claim(limit: 1, at: start, leaseUntil: start.addingTimeInterval(60), owner: "a")
        #expect(claimed.map(\.request) == [request])
        let others = try await store.claim(limit: 5, at: start, leaseUntil: start.addingTimeInterval(60), owner: "b")
        #expect(others.count == 1)
        #expect(!others.contains { $0.id == claimed.first?.id })
        let first = try #require(claimed.first)
        #expect(try await store.finish(first.id, state: .delivered, outcome: nil, owner: "b", at: start) == false)
        #expect(try await store.retry(first.id, reason: "timeout", owner: "a", at: start, next: start.addingTimeInterval(30)))
        #expect(try await store.claim(limit: 5, at: start.addingTimeInterval(29), leaseUntil: start.addingTimeInterval(90), owner: "a").isEmpty)
        let again = try await store.claim(limit: 5, at: start.addingTimeInterval(30), leaseUntil: start.addingTimeInterval(90), owner: "c")
        #expect(again.map(\.id) == [first.id])
        #expect(again.first?.attempts == 1)
        #expect(try await store.finish(first.id, state: .delivered, outcome: nil, owner: "c", at: start.addingTimeInterval(31)))
        let jobs = try await store.list()
        #expect(jobs.first { $0.id == first.id }?.state == .delivered)
        #expect(jobs.first { $0.id == first.id }?.attempts == 2)
        _ = id
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func aNewPlanReplacesTheFutureAndKeepsThePast(backend: TestBackend) async throws {
        let database = try await backend.openPrivate()
        let store = SupplyPlanStore(database: database)
        let windows = SupplyWindow.windows(from: start, count: 4)
        func plan(_ windows: ArraySlice<SupplyWindow>, price: String) -> SupplyPlan {
            SupplyPlan(currency: "EUR", choices: windows.map {
                SupplyChoice(group: "g", window: $0, supplier: "d", pricePerKWh: Decimal(string: price)!, capW: 11_000, quality: .fresh, reasons: ["cheapest"])
            }, stations: [], shortfalls: [])
        }
        try await store.replace(from: windows[0].start, with: plan(windows[0..<3], price: "0.1"), at: start)
        try await store.replace(from: windows[1].start, with: plan(windows[1..<4], price: "0.2"), at: start.addingTimeInterval(900))
        let choices = try await store.choices(group: "g", from: start, to: start.addingTimeInterval(3600))
        #expect(choices.map(\.choice.pricePerKWh) == ["0.1", "0.2", "0.2", "0.2"].map { Decimal(string: $0)! })
        #expect(choices.first?.choice.reasons == ["cheapest"])
        #expect(try await store.choices(group: "other", from: start, to: start.addingTimeInterval(3600)).isEmpty)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func theRegistryKeepsTheDSOJSONAndThePolicy(backend: TestBackend) async throws {
        let database = try await backend.openPrivate()
        let dsos = DSOStore(database: database)
        let dso = DSO(
            id: "grid", name: "Grid", contract: SupplyContract(groups: ["g"], capacityW: 1000, currency: "EUR", fallbackPricePerKWh: Decimal(string: "0.3")!),
            feeds: [.timeOfUse(TimeOfUseSettings(timeZone: "Europe/Berlin", periods: [.init(from: "00:00", to: "06:00", pricePerKWh: Decimal(string: "0.1")!)]))])
        #expect(try await dsos.add(dso, at: start))
        #expect(try await dsos.add(dso, at: start) == false)
        #expect(try await dsos.entry("grid")?.dso == dso)
        #expect(try await dsos.remove("grid"))
        #expect(try await dsos.entry("grid") == nil)

        let policy = SupplyPolicyStore(database: database)
        #expect(try await policy.current().policy == .cheapest)
        try await policy.set(.costWithCarbonPrice(pricePerKilogram: Decimal(string: "0.08")!), by: "admin", at: start)
        let entry = try await policy.current()
        #expect(entry.policy == .costWithCarbonPrice(pricePerKilogram: Decimal(string: "0.08")!))
        #expect(entry.updatedBy == "admin")
        await database.shutdown()
    }
}
