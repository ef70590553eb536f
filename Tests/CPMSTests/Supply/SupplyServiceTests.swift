@testable import CPMS
import Foundation
import OCPP
import StationTesting
import SupplyPlanning
import Synchronization
import Tariffs
import Testing

/// A station as the supply service sees it: ready or not, answering each send as told, recording what it got.
final class FakeSupplyStations: SupplyStationSender {
    struct Got: Sendable {
        var station: String
        var schedule: JSONValue?
        var profile: OCPP201.SetChargingProfileRequest?
    }

    let ready = Mutex<Set<String>>([])
    /// Refusals to give, per station, before accepting.
    let refusals = Mutex<[String: Int]>([:])
    let got = Mutex<[Got]>([])

    func isReady(_ station: String) async -> Bool { ready.withLock { $0.contains(station) } }

    func sendPriceSchedule(_ data: JSONValue, to station: String) async -> SupplySendOutcome {
        if refusals.withLock({ refusals in
            guard let left = refusals[station], left > 0 else { return false }
            refusals[station] = left - 1
            return true
        }) { return .refused("Rejected: implausible") }
        got.withLock { $0.append(Got(station: station, schedule: data)) }
        return .accepted
    }

    func sendCapProfile(_ request: OCPP201.SetChargingProfileRequest, to station: String) async -> SupplySendOutcome {
        got.withLock { $0.append(Got(station: station, profile: request)) }
        return .accepted
    }

    func clearCapProfile(id: Int, at station: String) async -> SupplySendOutcome {
        cleared.withLock { $0.append(id) }
        return .accepted
    }

    let cleared = Mutex<[Int]>([])

    var schedules: [JSONValue] { got.withLock { $0.compactMap(\.schedule) } }
    var profiles: [OCPP201.SetChargingProfileRequest] { got.withLock { $0.compactMap(\.profile) } }
}

/// A feed that takes supply requests: not reachable for the first `failures` requests, then delivered.
final class FakeRequesterFeed: SupplyFeed, SupplyRequester {
    let failures: Mutex<Int>
    let requests = Mutex<[SupplyRequest]>([])

    init(failures: Int) {
        self.failures = Mutex(failures)
    }

    func run(sink: any ForecastSink) async {
        while !Task.isCancelled { try? await Task.sleep(for: .seconds(3600)) }
    }

    func request(_ request: SupplyRequest) async -> SupplyRequestOutcome {
        requests.withLock { $0.append(request) }
        return failures.withLock { left in
            guard left > 0 else { return .delivered }
            left -= 1
            return .notDelivered("connection refused")
        }
    }
}

/// The supply service with a manual clock and fake stations: it sends a station a new schedule only when the
/// plan changed, catches a station up when it boots, retries refusals, falls back on stale feeds, and keeps
/// supply requests until the DSO took them, across a restart.
@Suite(.timeLimit(.minutes(2)))
struct SupplyServiceTests {
    struct Fixture {
        let database: any CPMSDatabase
        let clock = ManualClock()
        let stations = FakeSupplyStations()
        let station = uniqueStationID("S")

        func service(makeFeed: SupplyFeedRunner.Make? = nil, settings: SupplySettings = SupplySettings()) -> SupplyComponents {
            SupplyComponents(
                database: database, connections: StationConnections(registry: StationRegistry(database: database), clock: clock, logger: .quiet),
                settings: settings, publicURL: "http://127.0.0.1:1", clock: clock, logger: .quiet, sender: stations,
                makeFeed: makeFeed ?? { _, _ in SilentSupplyFeed() })
        }
    }

    func fixture(backend: TestBackend = .sqlite, bound: Double = 3600, feeds: [SupplyFeedSettings] = []) async throws -> Fixture {
        let fixture = Fixture(database: try await backend.openPrivate())
        try await StationRegistry(database: fixture.database).add(ids: [fixture.station], passwordHash: "x", at: fixture.clock.wallTime)
        let dso = DSO(
            id: "grid", name: "Grid Co", contract: SupplyContract(
                groups: [fixture.station], capacityW: 50_000, currency: "EUR", surchargePerKWh: Decimal(string: "0.02")!,
                fallbackPricePerKWh: Decimal(string: "0.40")!, forecastBoundSeconds: bound), feeds: feeds)
        #expect(try await DSOStore(database: fixture.database).add(dso, at: fixture.clock.wallTime))
        fixture.stations.ready.withLock { _ = $0.insert(fixture.station) }
        return fixture
    }

