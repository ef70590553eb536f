@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StationTesting
import Testing

/// `/api/charging-records` and `PUT /api/stations/{id}/time-zone`: records as stored, and bad input refused naming
/// the field, changing nothing.
@Suite(.timeLimit(.minutes(2)))
struct ChargingRecordAPITests {
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

    func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView))
    }

    func error(_ response: TestResponse) throws -> String {
        (try json(response) as? [String: Any])?["error"] as? String ?? ""
    }

    @Test func aStoredRecordIsListedAndShownWithItsPrice() async throws {
        let fixture = try await fixture()
        let tariffs = TariffStore(database: fixture.database)
        let tariffID = "TF-" + UUID().uuidString.prefix(8)
        _ = try await tariffs.create(try ChargingRecordStoreTests.tariff(tariffID, price: "0.30"), at: OCPPFixtures.start - 600)
        try await tariffs.assign(tariffID, to: try TariffTarget(station: fixture.station), at: OCPPFixtures.start - 600)
        let writer = IngestWriter(database: fixture.database, logger: .quiet)
        for event in ChargingRecordStoreTests.transaction("TX-A") {
            _ = try await writer.store(.transactionEvent(event, station: fixture.station, receivedAt: StoredTime.text(OCPPFixtures.start)))
        }
        // The application writes the record missing for the ended transaction when it starts.
        let app = try await application(fixture)
        try await app.test(.router) { client in
            let list = try await client.execute(uri: "/api/charging-records?station=\(fixture.station)", method: .get, headers: fixture.bearer)
            #expect(list.status == .ok)
            let records = try #require(try json(list) as? [[String: Any]])
            #expect(records.count == 1)
            #expect(records.first?["transaction_id"] as? String == "TX-A")
            #expect(records.first?["price_status"] as? String == "priced")
            // Exact decimals in the JSON text (JSONSerialization would read them as binary floats).
            #expect(String(buffer: list.body).contains(#""total":{"excl_vat":2.65,"incl_vat":2.9965}"#))
            #expect(records.first?["problems"] as? Int == 0)

            let show = try await client.execute(uri: "/api/charging-records/\(fixture.station)/TX-A", method: .get, headers: fixture.bearer)
            #expect(show.status == .ok)
            let record = try #require(try json(show) as? [String: Any])
            #expect((record["price"] as? [String: Any])?["tariff_id"] as? String == tariffID)
            #expect((record["charging_periods"] as? [[String: Any]])?.count == 2)

            let none = try await client.execute(uri: "/api/charging-records/\(fixture.station)/TX-NONE", method: .get, headers: fixture.bearer)
            #expect(none.status == .notFound)
            let window = try await client.execute(
                uri: "/api/charging-records?from=\(StoredTime.text(OCPPFixtures.start + 1))", method: .get, headers: fixture.bearer)
            #expect(try #require(try json(window) as? [[String: Any]]).allSatisfy { $0["station"] as? String != fixture.station })
        }
    }

    @Test func badQueriesAreRefusedNamingTheField() async throws {
        let fixture = try await fixture()
        let app = try await application(fixture)
        try await app.test(.router) { client in
            for (query, field) in [("from=yesterday", "from"), ("to=12:00", "to"), ("limit=0", "limit"), ("limit=x", "limit"),
                                   ("from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "to")] {
                let response = try await client.execute(uri: "/api/charging-records?\(query)", method: .get, headers: fixture.bearer)
                #expect(response.status == .badRequest, "\(query)")
                #expect(try error(response).hasPrefix(field), "\(query)")
            }
            let unauthenticated = try await client.execute(uri: "/api/charging-records", method: .get)
            #expect(unauthenticated.status == .unauthorized)
        }
    }

    @Test func aStationsTimeZoneIsSetAndBadZonesChangeNothing() async throws {
        let fixture = try await fixture()
        let app = try await application(fixture)
        try await app.test(.router) { client in
            let uri = "/api/stations/\(fixture.station)/time-zone"
            let set = try await client.execute(
                uri: uri, method: .put, headers: fixture.bearer, body: ByteBuffer(string: #"{"time_zone": "Europe/Amsterdam"}"#))
            #expect(set.status == .ok)
            for body in [#"{"time_zone": "Europe/Atlantis"}"#, #"{"time_zone": "+01:00"}"#, #"{"time_zone": 1}"#, "{}"] {
                let refused = try await client.execute(uri: uri, method: .put, headers: fixture.bearer, body: ByteBuffer(string: body))
                #expect(refused.status == .badRequest, "\(body)")
                #expect(try error(refused).contains("time_zone"), "\(body)")
            }
            let unknown = try await client.execute(
                uri: "/api/stations/CS-GHOST/time-zone", method: .put, headers: fixture.bearer, body: ByteBuffer(string: #"{"time_zone": "UTC"}"#))
            #expect(unknown.status == .notFound)
            let station = try #require(try json(try await client.execute(uri: "/api/stations/\(fixture.station)", method: .get, headers: fixture.bearer)) as? [String: Any])
            #expect(station["time_zone"] as? String == "Europe/Amsterdam")
        }
    }
}
