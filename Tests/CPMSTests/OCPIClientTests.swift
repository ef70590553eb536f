@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OCPI
import Synchronization
import Testing

/// `OCPIClient` against a party on a real port that answers well and badly: the headers it sends, and each way
/// an answer can fail becoming its `OCPIClientError` kind.
@Suite(.timeLimit(.minutes(2)))
struct OCPIClientTests {
    static func answer(_ status: HTTPResponse.Status, _ body: String) -> Response {
        Response(status: status, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: body)))
    }

    final class Seen: Sendable {
        let headers = Mutex<[HTTPFields]>([])
        func withLock<T>(_ body: (inout [HTTPFields]) -> T) -> T { headers.withLock { body(&$0) } }
    }

    func withParty(_ body: @escaping @Sendable (String, Seen) async throws -> Void) async throws {
        let seen = Seen()
        let router = Router()
        router.get("ok") { request, _ in
            seen.withLock { $0.append(request.headers) }
            return Self.answer(.ok, #"{"data": [{"version": "2.2.1", "url": "https://x.example/2.2.1"}], "status_code": 1000, "timestamp": "2026-12-07T00:00:00.123456"}"#)
        }
        router.get("refused") { _, _ in Self.answer(.ok, #"{"status_code": 2001, "status_message": "nope", "timestamp": "2026-12-07T00:00:00Z"}"#) }
        router.get("garbage") { _, _ in Self.answer(.ok, "<html>") }
        router.get("wrong-shape") { _, _ in Self.answer(.ok, #"{"data": [{"version": "two", "url": "x"}], "status_code": 1000, "timestamp": "2026-12-07T00:00:00Z"}"#) }
        router.get("failing") { _, _ in Self.answer(.internalServerError, #"{"status_code": 3000, "status_message": "db down", "timestamp": "2026-12-07T00:00:00Z"}"#) }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)
        try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port ?? 0)", seen) }
    }

    func kind(_ call: () async throws -> Void) async -> OCPIClientError.Kind? {
        do {
            try await call()
            return nil
        } catch {
            return (error as? OCPIClientError)?.kind
        }
    }

    @Test func callsCarryTheTokenIdsAndRoutingHeadersAndFailuresAreTyped() async throws {
        try await withParty { base, seen in
            let client = OCPIClient(settings: OCPISettings(), timeout: .seconds(30), logger: .quiet)
            let receiver = CredentialsRole(role: .emsp, businessDetails: BusinessDetails(name: "x"), partyID: "TNM", countryCode: "NL")
            let versions = try await client.call(.GET, base + "/ok", token: "secret-1", receiver: receiver, correlationID: "corr-9", answer: [Version].self).data()
            #expect(versions.map(\.version) == [.v2_2_1])
            let headers = try #require(seen.withLock { $0.first })
            #expect(headers[.authorization] == "Token " + Data("secret-1".utf8).base64EncodedString())
            #expect(headers[.ocpiRequestID]?.isEmpty == false)
            #expect(headers[.ocpiCorrelationID] == "corr-9")
            #expect(headers[.ocpiFromCountryCode] == "DE")
            #expect(headers[.ocpiFromPartyID] == "STM")
            #expect(headers[.ocpiToCountryCode] == "NL")
            #expect(headers[.ocpiToPartyID] == "TNM")

            #expect(await kind { _ = try await client.call(.GET, base + "/refused", token: "t", answer: [Version].self) } == .refused(.invalidOrMissingParameters))
            #expect(await kind { _ = try await client.call(.GET, base + "/garbage", token: "t", answer: [Version].self) } == .invalidAnswer)
            #expect(await kind { _ = try await client.call(.GET, base + "/wrong-shape", token: "t", answer: [Version].self) } == .invalidAnswer)
            #expect(await kind { _ = try await client.call(.GET, base + "/failing", token: "t", answer: [Version].self) } == .httpStatus(500))
            #expect(await kind { _ = try await client.call(.GET, base + "/nothing-here", token: "t", answer: [Version].self) } == .httpStatus(404))
            #expect(await kind { _ = try await client.call(.GET, "not a url", token: "t", answer: [Version].self) } == .unreachable)
        }
    }
}