    /// Stops the feeds and closes the database.
    func finish(_ fixture: Fixture, _ services: SupplyComponents...) async {
        for supply in services { await supply.service.feeds.stopAll() }
        await fixture.database.shutdown()
    }

    /// Runs one pass and waits for the stations' and requests' workers it started.
    func pass(_ service: SupplyService) async {
        await withDiscardingTaskGroup { group in _ = await service.pass(starting: &group) }
    }

    func prices(_ forecast: [Double], at start: Date) -> [ForecastInterval] {
        forecast.enumerated().map { index, price in
            ForecastInterval(
                start: start.addingTimeInterval(Double(index) * 900), end: start.addingTimeInterval(Double(index + 1) * 900),
                pricePerKWh: Decimal(string: "\(price)")!, energyMix: EnergyMix(isGreenEnergy: true), renewableShare: 0.5)
        }
    }

    func slotPrices(_ schedule: JSONValue?) -> [Double] {
        guard case .object(let object)? = schedule, case .array(let slots)? = object["slots"] else { return [] }
        return slots.compactMap { slot in
            guard case .object(let fields) = slot, case .number(let price)? = fields["price_per_kwh"] else { return nil }
            return price
        }
    }

    func version(_ schedule: JSONValue?) -> Double? {
        guard case .object(let object)? = schedule, case .number(let version)? = object["version"] else { return nil }
        return version
    }

    @Test(arguments: TestBackend.available)
    func aForecastUpdateChangesThePlanAndOnlyAChangedPlanIsSent(backend: TestBackend) async throws {
        let fixture = try await fixture(backend: backend)
        let supply = fixture.service()
        let now = fixture.clock.wallTime
        try await supply.stores.forecasts.received(ForecastUpdate(
            dso: "grid", feed: "json", intervals: prices([0.10, 0.30, 0.30, 0.10], at: now), source: "test feed", receivedAt: now))
        await pass(supply.service)
        #expect(fixture.stations.schedules.count == 1)
        let first = slotPrices(fixture.stations.schedules.last)
        #expect(first.count == 96)
        #expect(Array(first.prefix(5)) == [0.12, 0.32, 0.32, 0.12, 0.40])
        #expect(version(fixture.stations.schedules.last) == 1)
        let profile = try #require(fixture.stations.profiles.last)
        #expect(profile.evseId == 0)
        #expect(profile.chargingProfile.chargingProfilePurpose == .chargingStationMaxProfile)
        #expect(profile.chargingProfile.chargingSchedules.first?.chargingRateUnit == .watts)
        #expect(profile.chargingProfile.chargingSchedules.first?.chargingSchedulePeriods.map(\.limit) == [22_000])
        #expect(profile.chargingProfile.chargingSchedules.first?.startSchedule == now)
        #expect(profile.chargingProfile.chargingSchedules.first?.duration == 86_400)

        // The same plan again: nothing is sent.
        await pass(supply.service)
        #expect(fixture.stations.schedules.count == 1)
        #expect(fixture.stations.profiles.count == 1)

        // A new forecast for the second window: a new schedule, a higher version; the cap is unchanged.
        try await supply.stores.forecasts.received(ForecastUpdate(
            dso: "grid", feed: "json", intervals: prices([0.05], at: now.addingTimeInterval(900)), source: "test feed", receivedAt: now))
        await pass(supply.service)
        #expect(fixture.stations.schedules.count == 2)
        #expect(Array(slotPrices(fixture.stations.schedules.last).prefix(3)) == [0.12, 0.07, 0.32])
        #expect(version(fixture.stations.schedules.last) == 2)
        #expect(fixture.stations.profiles.count == 1)
        let stored = try await supply.stores.plan.choices(group: fixture.station, from: now, to: now.addingTimeInterval(1800))
        #expect(stored.map(\.choice.pricePerKWh) == [Decimal(string: "0.12")!, Decimal(string: "0.07")!])
        #expect(stored.map(\.choice.supplier) == ["grid", "grid"])
        #expect(stored.map { $0.energyMix?.isGreenEnergy } == [true, true])

        // Time moves on a window: the plan only moved, nothing is sent.
        fixture.clock.advance(by: .seconds(900))
        await pass(supply.service)
        #expect(fixture.stations.schedules.count == 2)
        #expect(fixture.stations.profiles.count == 1)
        // The past window stays in the stored plan.
        #expect(try await supply.stores.plan.choices(group: fixture.station, from: now, to: now.addingTimeInterval(900)).count == 1)
        await finish(fixture, supply)
    }

