import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// An eMSP's tokens SENDER for real-time authorization: `POST /tokens/{uid}/authorize?type=...` answers by uid:
/// `BLOCK...` BLOCKED, `SLOW...` never (until the test ends), anything else ALLOWED with an authorization_reference.
final class TokensEMSP: Sendable {
    /// Every authorization asked: (uid, type, body).
    let asked = Mutex<[(uid: String, type: String?, body: String)]>([])
    private let release: AsyncStream<Void>
    private let releasing: AsyncStream<Void>.Continuation

    init() {
        (release, releasing) = AsyncStream<Void>.makeStream()
    }

    static func info(uid: String, allowed: String, reference: String?) -> String {
        let token = #"{"country_code": "NL", "party_id": "TNM", "uid": "\#(uid)", "type": "RFID", "contract_id": "NL-TNM-C\#(uid)", "issuer": "TNM", "valid": true, "whitelist": "ALLOWED", "last_updated": "2026-12-07T00:00:00Z"}"#
        let ref = reference.map { #", "authorization_reference": "\#($0)""# } ?? ""
        return #"{"allowed": "\#(allowed)", "token": \#(token)\#(ref)}"#
    }

    /// Runs the eMSP on a free port and calls `body` with its tokens endpoint URL.
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.post("tokens/:uid/authorize") { request, context in
            let uid = context.parameters.get("uid") ?? ""
            let text = String(buffer: try await request.body.collect(upTo: 1 << 16))
            self.asked.withLock { $0.append((uid, request.uri.queryParameters.get("type"), text)) }
            if uid.hasPrefix("SLOW") {
                for await _ in self.release {}
            }
            let data = uid.hasPrefix("BLOCK") ? Self.info(uid: uid, allowed: "BLOCKED", reference: nil) : Self.info(uid: uid, allowed: "ALLOWED", reference: "REF-\(uid)")
            return FakeEMSP.envelope(data)
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)
        try await app.test(.live) { client in
            defer { self.releasing.finish() }
            try await body("http://127.0.0.1:\(client.port ?? 0)/tokens")
        }
    }
}
