import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A minimal eMSP's OCPI side for cpms's handshake tests: versions, 2.2.1 details and credentials, each
/// accepting only `token` (plain or base64), and remembering every request (method, path, headers).
final class FakeEMSP: Sendable {
    /// The token cpms must present (token A, then whatever cpms gave in its credentials).
    let accepted = Mutex<Set<String>>([])
    /// The token the eMSP answers a POST of credentials with (its token C for cpms).
    let tokenC = "emsp-token-c-for-cpms"
    let requests = Mutex<[(method: String, path: String, headers: HTTPFields)]>([])
    /// The credentials cpms POSTed.
    let posted = Mutex<[String]>([])

    init(accepting token: String) {
        accept(token)
    }

    func accept(_ token: String) {
        accepted.withLock { _ = $0.insert(token) }
    }

    func authorized(_ request: Request) -> Bool {
        requests.withLock { $0.append((request.method.rawValue, request.uri.path, request.headers)) }
        guard let header = request.headers[.authorization], header.hasPrefix("Token ") else { return false }
        let value = String(header.dropFirst(6))
        let decoded = Data(base64Encoded: value).flatMap { String(data: $0, encoding: .utf8) }
        return accepted.withLock { $0.contains(value) || decoded.map($0.contains) == true }
    }

    static func envelope(_ data: String) -> Response {
        Response(
            status: .ok, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: #"{"data": \#(data), "status_code": 1000, "timestamp": "2026-12-07T00:00:00Z"}"#)))
    }

    static let unauthorized = Response(status: .unauthorized, body: .init(byteBuffer: ByteBuffer(string: #"{"status_code": 2000, "timestamp": "2026-12-07T00:00:00Z"}"#)))

    /// Runs the eMSP on a free port and calls `body` with its versions URL.
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.get("versions") { request, _ in
            guard self.authorized(request) else { return Self.unauthorized }
            let base = "http://\(request.head.authority ?? "127.0.0.1")"
            return Self.envelope(#"[{"version": "2.1.1", "url": "\#(base)/2.1.1"}, {"version": "2.2.1", "url": "\#(base)/2.2.1"}]"#)
        }
        router.get("2.2.1") { request, _ in
            guard self.authorized(request) else { return Self.unauthorized }
            let base = "http://\(request.head.authority ?? "127.0.0.1")"
            return Self.envelope(
                #"{"version": "2.2.1", "endpoints": [{"identifier": "credentials", "role": "RECEIVER", "url": "\#(base)/2.2.1/credentials"}, {"identifier": "locations", "role": "RECEIVER", "url": "\#(base)/2.2.1/locations"}]}"#)
        }
        router.post("2.2.1/credentials") { request, _ in
            guard self.authorized(request) else { return Self.unauthorized }
            let buffer = try await request.body.collect(upTo: 1 << 16)
            let text = String(buffer: buffer)
            self.posted.withLock { $0.append(text) }
            let base = "http://\(request.head.authority ?? "127.0.0.1")"
            return Self.envelope(
                #"{"token": "\#(self.tokenC)", "url": "\#(base)/versions", "roles": [{"role": "EMSP", "party_id": "TNM", "country_code": "NL", "business_details": {"name": "The eMSP"}}]}"#)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port ?? 0)/versions")
        }
    }
}
