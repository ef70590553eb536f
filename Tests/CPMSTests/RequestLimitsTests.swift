@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import StationTesting
import Testing

/// `RequestLimits` as the router applies them: a body over the limit is 413 and a JSON body nested deeper than the
/// limit 400, before any handler reads it, as `{"error"}` under /api and as an OCPI envelope (2001) under /ocpi;
/// and neither stores anything.
@Suite(.timeLimit(.minutes(2)))
struct RequestLimitsTests {
    func withApplication(
        limits: RequestLimits = RequestLimits(), _ body: @escaping @Sendable (HTTPFields, any TestClientProtocol) async throws -> Void
    ) async throws {
        let database = try await TestBackend.sqlite.open()
        let token = try await APITokenStore(database: database).add(name: "ops", at: Date())
        var configuration = CPMSConfiguration(host: "127.0.0.1", port: 0)
        configuration.limits = limits
        let app = try await buildCPMSApplication(configuration: configuration, database: database, clock: ManualClock(), logger: .quiet)
        do {
            try await app.test(.router) { client in try await body([.authorization: "Bearer \(token)", .contentType: "application/json"], client) }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test func aBodyOverTheLimitIs413AndStoresNothing() async throws {
        var limits = RequestLimits()
        limits.maxBodyBytes = 2_048
        try await withApplication(limits: limits) { headers, client in
            let name = String(repeating: "x", count: 3_000)
            let response = try await client.execute(
                uri: "/api/emsps", method: .post, headers: headers, body: ByteBuffer(string: #"{"name": "\#(name)"}"#))
            #expect(response.status == .contentTooLarge)
            #expect(try object(response)["error"] as? String == "the body is larger than 2048 bytes")
            let list = try await client.execute(uri: "/api/emsps", method: .get, headers: headers)
            #expect(String(buffer: list.body) == "[]")
        }
    }

    @Test func aBodyOverTheLimitUnderOCPIIsAnEnvelope() async throws {
        var limits = RequestLimits()
        limits.maxBodyBytes = 1_024
        try await withApplication(limits: limits) { _, client in
            let response = try await client.execute(
                uri: "/ocpi/2.2.1/credentials", method: .post, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: String(repeating: " ", count: 2_000) + "{}"))
            #expect(response.status == .contentTooLarge)
            #expect(try object(response)["status_code"] as? Int == 2001)
        }
    }

    @Test func jsonNestedDeeperThanTheLimitIs400BeforeDecoding() async throws {
        try await withApplication { headers, client in
            let deep = String(repeating: "[", count: 65) + String(repeating: "]", count: 65)
            let response = try await client.execute(uri: "/api/supply/groups", method: .post, headers: headers, body: ByteBuffer(string: deep))
            #expect(response.status == .badRequest)
            #expect(try object(response)["error"] as? String == "the JSON body nests arrays and objects deeper than 64")
            let ocpi = try await client.execute(
                uri: "/ocpi/2.2.1/tokens/NL/TNM/T1", method: .put, headers: [.contentType: "application/json"],
                body: ByteBuffer(string: String(repeating: #"{"a":"#, count: 10_000)))
            #expect(ocpi.status == .badRequest)
            #expect(try object(ocpi)["status_code"] as? Int == 2001)
        }
    }

    @Test func nestingIsCountedOutsideStringsOnly() {
        #expect(!JSONNesting.exceeds(2, in: Array(#"[{"a": "[[[[{{{{\"]]"}]"#.utf8)))
        #expect(JSONNesting.exceeds(2, in: Array(#"[{"a": ["\\"]}]"#.utf8)))
        #expect(!JSONNesting.exceeds(64, in: Array((String(repeating: "[", count: 64) + String(repeating: "]", count: 64)).utf8)))
        #expect(JSONNesting.exceeds(64, in: Array(String(repeating: "{\"a\":", count: 65).utf8)))
    }

    @Test func aFormIsNotReadAsJSON() async throws {
        try await withApplication { _, client in
            let response = try await client.execute(
                uri: "/portal/login", method: .post, headers: [.contentType: "application/x-www-form-urlencoded"],
                body: ByteBuffer(string: "name=" + String(repeating: "%5B", count: 100) + "&password=x"))
            #expect(!String(buffer: response.body).contains("deeper than"))
        }
    }
}
