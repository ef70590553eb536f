@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StationTesting
import Testing

/// cpms's OCPI versions and credentials: tokens (A, B, C; base64 or plain; absent or unknown is 401), the
/// handshake both ways against a small eMSP on a real port, update, unregistration, the request ids and routing
/// headers, and refusals that store nothing.
@Suite(.timeLimit(.minutes(2)))
struct OCPICredentialsTests {
    struct Fixture {
        let database: any CPMSDatabase
        let clock = ManualClock()
        let parties: OCPIPartyStore
        let settings = OCPISettings(publicURL: "http://cpms.test:8300")
    }

    func withApplication(_ body: @escaping @Sendable (Fixture, any TestClientProtocol) async throws -> Void) async throws {
        let database = try await TestBackend.sqlite.open()
        let fixture = Fixture(database: database, parties: OCPIPartyStore(database: database))
        let app = try await buildCPMSApplication(
            configuration: CPMSConfiguration(host: "127.0.0.1", port: 0, ocpi: fixture.settings), database: database, clock: fixture.clock, logger: .quiet)
        do {
            try await app.test(.router) { client in try await body(fixture, client) }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    static func token(_ token: String, base64: Bool = true) -> HTTPFields {
        [.authorization: "Token " + (base64 ? Data(token.utf8).base64EncodedString() : token), .contentType: "application/json"]
    }

    func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    func send(
        _ client: any TestClientProtocol, _ method: HTTPRequest.Method, _ uri: String, headers: HTTPFields = [:], _ body: String? = nil
    ) async throws -> (status: HTTPResponse.Status, envelope: [String: Any], headers: HTTPFields) {
        let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
        return (response.status, try object(response), response.headers)
    }

    func emspCredentials(token: String, url: String) -> String {
        #"{"token": "\#(token)", "url": "\#(url)", "roles": [{"role": "EMSP", "party_id": "TNM", "country_code": "NL", "business_details": {"name": "The eMSP"}}]}"#
    }

    @Test func versionsNeedAKnownTokenAndEveryAnswerCarriesTheRequestIDs() async throws {
        try await withApplication { fixture, client in
            let absent = try await send(client, .get, "/ocpi/versions")
            #expect(absent.status == .unauthorized)
            #expect(absent.envelope["status_code"] as? Int == 2000)
            #expect(absent.envelope["timestamp"] as? String != nil)
            #expect(absent.headers[.ocpiRequestID]?.isEmpty == false)
            #expect(absent.headers[.ocpiCorrelationID]?.isEmpty == false)

            let unknown = try await send(client, .get, "/ocpi/versions", headers: Self.token("nobody") + [.ocpiRequestID: "req-1", .ocpiCorrelationID: "corr-1"])
            #expect(unknown.status == .unauthorized)
            #expect(unknown.headers[.ocpiRequestID] == "req-1")
            #expect(unknown.headers[.ocpiCorrelationID] == "corr-1")

            let tokenA = try #require(try await fixture.parties.add(name: "tnm", at: fixture.clock.wallTime))
            for headers in [Self.token(tokenA), Self.token(tokenA, base64: false)] {
                let versions = try await send(client, .get, "/ocpi/versions", headers: headers)
                #expect(versions.status == .ok)
                #expect(versions.envelope["status_code"] as? Int == 1000)
                let list = try #require(versions.envelope["data"] as? [[String: Any]])
                #expect(list.count == 1)
                #expect(list.first?["version"] as? String == "2.2.1")
                #expect(list.first?["url"] as? String == "http://cpms.test:8300/ocpi/2.2.1")
            }
            let details = try await send(client, .get, "/ocpi/2.2.1", headers: Self.token(tokenA))
            let data = try #require(details.envelope["data"] as? [String: Any])
            #expect(data["version"] as? String == "2.2.1")
            let endpoints = try #require(data["endpoints"] as? [[String: Any]])
            #expect(endpoints.contains { $0["identifier"] as? String == "credentials" && $0["url"] as? String == "http://cpms.test:8300/ocpi/2.2.1/credentials" })
        }
    }
}

func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
    var result = lhs
    for field in rhs { result[field.name] = field.value }
    return result
}