    @Test func aStationThatReconnectsGetsWhatItMissed() async throws {
        let fixture = try await fixture()
        fixture.stations.ready.withLock { $0 = [] }
        let supply = fixture.service()
        await pass(supply.service)
        #expect(fixture.stations.schedules.isEmpty)
        fixture.stations.ready.withLock { _ = $0.insert(fixture.station) }
        supply.service.stationBooted(fixture.station)
        await pass(supply.service)
        #expect(fixture.stations.schedules.count == 1)
        #expect(fixture.stations.profiles.count == 1)
        await finish(fixture, supply)
    }

    @Test func aStationNoDSOCoversKeepsItsOwnTariffAndIsReleasedWhenItsDSOGoes() async throws {
        let fixture = try await fixture()
        let lone = uniqueStationID("L")
        try await StationRegistry(database: fixture.database).add(ids: [lone], passwordHash: "x", at: fixture.clock.wallTime)
        fixture.stations.ready.withLock { _ = $0.insert(lone) }
        let supply = fixture.service()
        await pass(supply.service)
        #expect(fixture.stations.got.withLock { $0.map(\.station) }.allSatisfy { $0 == fixture.station })
        #expect(fixture.stations.schedules.count == 1)

        #expect(try await supply.stores.dsos.remove("grid"))
        await pass(supply.service)
        #expect(fixture.stations.schedules.count == 2)
        #expect(slotPrices(fixture.stations.schedules.last).isEmpty)
        #expect(fixture.stations.cleared.withLock { $0 } == [StationSupplyMessages.capProfileID])
        await pass(supply.service)
        #expect(fixture.stations.schedules.count == 2)
        #expect(fixture.stations.cleared.withLock { $0.count } == 1)
        await finish(fixture, supply)
    }

    @Test func everyStationIsSentToThoughOnlyAFewAtATime() async throws {
        let fixture = try await fixture()
        let others = (0..<5).map { _ in uniqueStationID("Q") }
        try await StationRegistry(database: fixture.database).add(ids: others, passwordHash: "x", at: fixture.clock.wallTime)
        fixture.stations.ready.withLock { $0.formUnion(others) }
        var dso = try #require(try await DSOStore(database: fixture.database).entry("grid")).dso
        dso.contract.groups += others
        #expect(try await DSOStore(database: fixture.database).update(dso, at: fixture.clock.wallTime))
        var settings = SupplySettings()
        settings.maxConcurrentStations = 2
        let supply = fixture.service(settings: settings)
        await pass(supply.service)
        #expect(Set(fixture.stations.got.withLock { $0.compactMap { $0.schedule == nil ? nil : $0.station } }) == Set(others + [fixture.station]))
        await finish(fixture, supply)
    }

    @Test func aRefusedScheduleIsSentAgainAfterTheRetryInterval() async throws {
        let fixture = try await fixture()
        fixture.stations.refusals.withLock { $0[fixture.station] = 1 }
        let supply = fixture.service()
        await pass(supply.service)
        #expect(fixture.stations.schedules.isEmpty)
        let refused = try await supply.stores.sent.record(fixture.station)
        #expect(refused?.schedule?.refusal == "Rejected: implausible")
        #expect(refused?.schedule?.acknowledged == false)
        await pass(supply.service)
        #expect(fixture.stations.schedules.isEmpty)
        fixture.clock.advance(by: .seconds(60))
        await pass(supply.service)
        #expect(fixture.stations.schedules.count == 1)
        #expect(try await supply.stores.sent.record(fixture.station)?.schedule?.acknowledged == true)
        await finish(fixture, supply)
    }

