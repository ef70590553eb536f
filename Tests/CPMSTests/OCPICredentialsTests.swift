@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import SQLKit
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
        let settings: OCPISettings
    }

    /// cpms with its OCPI party at `http://cpms.test:8300`; an unreachable eMSP is given up after `callTimeout`
    /// (AsyncHTTPClient retries a refused connection until then).
    func withApplication(callTimeout: Duration = .seconds(30), _ body: @escaping @Sendable (Fixture, any TestClientProtocol) async throws -> Void) async throws {
        let database = try await TestBackend.sqlite.open()
        let fixture = Fixture(database: database, parties: OCPIPartyStore(database: database), settings: OCPISettings(publicURL: "http://cpms.test:8300", callTimeout: callTimeout))
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

    @Test func anEMSPRegistersWithTokenAUpdatesAndUnregisters() async throws {
        try await withApplication { fixture, client in
            let tokenA = try #require(try await fixture.parties.add(name: "tnm", at: fixture.clock.wallTime))
            let emsp = FakeEMSP(accepting: "emsp-token-b")
            try await emsp.run { versionsURL in
                let registered = try await send(
                    client, .post, "/ocpi/2.2.1/credentials", headers: Self.token(tokenA), emspCredentials(token: "emsp-token-b", url: versionsURL))
                #expect(registered.status == .ok)
                #expect(registered.envelope["status_code"] as? Int == 1000)
                let answer = try #require(registered.envelope["data"] as? [String: Any])
                let tokenC = try #require(answer["token"] as? String)
                #expect(tokenC != tokenA)
                #expect(answer["url"] as? String == "http://cpms.test:8300/ocpi/versions")
                let role = try #require((answer["roles"] as? [[String: Any]])?.first)
                #expect(role["role"] as? String == "CPO")
                #expect(role["country_code"] as? String == "DE")
                #expect(role["party_id"] as? String == "STM")
                // cpms read the eMSP's versions and details with its token B.
                #expect(emsp.requests.withLock { $0.map(\.path) } == ["/versions", "/2.2.1"])

                let party = try #require(try await fixture.parties.party(named: "tnm"))
                #expect(party.status == .registered)
                #expect(party.outgoingToken == "emsp-token-b")
                #expect(party.isParty(countryCode: "nl", partyID: "tnm"))
                #expect(party.endpoint(.locations, role: .receiver)?.url.hasSuffix("/2.2.1/locations") == true)

                // Token A is spent; token C works, also plain.
                #expect(try await send(client, .get, "/ocpi/versions", headers: Self.token(tokenA)).status == .unauthorized)
                let credentials = try await send(client, .get, "/ocpi/2.2.1/credentials", headers: Self.token(tokenC, base64: false))
                #expect(credentials.status == .ok)
                #expect((credentials.envelope["data"] as? [String: Any])?["token"] as? String == tokenC)

                // Registering again is 405.
                let again = try await send(
                    client, .post, "/ocpi/2.2.1/credentials", headers: Self.token(tokenC), emspCredentials(token: "emsp-token-b", url: versionsURL))
                #expect(again.status == .methodNotAllowed)

                // PUT: cpms reads the versions again with the new token B and answers a new token C.
                emsp.accept("emsp-token-b2")
                let updated = try await send(
                    client, .put, "/ocpi/2.2.1/credentials", headers: Self.token(tokenC), emspCredentials(token: "emsp-token-b2", url: versionsURL))
                #expect(updated.status == .ok)
                let newTokenC = try #require((updated.envelope["data"] as? [String: Any])?["token"] as? String)
                #expect(newTokenC != tokenC)
                #expect(try await fixture.parties.party(named: "tnm")?.outgoingToken == "emsp-token-b2")
                #expect(try await send(client, .get, "/ocpi/2.2.1/credentials", headers: Self.token(tokenC)).status == .unauthorized)

                // DELETE unregisters: the token stops working.
                let deleted = try await send(client, .delete, "/ocpi/2.2.1/credentials", headers: Self.token(newTokenC))
                #expect(deleted.status == .ok)
                #expect(deleted.envelope["status_code"] as? Int == 1000)
                #expect(try await send(client, .get, "/ocpi/2.2.1/credentials", headers: Self.token(newTokenC)).status == .unauthorized)
                let gone = try #require(try await fixture.parties.party(named: "tnm"))
                #expect(gone.status == .unregistered)
                #expect(gone.outgoingToken == nil)
            }
        }
    }

    @Test func anEMSPRegisteringAfterAPublicationIsEnqueuedItsPutOnceNotOnAnUpdate() async throws {
        try await withApplication { fixture, client in
            let json = #"{"id":"CS-LATE","country_code":"DE","party_id":"STM"}"#
            try await fixture.database.withConnection { connection in
                try await connection.insert(into: "ocpi_published").columns("object_key", "ocpi_json", "updated_at")
                    .values(SQLBind("location/CS-LATE"), SQLBind(json), SQLBind(StoredTime.text(fixture.clock.wallTime))).run()
            }
            // The application's delivery runs: the fake eMSP answers the PUT 404, so it moves to the dead letters
            // in one transaction, and is always in exactly one of the two tables.
            @Sendable func queued() async throws -> [(key: String, method: String, path: String, body: String)] {
                try await fixture.database.withConnection { connection in
                    try await connection.raw(
                        """
                        SELECT seq, object_key, method, path_json, body FROM ocpi_push_queue WHERE party = 'late'
                        UNION ALL SELECT seq, object_key, method, path_json, body FROM ocpi_push_dead_letters WHERE party = 'late' ORDER BY seq
                        """
                    ).all()
                }.map {
                    (try $0.decode(column: "object_key", as: String.self), try $0.decode(column: "method", as: String.self),
                     try $0.decode(column: "path_json", as: String.self), try $0.decode(column: "body", as: String.self))
                }
            }
            let tokenA = try #require(try await fixture.parties.add(name: "late", at: fixture.clock.wallTime))
            let emsp = FakeEMSP(accepting: "emsp-token-b")
            try await emsp.run { versionsURL in
                let registered = try await send(
                    client, .post, "/ocpi/2.2.1/credentials", headers: Self.token(tokenA), emspCredentials(token: "emsp-token-b", url: versionsURL))
                #expect(registered.status == .ok)
                let pushes = try await queued()
                #expect(pushes.map(\.key) == ["location/CS-LATE"])
                #expect(pushes.map(\.method) == ["PUT"])
                #expect(pushes.map(\.path) == [#"["DE","STM","CS-LATE"]"#])
                #expect(pushes.map(\.body) == [json])
                // An update that keeps the locations receiver owes nothing more.
                let tokenC = try #require((registered.envelope["data"] as? [String: Any])?["token"] as? String)
                emsp.accept("emsp-token-b2")
                let updated = try await send(
                    client, .put, "/ocpi/2.2.1/credentials", headers: Self.token(tokenC), emspCredentials(token: "emsp-token-b2", url: versionsURL))
                #expect(updated.status == .ok)
                #expect(try await queued().map(\.key) == ["location/CS-LATE"])
            }
        }
    }

    @Test func refusedRegistrationsStoreNothingAndTokenAStillWorks() async throws {
        try await withApplication(callTimeout: .seconds(3)) { fixture, client in
            let tokenA = try #require(try await fixture.parties.add(name: "tnm", at: fixture.clock.wallTime))
            let emsp = FakeEMSP(accepting: "emsp-token-b")
            try await emsp.run { versionsURL in
                let cases: [(body: String, http: HTTPResponse.Status, code: Int, field: String)] = [
                    ("{not json", .badRequest, 2001, ""),
                    (#"{"url": "\#(versionsURL)", "roles": []}"#, .ok, 2001, "token"),
                    (emspCredentials(token: "emsp-token-b", url: "not a url"), .ok, 2001, "url"),
                    (#"{"token": "emsp-token-b", "url": "\#(versionsURL)", "roles": [{"role": "EMSP", "party_id": "TOOLONG", "country_code": "NL", "business_details": {"name": "x"}}]}"#,
                     .ok, 2001, "roles[0].party_id"),
                    (emspCredentials(token: "wrong-token", url: versionsURL), .ok, 3001, ""),
                    (emspCredentials(token: "emsp-token-b", url: "http://127.0.0.1:9/versions"), .ok, 3001, ""),
                ]
                for item in cases {
                    let refused = try await send(client, .post, "/ocpi/2.2.1/credentials", headers: Self.token(tokenA), item.body)
                    #expect(refused.status == item.http, "\(item.body)")
                    #expect(refused.envelope["status_code"] as? Int == item.code, "\(item.body)")
                    #expect((refused.envelope["status_message"] as? String)?.hasPrefix(item.field) == true, "\(refused.envelope)")
                    #expect(refused.envelope["data"] == nil)
                    #expect(try await fixture.parties.party(named: "tnm")?.status == .pending)
                }
                let missing = try await send(client, .post, "/ocpi/2.2.1/credentials", emspCredentials(token: "emsp-token-b", url: versionsURL))
                #expect(missing.status == .unauthorized)
                let wrong = try await send(client, .post, "/ocpi/2.2.1/credentials", headers: Self.token("guess"), emspCredentials(token: "emsp-token-b", url: versionsURL))
                #expect(wrong.status == .unauthorized)
                #expect(try await fixture.parties.party(named: "tnm")?.status == .pending)
                #expect(try await send(client, .get, "/ocpi/versions", headers: Self.token(tokenA)).status == .ok)
            }
        }
    }

    @Test func aSecondPlatformCannotSpeakAsARegisteredParty() async throws {
        try await withApplication { fixture, client in
            let first = try #require(try await fixture.parties.add(name: "tnm", at: fixture.clock.wallTime))
            let second = try #require(try await fixture.parties.add(name: "impostor", at: fixture.clock.wallTime))
            let emsp = FakeEMSP(accepting: "emsp-token-b")
            try await emsp.run { versionsURL in
                let body = emspCredentials(token: "emsp-token-b", url: versionsURL)
                #expect(try await send(client, .post, "/ocpi/2.2.1/credentials", headers: Self.token(first), body).envelope["status_code"] as? Int == 1000)
                let refused = try await send(client, .post, "/ocpi/2.2.1/credentials", headers: Self.token(second), body)
                #expect(refused.envelope["status_code"] as? Int == 2001)
                #expect(refused.envelope["status_message"] as? String == "roles[0]: NL*TNM is already registered as the eMSP tnm")
                #expect(try await fixture.parties.party(named: "impostor")?.status == .pending)
            }
        }
    }

    @Test func cpmsRegistersAtAnEMSPAndServesItWithTokenB() async throws {
        try await withApplication { fixture, client in
            let emsp = FakeEMSP(accepting: "token-a-from-the-emsp")
            try await emsp.run { versionsURL in
                let apiToken = try await APITokenStore(database: fixture.database).add(name: "ops", at: Date())
                let bearer: HTTPFields = [.authorization: "Bearer \(apiToken)", .contentType: "application/json"]
                let response = try await client.execute(
                    uri: "/api/emsps/tnm/register", method: .post, headers: bearer,
                    body: ByteBuffer(string: #"{"versions_url": "\#(versionsURL)", "token": "token-a-from-the-emsp"}"#))
                #expect(response.status == .ok)
                let view = try object(response)
                #expect(view["status"] as? String == "registered")
                #expect(view["version"] as? String == "2.2.1")
                #expect((view["roles"] as? [[String: Any]])?.first?["party_id"] as? String == "TNM")
                #expect(view["outgoing_token"] == nil)

                let posted = try #require(emsp.posted.withLock { $0.first })
                let credentials = try #require(try JSONSerialization.jsonObject(with: Data(posted.utf8)) as? [String: Any])
                let tokenB = try #require(credentials["token"] as? String)
                #expect(credentials["url"] as? String == "http://cpms.test:8300/ocpi/versions")
                // Routing headers on cpms's calls.
                let post = try #require(emsp.requests.withLock { $0.last })
                #expect(post.headers[.ocpiFromCountryCode] == "DE")
                #expect(post.headers[.ocpiFromPartyID] == "STM")
                #expect(post.headers[.ocpiRequestID]?.isEmpty == false)

                let party = try #require(try await fixture.parties.party(named: "tnm"))
                #expect(party.outgoingToken == emsp.tokenC)
                // The eMSP calls cpms with token B.
                let own = try await send(client, .get, "/ocpi/2.2.1/credentials", headers: Self.token(tokenB))
                #expect(own.status == .ok)
                // Routing headers are checked against the eMSP's roles and cpms's party.
                let foreign = try await send(client, .get, "/ocpi/2.2.1/credentials", headers: Self.token(tokenB) + [.ocpiFromCountryCode: "FR", .ocpiFromPartyID: "XYZ"])
                #expect(foreign.status == .ok)
                #expect(foreign.envelope["status_code"] as? Int == 2001)
                let right = try await send(
                    client, .get, "/ocpi/2.2.1/credentials",
                    headers: Self.token(tokenB) + [.ocpiFromCountryCode: "NL", .ocpiFromPartyID: "tnm", .ocpiToCountryCode: "DE", .ocpiToPartyID: "STM"])
                #expect(right.status == .ok)
                let elsewhere = try await send(client, .get, "/ocpi/2.2.1/credentials", headers: Self.token(tokenB) + [.ocpiToCountryCode: "DE", .ocpiToPartyID: "XXX"])
                #expect(elsewhere.status == .ok)
                #expect(elsewhere.envelope["status_code"] as? Int == 2001)

                // Registering again is refused while registered.
                let again = try await client.execute(
                    uri: "/api/emsps/tnm/register", method: .post, headers: bearer,
                    body: ByteBuffer(string: #"{"versions_url": "\#(versionsURL)", "token": "token-a-from-the-emsp"}"#))
                #expect(again.status == .conflict)
            }
        }
    }

    @Test func aFailedOwnRegistrationLeavesNoWorkingToken() async throws {
        try await withApplication { fixture, client in
            let emsp = FakeEMSP(accepting: "the-real-token-a")
            try await emsp.run { versionsURL in
                let apiToken = try await APITokenStore(database: fixture.database).add(name: "ops", at: Date())
                let response = try await client.execute(
                    uri: "/api/emsps/tnm/register", method: .post, headers: [.authorization: "Bearer \(apiToken)"],
                    body: ByteBuffer(string: #"{"versions_url": "\#(versionsURL)", "token": "a-wrong-token-a"}"#))
                #expect(response.status == .badGateway)
                let message = try #require(try object(response)["error"] as? String)
                #expect(message.contains("HTTP 401"))
                let party = try #require(try await fixture.parties.party(named: "tnm"))
                #expect(party.status == .pending)
                #expect(party.outgoingToken == nil)
                #expect(emsp.posted.withLock { $0.isEmpty })
            }
        }
    }
}

func + (lhs: HTTPFields, rhs: HTTPFields) -> HTTPFields {
    var result = lhs
    for field in rhs { result[field.name] = field.value }
    return result
}
