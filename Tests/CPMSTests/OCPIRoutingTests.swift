@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import HummingbirdWebSocket
import NIOCore
import OCPI
import StationTesting
import Testing

/// The routing other OCPI modules build on: a module added to `OCPIRouting` is announced in the version details
/// and reached only with a registered eMSP's token, its handler sees the party in `OCPIRequestContext`, and its
/// `OCPIError`s and failures become envelopes with the request ids.
@Suite(.timeLimit(.minutes(2)))
struct OCPIRoutingTests {
    /// A module as another module's author would write one (path parameters included).
    struct EchoModule: OCPIModule {
        var identifier: ModuleID { .locations }
        var role: InterfaceRole { .sender }

        func addRoutes(to group: RouterGroup<OCPIRequestContext>) {
            group.get { _, context in
                try OCPIReply.success(["party": try context.party.name, "request": context.requestID], context: context)
            }
            group.get(":id") { _, context -> Response in
                guard context.parameters.get("id") == "known" else { throw OCPIError.notFound("unknown location", statusCode: .unknownLocation) }
                throw CancellationError()
            }
        }
    }

    func withRouting(_ body: @escaping @Sendable (OCPIPartyStore, any TestClientProtocol) async throws -> Void) async throws {
        let database = try await TestBackend.sqlite.open()
        let parties = OCPIPartyStore(database: database)
        var routing = OCPIRouting(settings: OCPISettings(publicURL: "https://cpms.example/"), parties: parties, clock: ManualClock(), logger: .quiet)
        routing.add(EchoModule())
        let router = Router(context: CPMSRequestContext.self)
        routing.addRoutes(to: router)
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)
        do {
            try await app.test(.router) { client in try await body(parties, client) }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    func envelope(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test func aModuleIsAnnouncedAndReachedOnlyByRegisteredParties() async throws {
        try await withRouting { parties, client in
            let pendingA = try #require(try await parties.add(name: "pending", at: Date()))
            let tokenA = try #require(try await parties.add(name: "tnm", at: Date()))
            let tokenC = "token-c-\(UUID().uuidString)"
            let registration = OCPIPartyStore.Registration(
                incomingToken: tokenC, outgoingToken: "b", versionsURL: "https://emsp.example/versions", version: .v2_2_1, endpoints: [],
                roles: [CredentialsRole(role: .emsp, businessDetails: BusinessDetails(name: "x"), partyID: "TNM", countryCode: "NL")])
            #expect(try await parties.register(name: "tnm", from: .pending, presentedToken: tokenA, registration, at: Date()))

            let details = try await client.execute(uri: "/ocpi/2.2.1", method: .get, headers: OCPICredentialsTests.token(pendingA))
            let endpoints = try #require((try envelope(details)["data"] as? [String: Any])?["endpoints"] as? [[String: Any]])
            #expect(endpoints.count == 1)
            #expect(endpoints.first?["identifier"] as? String == "locations")
            #expect(endpoints.first?["role"] as? String == "SENDER")
            #expect(endpoints.first?["url"] as? String == "https://cpms.example/ocpi/2.2.1/locations")

            let refused = try await client.execute(uri: "/ocpi/2.2.1/locations", method: .get, headers: OCPICredentialsTests.token(pendingA))
            #expect(refused.status == .unauthorized)
            let reached = try await client.execute(
                uri: "/ocpi/2.2.1/locations", method: .get, headers: OCPICredentialsTests.token(tokenC) + [.ocpiRequestID: "r-7"])
            #expect(reached.status == .ok)
            #expect(reached.headers[.ocpiRequestID] == "r-7")
            let data = try #require(try envelope(reached)["data"] as? [String: String])
            #expect(data == ["party": "tnm", "request": "r-7"])

            let unknown = try await client.execute(uri: "/ocpi/2.2.1/locations/other", method: .get, headers: OCPICredentialsTests.token(tokenC))
            #expect(unknown.status == .notFound)
            #expect(try envelope(unknown)["status_code"] as? Int == 2003)
            let failing = try await client.execute(uri: "/ocpi/2.2.1/locations/known", method: .get, headers: OCPICredentialsTests.token(tokenC))
            #expect(failing.status == .internalServerError)
            #expect(try envelope(failing)["status_code"] as? Int == 3000)
            #expect(failing.headers[.ocpiCorrelationID]?.isEmpty == false)

            let slash = try await client.execute(uri: "/ocpi/2.2.1/locations/", method: .get, headers: OCPICredentialsTests.token(tokenC))
            #expect(slash.status == .ok)
            let nowhere = try await client.execute(
                uri: "/ocpi/2.2.1/sessions/1", method: .put, headers: OCPICredentialsTests.token(tokenC) + [.ocpiRequestID: "r-8"])
            #expect(nowhere.status == .notFound)
            #expect(nowhere.headers[.ocpiRequestID] == "r-8")
            #expect(try envelope(nowhere)["status_code"] as? Int == 2000)
            let anonymous = try await client.execute(uri: "/ocpi/2.2.1/sessions", method: .get)
            #expect(anonymous.status == .unauthorized)
        }
    }

    @Test func tokenHeadersAreReadBase64OrPlain() {
        #expect(OCPITokenHeader.candidates("Token \(Data("abc-123".utf8).base64EncodedString())") == ["abc-123", "YWJjLTEyMw=="])
        #expect(OCPITokenHeader.candidates("token plain_token") == ["plain_token"])
        #expect(OCPITokenHeader.candidates("Bearer abc").isEmpty)
        #expect(OCPITokenHeader.candidates("Token ").isEmpty)
        #expect(OCPITokenHeader.candidates(nil).isEmpty)
        #expect(OCPITokenHeader.value(for: "abc-123") == "Token YWJjLTEyMw==")
    }
}
