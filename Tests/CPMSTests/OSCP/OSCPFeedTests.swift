@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StationTesting
import Synchronization
import Testing

/// The OSCP feed against a fake Capacity Provider on a real port, with cpms's FP endpoints on another and a
/// manual clock: the token exchange, forecasts into the sink, bad input, the CP going offline, heartbeats in
/// pyoscp's format, and what becomes of a supply request.
@Suite(.timeLimit(.minutes(2)))
struct OSCPFeedTests {
    /// What the feed handed on.
    final class RecordingSink: ForecastSink {
        enum Event: Sendable {
            case update(ForecastUpdate)
            case failure(String)
        }

        let events: AsyncStream<Event>
        let continuation: AsyncStream<Event>.Continuation
        let updates = Mutex<[ForecastUpdate]>([])

        init() {
            (events, continuation) = AsyncStream.makeStream(of: Event.self)
        }

        func received(_ update: ForecastUpdate) async throws {
            updates.withLock { $0.append(update) }
            continuation.yield(.update(update))
        }

        func failed(dso: String, feed: String, reason: String, at time: Date) async {
            continuation.yield(.failure(reason))
        }
    }

    struct Running {
        let clock: ManualClock
        let cp: FakeCapacityProvider
        let sink: RecordingSink
        let feed: OSCPFeed
        let dso: DSO
        let database: any CPMSDatabase
        let client: any TestClientProtocol

        func post(_ path: String, _ body: String, token: String?) async throws -> TestResponse {
            var headers: HTTPFields = [.ocpiRequestID: UUID().uuidString, .contentType: "application/json"]
            if let token { headers[.authorization] = "Token \(token)" }
            return try await client.execute(uri: "/oscp/fp/2.0/\(path)", method: .post, headers: headers, body: ByteBuffer(string: body))
        }
    }

    static func block(_ capacity: Double, _ unit: String, from start: Date, minutes: Double = 15) -> String {
        #"{"capacity": \#(capacity), "phase": "ALL", "unit": "\#(unit)", "start_time": "\#(OSCPDateTime.format(start))", "end_time": "\#(OSCPDateTime.format(start.addingTimeInterval(minutes * 60)))"}"#
    }