    @Test func aFeedBeyondItsBoundFallsBackAndAFailingOneIsStale() async throws {
        let fixture = try await fixture(bound: 1800)
        let supply = fixture.service()
        let now = fixture.clock.wallTime
        try await supply.stores.forecasts.received(ForecastUpdate(
            dso: "grid", feed: "json", intervals: prices(Array(repeating: 0.10, count: 16), at: now), source: "test feed", receivedAt: now))
        fixture.clock.advance(by: .seconds(900))
        await supply.stores.forecasts.failed(dso: "grid", feed: "json", reason: "HTTP 500", at: fixture.clock.wallTime)
        let dsos = try await supply.stores.dsos.all().map(\.dso)
        let stale = try await supply.service.plan(dsos: dsos, at: fixture.clock.wallTime)
        let staleChoice = try #require(stale.choices.first { $0.group == fixture.station })
        #expect(staleChoice.quality == .stale)
        #expect(staleChoice.pricePerKWh == Decimal(string: "0.12")!)

        fixture.clock.advance(by: .seconds(1800))
        let late = try await supply.service.plan(dsos: dsos, at: fixture.clock.wallTime)
        let fallback = try #require(late.choices.first { $0.group == fixture.station })
        #expect(fallback.quality == .fallback)
        #expect(fallback.pricePerKWh == Decimal(string: "0.40")!)
        #expect(fallback.reasons.contains { $0.contains("beyond the 1800 s forecast bound") })
        #expect(late.stations.first?.slots.count == 96)
        await finish(fixture, supply)
    }

    @Test func supplyRequestsAreRetriedAndSurviveARestart() async throws {
        let fixture = try await fixture(feeds: [.oscp(OSCPFeedSettings(capacityProviderURL: "http://127.0.0.1:1/oscp", registrationToken: "A"))])
        let feed = FakeRequesterFeed(failures: 1)
        let now = fixture.clock.wallTime
        let request = SupplyRequest(dso: "grid", group: fixture.station, start: now, end: now.addingTimeInterval(3600), capacityW: 30_000, reason: "test")
        let first = fixture.service(makeFeed: { _, _ in feed })
        try await first.stores.requests.enqueue(request, origin: "manual", at: now)
        await pass(first.service)
        #expect(feed.requests.withLock { $0.count } == 1)
        let pending = try #require(try await first.stores.requests.list().first)
        #expect(pending.state == .pending)
        #expect(pending.attempts == 1)
        #expect(pending.outcome == "connection refused")
        await first.service.feeds.stopAll()

        // A new process on the same database: the job is still there and is delivered when due.
        let second = fixture.service(makeFeed: { _, _ in feed })
        await pass(second.service)
        #expect(feed.requests.withLock { $0.count } == 1)
        fixture.clock.advance(by: .seconds(30))
        await pass(second.service)
        #expect(feed.requests.withLock { $0.count } == 2)
        #expect(try await second.stores.requests.list().first?.state == .delivered)
        await finish(fixture, second)
    }

    @Test func aDSOWithoutARequesterRefusesTheRequest() async throws {
        let fixture = try await fixture(feeds: [.entsoe(ENTSOEFeedSettings(source: "/nonexistent"))])
        let supply = fixture.service()
        let now = fixture.clock.wallTime
        try await supply.stores.requests.enqueue(
            SupplyRequest(dso: "grid", group: fixture.station, start: now, end: now.addingTimeInterval(900), capacityW: 1000, reason: "test"),
            origin: "manual", at: now)
        await pass(supply.service)
        let job = try #require(try await supply.stores.requests.list().first)
        #expect(job.state == .refused)
        #expect(job.outcome?.contains("no feed that takes supply requests (feeds: entsoe)") == true)
        await finish(fixture, supply)
    }

    @Test func shortfallsAreCoalescedPerSupplierGroupAndContiguousSpan() {
        let start = Date(timeIntervalSince1970: 1_800_000_000)
        let windows = SupplyWindow.windows(from: start, count: 4)
        let shortfalls = [
            SupplyShortfall(group: "g", window: windows[0], supplier: "a", neededW: 10_000, allottedW: 5_000),
            SupplyShortfall(group: "g", window: windows[1], supplier: "a", neededW: 12_000, allottedW: 5_000),
            SupplyShortfall(group: "g", window: windows[3], supplier: "a", neededW: 10_000, allottedW: 5_000),
            SupplyShortfall(group: "h", window: windows[0], supplier: "a", neededW: 10_000, allottedW: 5_000),
            SupplyShortfall(group: "g", window: windows[0], supplier: nil, neededW: 10_000, allottedW: 0),
        ]
        let requests = SupplyService.coalesce(shortfalls)
        #expect(requests.map { "\($0.group) \($0.start.timeIntervalSince(start)) \($0.end.timeIntervalSince(start)) \($0.capacityW)" } == [
            "g 0.0 1800.0 12000.0", "g 2700.0 3600.0 10000.0", "h 0.0 900.0 10000.0",
        ])
    }
}

/// A feed that delivers nothing: the service tests give their forecasts to the store directly.
struct SilentSupplyFeed: SupplyFeed {
    func run(sink: any ForecastSink) async {
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(3600))
        }
    }
}
