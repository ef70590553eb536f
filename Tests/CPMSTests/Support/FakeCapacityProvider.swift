import AsyncHTTPClient
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A minimal OSCP 2.0 Capacity Provider for cpms's feed tests: answers `register` with token A by sending its own
/// `register` (token C) back to the FP, takes everything else with 204 (or what a test sets), and reports
/// every call it gets on `calls`.
final class FakeCapacityProvider: Sendable {
    struct Call: Sendable {
        var path: String
        var authorization: String?
        var body: String
    }

    let tokenA = "cp-token-a"
    let tokenC = "cp-token-c-for-cpms"
    /// The token B cpms offered in its register.
    let tokenB = Mutex<String?>(nil)
    let adjustStatus = Mutex<HTTPResponse.Status>(.noContent)
    /// pyoscp's quirk, if set: a heartbeat whose `offline_mode_at` has a `T` gets a 500.
    let refusesRFC3339Heartbeats = Mutex(false)
    let calls: AsyncStream<Call>
    private let continuation: AsyncStream<Call>.Continuation

    init() {
        (calls, continuation) = AsyncStream.makeStream(of: Call.self)
    }

    /// Runs the CP on a free port and calls `body` with its 2.0 base URL.
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("oscp/cp/2.0/:message") { request, context in
            let message = context.parameters.get("message") ?? ""
            let text = String(buffer: try await request.body.collect(upTo: 1 << 16))
            let authorization = request.headers[.authorization]
            defer { self.continuation.yield(Call(path: message, authorization: authorization, body: text)) }
            switch message {
            case "register":
                guard authorization == "Token \(self.tokenA)",
                    let object = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any],
                    let tokenB = object["token"] as? String,
                    let base = ((object["version_url"] as? [[String: Any]])?.first { $0["version"] as? String == "2.0" })?["base_url"] as? String
                else { return Response(status: .forbidden) }
                self.tokenB.withLock { $0 = tokenB }
                var callback = HTTPClientRequest(url: base + "/register")
                callback.method = .POST
                callback.headers.add(name: "Authorization", value: "Token \(tokenB)")
                callback.headers.add(name: "X-Request-ID", value: "cp-register-1")
                callback.headers.add(name: "X-Correlation-ID", value: request.headers[HTTPField.Name("X-Request-ID")!] ?? "")
                let own = "http://\(request.head.authority ?? "127.0.0.1")/oscp/cp/2.0"
                callback.body = .bytes(ByteBuffer(string: #"{"token": "\#(self.tokenC)", "version_url": [{"version": "2.0", "base_url": "\#(own)"}]}"#))
                let answer = try await HTTPClient.shared.execute(callback, timeout: .seconds(30))
                return Response(status: answer.status == .noContent ? .noContent : .badGateway)
            case _ where authorization != "Token \(self.tokenC)":
                return Response(status: .forbidden)
            case "adjust_group_capacity_forecast":
                return Response(status: self.adjustStatus.withLock { $0 })
            case "heartbeat" where self.refusesRFC3339Heartbeats.withLock({ $0 }) && text.contains("T"):
                return Response(status: .internalServerError)
            default:
                return Response(status: .noContent)
            }
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)
        try await app.test(.live) { client in try await body("http://127.0.0.1:\(client.port ?? 0)/oscp/cp/2.0") }
        continuation.finish()
    }

    /// The next call to `path`, skipping the others.
    func next(_ path: String, from iterator: inout AsyncStream<Call>.Iterator) async -> Call? {
        while let call = await iterator.next() {
            if call.path == path { return call }
        }
        return nil
    }
}
