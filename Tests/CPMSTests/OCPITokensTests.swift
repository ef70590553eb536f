@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OCPI
import OCPP
import StationTesting
import Testing

/// The Tokens module as Receiver: an eMSP PUTs, PATCHes and reads its tokens; refusals store nothing; and the
/// station's Authorize is answered from them or from the eMSP's real-time authorization, in bounded time.
@Suite(.timeLimit(.minutes(2)))
struct OCPITokensTests {
    func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test(arguments: TestBackend.available)
    func anEMSPPutsPatchesAndReadsItsTokens(_ backend: TestBackend) async throws {
        let fixture = try await OCPIReceiverFixture.make(backend: backend, tokensURL: nil)
        let app = try await fixture.application()
        let base = "/ocpi/2.2.1/tokens/NL/\(fixture.partyID)"
        try await app.test(.router) { client in
            let details = try object(try await client.execute(uri: "/ocpi/2.2.1", method: .get, headers: fixture.headers))
            let endpoints = try #require((details["data"] as? [String: Any])?["endpoints"] as? [[String: Any]])
            #expect(endpoints.contains { $0["identifier"] as? String == "tokens" && $0["role"] as? String == "RECEIVER" })
            #expect(endpoints.contains { $0["identifier"] as? String == "commands" && $0["role"] as? String == "RECEIVER" })

            let put = try await client.execute(uri: "\(base)/CARD-1", method: .put, headers: fixture.headers, body: ByteBuffer(string: fixture.token("CARD-1")))
            #expect(put.status == .ok)
            #expect(try object(put)["status_code"] as? Int == 1000)
            let read = try await client.execute(uri: "\(base)/card-1?type=RFID", method: .get, headers: fixture.headers)
            let data = try #require(try object(read)["data"] as? [String: Any])
            #expect(data["uid"] as? String == "CARD-1" && data["valid"] as? Bool == true)

            let patch = try await client.execute(
                uri: "\(base)/CARD-1", method: .patch, headers: fixture.headers,
                body: ByteBuffer(string: #"{"valid": false, "last_updated": "2026-12-07T01:00:00Z"}"#))
            #expect(try object(patch)["status_code"] as? Int == 1000)
            let stored = try #require(try await OCPITokenStore(database: fixture.database).token(countryCode: "NL", partyID: fixture.partyID, uid: "CARD-1", type: .rfid))
            #expect(stored.token.valid == false && stored.emsp == fixture.emsp)
            #expect(stored.token.lastUpdated == OCPIDateTime("2026-12-07T01:00:00Z"))

            for (method, uri) in [(HTTPRequest.Method.get, "\(base)/NOPE"), (.get, "\(base)/CARD-1?type=APP_USER")] {
                let unknown = try await client.execute(uri: uri, method: method, headers: fixture.headers)
                #expect(unknown.status == .notFound)
                #expect(try object(unknown)["status_code"] as? Int == 2004)
                #expect(try object(unknown)["status_message"] as? String == "unknown token")
            }
            let unknownPatch = try await client.execute(
                uri: "\(base)/NOPE", method: .patch, headers: fixture.headers, body: ByteBuffer(string: #"{"valid": false, "last_updated": "2026-12-07T01:00:00Z"}"#))
            #expect(unknownPatch.status == .notFound)
            #expect(try object(unknownPatch)["status_code"] as? Int == 2004)
        }
        await fixture.database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func badTokenDocumentsAreRefusedAndChangeNothing(_ backend: TestBackend) async throws {
        let fixture = try await OCPIReceiverFixture.make(backend: backend, tokensURL: nil)
        let app = try await fixture.application()
        let base = "/ocpi/2.2.1/tokens/NL/\(fixture.partyID)"
        try await app.test(.router) { client in
            _ = try await client.execute(uri: "\(base)/CARD-2", method: .put, headers: fixture.headers, body: ByteBuffer(string: fixture.token("CARD-2")))
            let cases: [(HTTPRequest.Method, String, String, HTTPResponse.Status, String?)] = [
                (.put, "\(base)/CARD-3", "{not json", .badRequest, nil),
                (.put, "\(base)/CARD-3", #"{"uid": "CARD-3"}"#, .ok, "country_code"),
                (.put, "\(base)/CARD-3", fixture.token("CARD-3").replacingOccurrences(of: #""valid": true"#, with: #""valid": "yes""#), .ok, "valid"),
                (.put, "\(base)/CARD-3", fixture.token("CARD-4"), .ok, "uid"),
                (.put, "/ocpi/2.2.1/tokens/DE/XYZ/CARD-3", fixture.token("CARD-3", party: "XYZ"), .ok, "DE*XYZ"),
                (.put, "\(base)/CARD-3?type=COIN", fixture.token("CARD-3"), .ok, "type"),
                (.patch, "\(base)/CARD-2", #"{"valid": false}"#, .ok, "last_updated"),
                (.patch, "\(base)/CARD-2", #"{"whitelist": "SOMETIMES", "last_updated": "2026-12-07T01:00:00Z"}"#, .ok, "whitelist"),
                (.patch, "\(base)/CARD-2", #"{"uid": "OTHER", "last_updated": "2026-12-07T01:00:00Z"}"#, .ok, "uid"),
                (.patch, "\(base)/CARD-2", "[1, 2]", .ok, "JSON object"),
            ]
            for (method, uri, body, status, mention) in cases {
                let answer = try await client.execute(uri: uri, method: method, headers: fixture.headers, body: ByteBuffer(string: body))
                #expect(answer.status == status, "\(method) \(uri) \(body)")
                let envelope = try object(answer)
                #expect(envelope["status_code"] as? Int == 2001, "\(method) \(uri) \(body)")
                if let mention { #expect((envelope["status_message"] as? String)?.contains(mention) == true, "\(envelope)") }
            }
            let unauthorized = try await client.execute(uri: "\(base)/CARD-3", method: .put, headers: [.contentType: "application/json"], body: ByteBuffer(string: fixture.token("CARD-3")))
            #expect(unauthorized.status == .unauthorized)
            let store = OCPITokenStore(database: fixture.database)
            #expect(try await store.tokens(uid: "CARD-3").isEmpty)
            #expect(try await store.tokens(uid: "CARD-4").isEmpty)
            let untouched = try #require(try await store.tokens(uid: "CARD-2").first)
            #expect(untouched.token.valid && untouched.token.whitelist == .allowed && untouched.token.uid == "CARD-2")
        }
        await fixture.database.shutdown()
    }

    @Test func storedTokensAndEMSPAnswersBecomeOCPPStatuses() {
        func token(valid: Bool, _ whitelist: WhitelistType) -> Token {
            Token(
                countryCode: "NL", partyID: "TNM", uid: "1", type: .rfid, contractID: "C", issuer: "I", valid: valid, whitelist: whitelist,
                lastUpdated: OCPIDateTime(Date(timeIntervalSince1970: 0)))
        }
        #expect(TokenVerdict.local(token(valid: true, .always)) == .decided(.accepted))
        #expect(TokenVerdict.local(token(valid: true, .allowed)) == .decided(.accepted))
        #expect(TokenVerdict.local(token(valid: true, .allowedOffline)) == .askEMSP(fallback: .accepted))
        #expect(TokenVerdict.local(token(valid: true, .never)) == .askEMSP(fallback: .invalid))
        #expect(TokenVerdict.local(token(valid: false, .always)) == .decided(.invalid))
        #expect(TokenVerdict.local(nil) == .askEMSP(fallback: .unknown))
        #expect(AllowedType.allCases.map(TokenVerdict.status) == [.accepted, .blocked, .expired, .noCredit, .notAllowedTypeEVSE])
        #expect(TokenVerdict.tokenType(.iso14443) == .rfid && TokenVerdict.tokenType(.central) == .appUser && TokenVerdict.tokenType(.keyCode) == .other)
        #expect(TokenVerdict.contractParty("NL-TNM-C12345678-X")! == ("NL", "TNM"))
        #expect(TokenVerdict.contractParty("nltnmc12345678x")! == ("NL", "TNM"))
        #expect(TokenVerdict.contractParty("04A1B2") == nil)
    }

    @Test(arguments: TestBackend.available)
    func theStationsAuthorizeIsAnsweredFromTokensAndTheEMSPsRealTimeAuthorization(_ backend: TestBackend) async throws {
        let emsp = TokensEMSP()
        try await emsp.run { tokensURL in
            let fixture = try await OCPIReceiverFixture.make(backend: backend, tokensURL: tokensURL)
            let app = try await fixture.application(authorizeTimeout: .seconds(2), acceptedTokens: ["LOCAL-1"])
            let base = "/ocpi/2.2.1/tokens/NL/\(fixture.partyID)"
            try await app.test(.live) { client in
                for (uid, valid, whitelist) in [("CARD-OK", true, "ALWAYS"), ("CARD-OFF", false, "ALWAYS"), ("CARD-ASK", true, "NEVER")] {
                    let put = try await client.execute(
                        uri: "\(base)/\(uid)", method: .put, headers: fixture.headers, body: ByteBuffer(string: fixture.token(uid, valid: valid, whitelist: whitelist)))
                    #expect(put.status == .ok)
                }
                let station = TestStation(id: fixture.station, password: fixture.password, port: try #require(client.port), clock: fixture.clock)
                try await station.run { endpoint in
                    func authorize(_ uid: String) async throws -> OCPP201.AuthorizationStatus {
                        try await endpoint.call(OCPP201.AuthorizeRequest(idToken: .init(idToken: uid, type: .iso14443))).idTokenInfo.status
                    }
                    #expect(try await authorize("LOCAL-1") == .accepted)
                    #expect(try await authorize("CARD-OK") == .accepted)
                    #expect(try await authorize("CARD-OFF") == .invalid)
                    #expect(emsp.asked.withLock { $0.isEmpty })

                    #expect(try await authorize("CARD-ASK") == .accepted)
                    #expect(try await authorize("NEW-1") == .accepted)
                    #expect(try await authorize("BLOCK-1") == .blocked)
                    // Nobody answers within --ocpi-authorize-timeout: Unknown, in time.
                    #expect(try await authorize("SLOW-1") == .unknown)
                    // A transaction started with an authorized token is answered from that authorization, not asked again.
                    let asked = emsp.asked.withLock { $0.count }
                    let started = try await endpoint.call(OCPP201.TransactionEventRequest(
                        eventType: .started, timestamp: fixture.clock.wallTime, triggerReason: .authorized, seqNo: 0,
                        transactionInfo: .init(transactionId: "TX-A"), evse: .init(id: 1, connectorId: 1), idToken: .init(idToken: "NEW-1", type: .iso14443)))
                    #expect(started.idTokenInfo?.status == .accepted)
                    #expect(emsp.asked.withLock { $0.count } == asked)
                }
                let asked = emsp.asked.withLock { $0 }
                #expect(asked.map(\.uid) == ["CARD-ASK", "NEW-1", "BLOCK-1", "SLOW-1"])
                #expect(asked.allSatisfy { $0.type == "RFID" })
                let references = try OCPICoding.decode(LocationReferences.self, from: Data(try #require(asked.first?.body).utf8))
                #expect(references.locationID == fixture.station)
                let store = OCPITokenStore(database: fixture.database)
                let given = try #require(try await store.latestAuthorization(station: fixture.station, idToken: "NEW-1"))
                #expect(given.allowed == .allowed && given.authorizationReference == "REF-NEW-1" && given.emsp == fixture.emsp)
                #expect(try await store.tokens(uid: "NEW-1").first?.emsp == fixture.emsp)
                #expect(try await store.latestAuthorization(station: fixture.station, idToken: "SLOW-1") == nil)
            }
            await fixture.database.shutdown()
        }
    }

    @Test func anUnreachableEMSPStillGetsTheStationAnAnswer() async throws {
        // A port nobody listens on: the call fails at once; the token is Unknown, not Accepted.
        let fixture = try await OCPIReceiverFixture.make(tokensURL: "http://127.0.0.1:9/tokens")
        let app = try await fixture.application(authorizeTimeout: .seconds(2))
        try await app.test(.live) { client in
            let station = TestStation(id: fixture.station, password: fixture.password, port: try #require(client.port), clock: fixture.clock)
            try await station.run { endpoint in
                let answer = try await endpoint.call(OCPP201.AuthorizeRequest(idToken: .init(idToken: "WHO-1", type: .iso14443)))
                #expect(answer.idTokenInfo.status == .unknown)
            }
        }
        await fixture.database.shutdown()
    }
}