    /// Starts the feed and returns once it has registered, handshaken and sleeps in its loop.
    func withRunningFeed(
        _ backend: TestBackend, members: @escaping @Sendable (String) async -> [String] = { _ in [] }, prepare: @escaping @Sendable (any CPMSDatabase) async throws -> Void = { _ in },
        _ body: @escaping @Sendable (Running, inout AsyncStream<FakeCapacityProvider.Call>.Iterator) async throws -> Void) async throws {
        let database = try await backend.open()
        try await prepare(database)
        let clock = ManualClock()
        let cp = FakeCapacityProvider()
        let directory = OSCPFeedDirectory()
        let sink = RecordingSink()
        try await cp.run { cpBase in
            let router = Router()
            OSCPFlexibilityProviderRoutes(directory: directory, logger: .quiet).addRoutes(to: router)
            let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)
            try await app.test(.live) { client in
                let settings = OSCPFeedSettings(
                    capacityProviderURL: cpBase, registrationToken: cp.tokenA, groupMapping: ["EAN-871": "depot"], measurementIntervalSeconds: 60)
                let dso = DSO(
                    id: "dso-\(UUID().uuidString.prefix(8))", name: "OSCP DSO",
                    contract: SupplyContract(groups: ["depot"], capacityW: 100_000, currency: "EUR", fallbackPricePerKWh: 0.3), feeds: [.oscp(settings)])
                let context = SupplyFeedContext(
                    database: database, httpClient: .shared, clock: clock, publicURL: "http://127.0.0.1:\(client.port ?? 0)/", logger: .quiet,
                    oscpFeeds: directory)
                let feed = OSCPFeed(dso: dso, settings: settings, context: context, members: members)
                var calls = cp.calls.makeAsyncIterator()
                let task = Task { await feed.run(sink: sink) }
                do {
                    #expect(await cp.next("register", from: &calls)?.authorization == "Token \(cp.tokenA)")
                    let handshake = try #require(await cp.next("handshake", from: &calls))
                    #expect(handshake.authorization == "Token \(cp.tokenC)")
                    #expect(handshake.body.contains(#""heartbeat_interval":60"#))
                    try await clock.waitForSleepers()
                    try await body(Running(clock: clock, cp: cp, sink: sink, feed: feed, dso: dso, database: database, client: client), &calls)
                } catch {
                    task.cancel()
                    await task.value
                    throw error
                }
                task.cancel()
                await task.value
            }
        }
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func theTokensAreExchangedAndKept(backend: TestBackend) async throws {
        try await withRunningFeed(backend) { running, _ in
            let registration = try #require(try await OSCPRegistrationStore(database: running.database).registration(dso: running.dso.id))
            #expect(registration.status == .registered)
            #expect(registration.outgoingToken == running.cp.tokenC)
            let tokenB = try #require(running.cp.tokenB.withLock { $0 })
            #expect(registration.incomingTokenSHA256 == Secrets.sha256Hex(tokenB))
            #expect(registration.capacityProviderBaseURL?.hasSuffix("/oscp/cp/2.0") == true)
            // Token A and C are not what the CP calls cpms with.
            #expect(try await running.post("heartbeat", #"{"offline_mode_at": "2030-01-01T00:00:00Z"}"#, token: running.cp.tokenA).status == .forbidden)
            #expect(try await running.post("heartbeat", #"{"offline_mode_at": "2030-01-01T00:00:00Z"}"#, token: running.cp.tokenC).status == .forbidden)
            #expect(try await running.post("heartbeat", #"{"offline_mode_at": "2030-01-01T00:00:00Z"}"#, token: nil).status == .unauthorized)
            #expect(try await running.post("heartbeat", #"{"offline_mode_at": "2030-01-01T00:00:00Z"}"#, token: tokenB).status == .noContent)
        }
    }

