@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StationTesting
import Testing

/// `/api/dsos` and `/api/supply/...`: validation errors name the field, unknown ids are 404, a refused body
/// changes nothing.
@Suite(.timeLimit(.minutes(2)))
struct SupplyAPITests {
    struct Fixture {
        let database: any CPMSDatabase
        let clock = ManualClock()
        let station: String
        let bearer: HTTPFields
    }

    func fixture() async throws -> Fixture {
        let database = try await TestBackend.sqlite.open()
        let station = uniqueStationID()
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "not-a-real-hash", at: Date())
        let token = try await APITokenStore(database: database).add(name: "test", at: Date())
        return Fixture(database: database, station: station, bearer: [.authorization: "Bearer \(token)", .contentType: "application/json"])
    }

    func application(_ fixture: Fixture) async throws -> some ApplicationProtocol {
        try await buildCPMSApplication(
            configuration: CPMSConfiguration(host: "127.0.0.1", port: 0, gateway: GatewaySettings(heartbeatInterval: .seconds(90))),
            database: fixture.database, clock: fixture.clock, logger: .quiet)
    }

    static func dsoJSON(id: String = "grid", currency: String = "EUR", feeds: String = #"[{"kind": "json", "source": "http://127.0.0.1:9/feed.json", "refreshSeconds": 60}]"#) -> String {
        """
        {"id": "\(id)", "name": "Grid Co", "contract": {"groups": ["g1"], "capacityW": 50000, "currency": "\(currency)",
         "surchargePerKWh": 0.02, "fallbackPricePerKWh": 0.4, "forecastBoundSeconds": 3600}, "feeds": \(feeds)}
        """
    }

    func error(_ response: TestResponse) -> String {
        ((try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))) as? [String: Any])?["error"] as? String ?? ""
    }

    func json(_ response: TestResponse) -> Any? {
        try? JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
    }

    @Test func aFeedIsFreshStaleOrFailingByItsStatusAndBound() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func state(_ status: FeedStatus?) -> String { SupplyFeedView(dso: "d", feed: "json", status: status, bound: 3600, now: now).state }
        #expect(state(nil) == "waiting")
        #expect(state(FeedStatus(dso: "d", feed: "json", lastSuccessAt: now - 60, lastAttemptAt: now - 60)) == "fresh")
        #expect(state(FeedStatus(dso: "d", feed: "json", lastSuccessAt: now - 3601, lastAttemptAt: now - 3601)) == "stale")
        #expect(state(FeedStatus(dso: "d", feed: "json", lastSuccessAt: now - 600, lastAttemptAt: now - 30, lastError: "HTTP 500")) == "failing")
        #expect(state(FeedStatus(dso: "d", feed: "json", lastSuccessAt: now - 30, lastAttemptAt: now - 30, lastError: nil)) == "fresh")
        #expect(SupplyFeedView(dso: "d", feed: "json", status: FeedStatus(dso: "d", feed: "json", lastSuccessAt: now - 90), bound: 3600, now: now).ageSeconds == 90)
    }

    @Test func theDSORegistryValidatesAndAnswers404ForUnknownDSOs() async throws {
        let fixture = try await fixture()
        let app = try await application(fixture)
        try await app.test(.router) { client in
            let created = try await client.execute(uri: "/api/dsos", method: .post, headers: fixture.bearer, body: ByteBuffer(string: Self.dsoJSON()))
            #expect(created.status == .created)
            #expect((json(created) as? [String: Any])?["id"] as? String == "grid")
            let duplicate = try await client.execute(uri: "/api/dsos", method: .post, headers: fixture.bearer, body: ByteBuffer(string: Self.dsoJSON()))
            #expect(duplicate.status == .conflict)

            let badCurrency = try await client.execute(
                uri: "/api/dsos", method: .post, headers: fixture.bearer, body: ByteBuffer(string: Self.dsoJSON(id: "x", currency: "euro")))
            #expect(badCurrency.status == .badRequest)
            #expect(error(badCurrency).contains("contract.currency"))
            let badURL = try await client.execute(
                uri: "/api/dsos", method: .post, headers: fixture.bearer,
                body: ByteBuffer(string: Self.dsoJSON(id: "x", feeds: #"[{"kind": "openadr", "vtnURL": "ftp://x", "venName": "cpms", "pollIntervalSeconds": 5}]"#)))
            #expect(badURL.status == .badRequest)
            #expect(error(badURL).contains("feeds[0].vtnURL"))
            let badKind = try await client.execute(
                uri: "/api/dsos", method: .post, headers: fixture.bearer, body: ByteBuffer(string: Self.dsoJSON(id: "x", feeds: #"[{"kind": "smoke"}]"#)))
            #expect(badKind.status == .badRequest)
            #expect(error(badKind).contains("kind"))
            let missing = try await client.execute(uri: "/api/dsos", method: .post, headers: fixture.bearer, body: ByteBuffer(string: #"{"id": "x"}"#))
            #expect(missing.status == .badRequest)
            #expect(error(missing).contains("name"))

            let list = try await client.execute(uri: "/api/dsos", method: .get, headers: fixture.bearer)
            #expect((json(list) as? [Any])?.count == 1)
            #expect(try await client.execute(uri: "/api/dsos/nope", method: .get, headers: fixture.bearer).status == .notFound)
            #expect(try await client.execute(uri: "/api/dsos/nope", method: .put, headers: fixture.bearer, body: ByteBuffer(string: Self.dsoJSON(id: "nope"))).status == .notFound)
            #expect(try await client.execute(uri: "/api/dsos/grid", method: .put, headers: fixture.bearer, body: ByteBuffer(string: Self.dsoJSON(id: "other"))).status == .badRequest)
            let updated = try await client.execute(
                uri: "/api/dsos/grid", method: .put, headers: fixture.bearer, body: ByteBuffer(string: Self.dsoJSON(feeds: "[]")))
            #expect(updated.status == .ok)
            #expect(((json(updated) as? [String: Any])?["feeds"] as? [Any])?.isEmpty == true)
            #expect(try await client.execute(uri: "/api/dsos/grid", method: .delete, headers: fixture.bearer).status == .noContent)
            #expect(try await client.execute(uri: "/api/dsos/grid", method: .delete, headers: fixture.bearer).status == .notFound)
            #expect(try await client.execute(uri: "/api/dsos/grid", method: .get, headers: fixture.bearer).status == .notFound)
        }
    }

    @Test func policyGroupsFeedsAndRequests() async throws {
        let fixture = try await fixture()
        let app = try await application(fixture)
        try await app.test(.router) { client in
            let policy = try await client.execute(uri: "/api/supply/policy", method: .get, headers: fixture.bearer)
            #expect((json(policy) as? [String: Any])?["kind"] as? String == "cheapest")
            let badShare = try await client.execute(
                uri: "/api/supply/policy", method: .put, headers: fixture.bearer, body: ByteBuffer(string: #"{"kind": "minimum_renewable_share", "share": 1.5}"#))
            #expect(badShare.status == .badRequest)
            #expect(error(badShare).contains("share"))
            let set = try await client.execute(
                uri: "/api/supply/policy", method: .put, headers: fixture.bearer, body: ByteBuffer(string: #"{"kind": "minimum_renewable_share", "share": 0.6}"#))
            #expect(set.status == .ok)
            #expect((json(set) as? [String: Any])?["share"] as? Double == 0.6)

            let unknownMember = try await client.execute(
                uri: "/api/supply/groups/g1", method: .put, headers: fixture.bearer,
                body: ByteBuffer(string: #"{"members": [{"station": "NOPE-1", "connection_limit_w": 11000}]}"#))
            #expect(unknownMember.status == .badRequest)
            #expect(error(unknownMember).contains("members[0].station"))
            let group = try await client.execute(
                uri: "/api/supply/groups/g1", method: .put, headers: fixture.bearer,
                body: ByteBuffer(string: #"{"name": "Depot", "members": [{"station": "\#(fixture.station)", "connection_limit_w": 11000}]}"#))
            #expect(group.status == .ok)
            #expect((json(group) as? [String: Any])?["connection_limit_w"] as? Double == 11000)
            let groups = try await client.execute(uri: "/api/supply/groups", method: .get, headers: fixture.bearer)
            #expect((json(groups) as? [[String: Any]])?.compactMap { $0["id"] as? String } == ["g1"])
            #expect(try await client.execute(uri: "/api/supply/groups/nope", method: .delete, headers: fixture.bearer).status == .notFound)

            _ = try await client.execute(uri: "/api/dsos", method: .post, headers: fixture.bearer, body: ByteBuffer(string: Self.dsoJSON()))
            // The running service starts the DSO's feed, which reports on its own: only the listing is checked here.
            let feeds = try await client.execute(uri: "/api/supply/feeds", method: .get, headers: fixture.bearer)
            let feedList = try #require(json(feeds) as? [[String: Any]])
            #expect(feedList.map { "\($0["dso"] ?? "")/\($0["feed"] ?? "")" } == ["grid/json"])
            #expect(feedList.allSatisfy { ["fresh", "stale", "failing", "waiting"].contains($0["state"] as? String ?? "") })

            let unknownDSO = try await client.execute(
                uri: "/api/supply/requests", method: .post, headers: fixture.bearer,
                body: ByteBuffer(string: #"{"dso": "nope", "group": "g1", "start": "2027-01-15T08:00:00Z", "end": "2027-01-15T09:00:00Z", "capacity_w": 5000}"#))
            #expect(unknownDSO.status == .badRequest)
            #expect(error(unknownDSO).contains("dso"))
            let backwards = try await client.execute(
                uri: "/api/supply/requests", method: .post, headers: fixture.bearer,
                body: ByteBuffer(string: #"{"dso": "grid", "group": "g1", "start": "2027-01-15T09:00:00Z", "end": "2027-01-15T08:00:00Z", "capacity_w": 5000}"#))
            #expect(backwards.status == .badRequest)
            let queued = try await client.execute(
                uri: "/api/supply/requests", method: .post, headers: fixture.bearer,
                body: ByteBuffer(string: #"{"dso": "grid", "group": "g1", "start": "2027-01-15T08:00:00Z", "end": "2027-01-15T09:00:00Z", "capacity_w": 5000}"#))
            #expect(queued.status == .created)
            #expect((json(queued) as? [String: Any])?["state"] as? String == "pending")
            let listed = try await client.execute(uri: "/api/supply/requests", method: .get, headers: fixture.bearer)
            #expect((json(listed) as? [Any])?.count == 1)

            #expect(try await client.execute(uri: "/api/supply/stations/NOPE-1/energy", method: .get, headers: fixture.bearer).status == .notFound)
            let energy = try await client.execute(uri: "/api/supply/stations/\(fixture.station)/energy", method: .get, headers: fixture.bearer)
            #expect(energy.status == .ok)
            #expect(((json(energy) as? [String: Any])?["windows"] as? [Any])?.count == 96)
            #expect(try await client.execute(uri: "/api/supply/summary?day=yesterday", method: .get, headers: fixture.bearer).status == .badRequest)
            #expect(try await client.execute(uri: "/api/supply/summary?day=2027-01-15", method: .get, headers: fixture.bearer).status == .ok)
            #expect(try await client.execute(uri: "/api/supply/plan?from=2027-01-15T09:00:00Z&to=2027-01-15T08:00:00Z", method: .get, headers: fixture.bearer).status == .badRequest)
        }
    }
}
