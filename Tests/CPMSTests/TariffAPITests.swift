@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StationTesting
import Testing

/// `/api/tariffs`: create, edit (a new version), show, list, assign, and the tariff in force; bad input is a 4xx
/// naming the field and changes nothing.
@Suite(.timeLimit(.minutes(2)))
struct TariffAPITests {
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

    static func tariffJSON(_ id: String, price: String) -> String {
        """
        {"country_code": "NL", "party_id": "SMR", "id": "\(id)", "currency": "EUR",
         "elements": [{"price_components": [{"type": "ENERGY", "price": \(price), "vat": 21, "step_size": 1}]}],
         "last_updated": "2026-01-01T00:00:00Z"}
        """
    }

    func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    func body(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }

    @Test func anEditIsANewVersionAndTheAssignedTariffIsTheOneInForce() async throws {
        let fixture = try await fixture()
        let app = try await application(fixture)
        let created = fixture.clock.wallTime
        try await app.test(.router) { client in
            let create = try await client.execute(
                uri: "/api/tariffs", method: .post, headers: fixture.bearer, body: body(Self.tariffJSON("AC-STANDARD", price: "0.30")))
            #expect(create.status == .created)
            #expect(try object(create)["version"] as? Int == 1)

            let assign = try await client.execute(
                uri: "/api/tariffs/AC-STANDARD/assignments", method: .post, headers: fixture.bearer,
                body: body(#"{"station": "\#(fixture.station)", "evse_id": 1}"#))
            #expect(assign.status == .created)

            fixture.clock.advance(by: .seconds(3_600))
            let edit = try await client.execute(
                uri: "/api/tariffs/AC-STANDARD", method: .put, headers: fixture.bearer, body: body(Self.tariffJSON("AC-STANDARD", price: "0.2675")))
            #expect(edit.status == .created)
            #expect(try object(edit)["version"] as? Int == 2)

            let show = try object(try await client.execute(uri: "/api/tariffs/AC-STANDARD", method: .get, headers: fixture.bearer))
            let versions = try #require(show["versions"] as? [[String: Any]])
            #expect(versions.map { $0["version"] as? Int } == [1, 2])
            #expect(versions.map { $0["valid_from"] as? String } == [StoredTime.text(created), StoredTime.text(created + 3_600)])
            // The price comes back exactly as sent, as OCPI JSON.
            let text = String(buffer: try await client.execute(uri: "/api/tariffs/AC-STANDARD", method: .get, headers: fixture.bearer).body)
            #expect(text.contains(#""price":0.2675"#))
            #expect(text.contains(#""country_code":"NL""#))

            let list = try await client.execute(uri: "/api/tariffs", method: .get, headers: fixture.bearer)
            let summaries = try #require(try JSONSerialization.jsonObject(with: Data(list.body.readableBytesView)) as? [[String: Any]])
            #expect(summaries.map { $0["id"] as? String } == ["AC-STANDARD"])
            #expect(summaries.first?["version"] as? Int == 2)

            let before = try await client.execute(
                uri: "/api/stations/\(fixture.station)/tariff?evse=1&connector=2&at=\(StoredTime.text(created + 3_599))", method: .get,
                headers: fixture.bearer)
            #expect(try object(before)["version"] as? Int == 1)
            let after = try await client.execute(uri: "/api/stations/\(fixture.station)/tariff?evse=1", method: .get, headers: fixture.bearer)
            #expect(try object(after)["version"] as? Int == 2)
            let otherEVSE = try await client.execute(uri: "/api/stations/\(fixture.station)/tariff?evse=2", method: .get, headers: fixture.bearer)
            #expect(otherEVSE.status == .notFound)
        }
    }

    @Test func badInputIsRefusedNamingTheFieldAndChangesNothing() async throws {
        let fixture = try await fixture()
        let app = try await application(fixture)
        try await app.test(.router) { client in
            func error(_ response: TestResponse) throws -> String { try object(response)["error"] as? String ?? "" }
            let created = try await client.execute(
                uri: "/api/tariffs", method: .post, headers: fixture.bearer, body: body(Self.tariffJSON("DC-FAST", price: "0.50")))
            #expect(created.status == .created)

            let negative = try await client.execute(
                uri: "/api/tariffs/DC-FAST", method: .put, headers: fixture.bearer, body: body(Self.tariffJSON("DC-FAST", price: "-1")))
            #expect(negative.status == .badRequest)
            #expect(try error(negative).contains("elements[0].price_components[0].price"))

            let missing = try await client.execute(
                uri: "/api/tariffs", method: .post, headers: fixture.bearer,
                body: body(#"{"country_code": "NL", "party_id": "SMR", "id": "X", "elements": [], "last_updated": "2026-01-01T00:00:00Z"}"#))
            #expect(missing.status == .badRequest)
            #expect(try error(missing).contains("currency"))

            let otherID = try await client.execute(
                uri: "/api/tariffs/DC-FAST", method: .put, headers: fixture.bearer, body: body(Self.tariffJSON("DC-SLOW", price: "0.40")))
            #expect(otherID.status == .badRequest)
            #expect(try error(otherID).contains("id"))

            let duplicate = try await client.execute(
                uri: "/api/tariffs", method: .post, headers: fixture.bearer, body: body(Self.tariffJSON("DC-FAST", price: "0.99")))
            #expect(duplicate.status == .conflict)

            let unknown = try await client.execute(
                uri: "/api/tariffs/NOPE", method: .put, headers: fixture.bearer, body: body(Self.tariffJSON("NOPE", price: "0.40")))
            #expect(unknown.status == .notFound)

            let ghost = try await client.execute(
                uri: "/api/tariffs/DC-FAST/assignments", method: .post, headers: fixture.bearer, body: body(#"{"station": "CS-GHOST"}"#))
            #expect(ghost.status == .badRequest)
            #expect(try error(ghost).hasPrefix("station"))

            let connectorOnly = try await client.execute(
                uri: "/api/tariffs/DC-FAST/assignments", method: .post, headers: fixture.bearer,
                body: body(#"{"station": "\#(fixture.station)", "connector_id": 1}"#))
            #expect(connectorOnly.status == .badRequest)
            #expect(try error(connectorOnly).hasPrefix("connector_id"))

            let wrongType = try await client.execute(
                uri: "/api/tariffs/DC-FAST/assignments", method: .post, headers: fixture.bearer,
                body: body(#"{"station": "\#(fixture.station)", "evse_id": "one"}"#))
            #expect(wrongType.status == .badRequest)
            #expect(try error(wrongType).contains("evse_id"))

            let unauthorised = try await client.execute(
                uri: "/api/tariffs", method: .post, headers: [.contentType: "application/json"], body: body(Self.tariffJSON("X", price: "1")))
            #expect(unauthorised.status == .unauthorized)

            // Nothing of the above was stored: one tariff, one version, assigned nowhere.
            let versions = try await TariffStore(database: fixture.database).versions(of: "DC-FAST")
            #expect(versions.map(\.version) == [1])
            #expect(versions.first?.tariff.elements[0].priceComponents[0].price == Decimal(string: "0.50"))
            #expect(try await TariffStore(database: fixture.database).latestVersions().map(\.tariffID) == ["DC-FAST"])
            let inForce = try await client.execute(uri: "/api/stations/\(fixture.station)/tariff", method: .get, headers: fixture.bearer)
            #expect(inForce.status == .notFound)
        }
    }
}