    @Test(arguments: TestBackend.available)
    func aCapacityForecastReachesTheSinkAndBadOnesChangeNothing(backend: TestBackend) async throws {
        try await withRunningFeed(backend) { running, _ in
            let tokenB = try #require(running.cp.tokenB.withLock { $0 })
            let start = running.clock.wallTime
            let forecast = #"{"group_id": "EAN-871", "type": "CONSUMPTION", "forecasted_blocks": [\#(Self.block(32, "A", from: start)), \#(Self.block(20, "KW", from: start.addingTimeInterval(900)))]}"#
            #expect(try await running.post("update_group_capacity_forecast", forecast, token: tokenB).status == .noContent)
            let update = try #require(running.sink.updates.withLock { $0.first })
            #expect(update.dso == running.dso.id && update.feed == "oscp")
            #expect(update.intervals.map(\.capacityW) == [22_080, 20_000])
            #expect(update.intervals.allSatisfy { $0.group == "depot" })
            #expect(update.intervals.first?.start == Date(timeIntervalSince1970: start.timeIntervalSince1970.rounded(.down)))

            for bad in [
                forecast.replacingOccurrences(of: #""KW""#, with: #""EUR""#), forecast.replacingOccurrences(of: "EAN-871", with: "EAN-999"),
                forecast.replacingOccurrences(of: #""type": "CONSUMPTION""#, with: #""type": "MOST""#), "[]", "",
                #"{"group_id": "EAN-871", "type": "CONSUMPTION", "forecasted_blocks": []}"#,
            ] {
                let answer = try await running.post("update_group_capacity_forecast", bad, token: tokenB)
                #expect(answer.status == .badRequest, "\(bad)")
                #expect(String(buffer: answer.body).contains("error"))
            }
            // Taken, not used as capacity.
            #expect(try await running.post("update_group_capacity_forecast", forecast.replacingOccurrences(of: "CONSUMPTION", with: "OPTIMUM"), token: tokenB).status == .noContent)
            #expect(running.sink.updates.withLock { $0.count } == 1)
        }
    }

    @Test(arguments: TestBackend.available)
    func whenTheCapacityProviderFallsSilentItsFallbackForecastHolds(backend: TestBackend) async throws {
        try await withRunningFeed(backend) { running, _ in
            let tokenB = try #require(running.cp.tokenB.withLock { $0 })
            let now = running.clock.wallTime
            let fallback = #"{"group_id": "EAN-871", "type": "FALLBACK_CONSUMPTION", "forecasted_blocks": [\#(Self.block(10, "KW", from: now, minutes: 60))]}"#
            #expect(try await running.post("update_group_capacity_forecast", fallback, token: tokenB).status == .noContent)
            #expect(running.sink.updates.withLock { $0.isEmpty })
            // pyoscp's format, without an offset: UTC.
            let offlineAt = OSCPDateTime.formatWithoutOffset(now.addingTimeInterval(5))
            #expect(try await running.post("heartbeat", #"{"offline_mode_at": "\#(offlineAt)"}"#, token: tokenB).status == .noContent)
            #expect(try await running.post("heartbeat", #"{"offline_mode_at": "in a while"}"#, token: tokenB).status == .badRequest)

            var events = running.sink.events.makeAsyncIterator()
            running.clock.advance(by: .seconds(3))
            try await running.clock.waitForSleepers()
            running.clock.advance(by: .seconds(3))
            var sawOffline = false
            while let event = await events.next() {
                switch event {
                case .failure(let reason): sawOffline = sawOffline || reason.contains("offline")
                case .update(let update):
                    #expect(sawOffline)
                    #expect(update.intervals.map(\.capacityW) == [10_000])
                    #expect(update.source.contains("FALLBACK_CONSUMPTION"))
                    return
                }
            }
            Issue.record("no fallback forecast")
        }
    }

    @Test func heartbeatsFollowTheCapacityProvidersIntervalInItsFormat() async throws {
        try await withRunningFeed(.sqlite) { running, calls in
            let tokenB = try #require(running.cp.tokenB.withLock { $0 })
            running.cp.refusesRFC3339Heartbeats.withLock { $0 = true }
            #expect(try await running.post("handshake", #"{"required_behaviour": {"heartbeat_interval": 10}}"#, token: tokenB).status == .noContent)
            let acknowledgement = try #require(await running.cp.next("handshake_acknowledgement", from: &calls))
            #expect(acknowledgement.body.contains(#""heartbeat_interval":60"#))
            try await running.clock.waitForSleepers()
            running.clock.advance(by: .seconds(1))
            let refused = try #require(await running.cp.next("heartbeat", from: &calls))
            #expect(refused.body.contains("T"))
            let accepted = try #require(await running.cp.next("heartbeat", from: &calls))
            let heartbeat = try OSCPCoding.decode(OSCPHeartbeat.self, from: Data(accepted.body.utf8))
            let offlineAt = try #require(OSCPDateTime.parse(heartbeat.offlineModeAt))
            #expect(!accepted.body.contains("T"))
            #expect(abs(offlineAt.timeIntervalSince(running.clock.wallTime) - 30) < 2)
        }
    }

    @Test func aSupplyRequestIsDeliveredRefusedOrTriedAgainAsTheCapacityProviderAnswers() async throws {
        try await withRunningFeed(.sqlite) { running, calls in
            let start = running.clock.wallTime.addingTimeInterval(3600)
            let request = SupplyRequest(dso: running.dso.id, group: "depot", start: start, end: start.addingTimeInterval(3600), capacityW: 50_000, reason: "test")
            #expect(await running.feed.request(request) == .delivered)
            let adjust = try #require(await running.cp.next("adjust_group_capacity_forecast", from: &calls))
            let object = try #require(try JSONSerialization.jsonObject(with: Data(adjust.body.utf8)) as? [String: Any])
            #expect(object["group_id"] as? String == "EAN-871")
            #expect((object["forecasted_blocks"] as? [[String: Any]])?.first?["capacity"] as? Double == 50_000)

            running.cp.adjustStatus.withLock { $0 = .unprocessableContent }
            guard case .refused = await running.feed.request(request) else { Issue.record("a 422 is final"); return }
            running.cp.adjustStatus.withLock { $0 = .serviceUnavailable }
            guard case .notDelivered = await running.feed.request(request) else { Issue.record("a 503 is tried again"); return }
            var negative = request
            negative.capacityW = -1
            guard case .refused = await running.feed.request(negative) else { Issue.record("a negative capacity is refused"); return }
        }
    }

    @Test(arguments: TestBackend.available)
    func groupMeasurementsSumTheLatestGridMeterRegistersOfTheGroupsStations(backend: TestBackend) async throws {
        let stations = [uniqueStationID("OSCP"), uniqueStationID("OSCP"), uniqueStationID("OSCP")]
        let members = Array(stations.prefix(2))
        let measured = ManualClock.wallTimeOrigin.addingTimeInterval(-60)
        try await withRunningFeed(backend, members: { group in group == "depot" ? members : [] }, prepare: { database in
            try await StationRegistry(database: database).add(ids: stations, passwordHash: "not-a-real-hash", at: Date())
            // (station, evse, seconds before `measured`, Wh): older readings, other EVSEs and other stations do not count.
            let rows: [(String, Int, Double, Double?)] = [
                (stations[0], 0, 600, 1000), (stations[0], 0, 0, 1500), (stations[0], 1, 0, 99_999),
                (stations[1], 0, 300, 2500), (stations[1], 0, 0, nil), (stations[2], 0, 0, 77_777),
            ]
            try await database.withConnection { connection in
                for (station, evse, before, energy) in rows {
                    try await connection.insert(into: "meter_values")
                        .columns("station", "evse", "timestamp", "sampled_values", "energy_wh", "power_w", "received_at")
                        .values(station, evse, StoredTime.text(measured.addingTimeInterval(-before)), "[]", energy, 0.0, StoredTime.text(measured))
                        .run()
                }
            }
        }) { running, calls in
            let call = try #require(await running.cp.next("update_group_measurements", from: &calls))
            let update = try OSCPCoding.decode(OSCPUpdateGroupMeasurements.self, from: Data(call.body.utf8))
            #expect(update.groupID == "EAN-871")
            let measurement = try #require(update.measurements.first)
            #expect(update.measurements.count == 1)
            #expect(measurement.value == 1500 + 2500)
            #expect(measurement.unit == "WH" && measurement.direction == "IMPORT" && measurement.phase == .all)
            #expect(OSCPDateTime.parse(measurement.measureTime) == measured)
            // And again after the interval.
            running.clock.advance(by: .seconds(60))
            #expect(await running.cp.next("update_group_measurements", from: &calls) != nil)
        }
    }

    @Test func aFeedNotRegisteredYetDoesNotDeliverARequest() async throws {
        let database = try await TestBackend.sqlite.open()
        let settings = OSCPFeedSettings(capacityProviderURL: "http://127.0.0.1:9/oscp/cp/2.0", registrationToken: "a")
        let dso = DSO(id: "dso-x", name: "x", contract: SupplyContract(groups: ["g"], capacityW: 1, currency: "EUR", fallbackPricePerKWh: 0), feeds: [.oscp(settings)])
        let feed = OSCPFeed(
            dso: dso, settings: settings,
            context: SupplyFeedContext(database: database, httpClient: .shared, clock: ManualClock(), publicURL: "http://127.0.0.1:1", logger: .quiet))
        let now = Date()
        guard case .notDelivered(let reason) = await feed.request(SupplyRequest(dso: "dso-x", group: "g", start: now, end: now.addingTimeInterval(60), capacityW: 1, reason: "")) else {
            Issue.record("not registered: not delivered")
            return
        }
        #expect(reason.contains("not registered"))
        await database.shutdown()
    }
}
