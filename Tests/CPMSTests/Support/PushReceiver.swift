import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// An eMSP's receiving side for push delivery tests: takes any PUT, PATCH, POST or DELETE, records it, and
/// answers as scripted per path (by default 1000), or holds the answer until the test opens `gate`.
final class PushReceiver: Sendable {
    struct Received: Sendable, Equatable {
        var method: String
        var path: String
        var requestID: String
        var toPartyID: String?
        var authorization: String?
        var body: String
    }

    enum Answer: Sendable {
        case accept
        /// HTTP `status` with an envelope carrying `ocpi` (3000, 2001...).
        case fail(HTTPResponse.Status, ocpi: Int)
        /// No answer until the test opens the gate.
        case hold
    }

    let received = Mutex<[Received]>([])
    /// Answers still to give for a path, first first; a path without any is accepted.
    let script = Mutex<[String: [Answer]]>([:])
    private let held = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func answer(_ path: String, with answers: Answer...) {
        script.withLock { $0[path, default: []] += answers }
    }

    func openGate() {
        let waiters = held.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }

    private func waitForGate() async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let open = held.withLock { state -> Bool in
                if !state.open { state.waiters.append(continuation) }
                return state.open
            }
            if open { continuation.resume() }
        }
    }

    func paths() -> [String] { received.withLock { $0.map(\.path) } }

    /// Runs on a free port and calls `body` with the base URL (`http://127.0.0.1:PORT`).
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        for method in [HTTPRequest.Method.put, .patch, .post, .delete] {
            router.on("**", method: method) { request, _ -> Response in
                let text = String(buffer: try await request.body.collect(upTo: 1 << 20))
                let path = request.uri.path
                let answer = self.script.withLock { script -> Answer in
                    guard var answers = script[path], !answers.isEmpty else { return .accept }
                    let first = answers.removeFirst()
                    script[path] = answers
                    return first
                }
                self.received.withLock {
                    $0.append(Received(
                        method: request.method.rawValue, path: path, requestID: request.headers[HTTPField.Name("X-Request-ID")!] ?? "",
                        toPartyID: request.headers[HTTPField.Name("OCPI-to-party-id")!], authorization: request.headers[.authorization], body: text))
                }
                switch answer {
                case .accept:
                    return Self.envelope(.ok, 1000)
                case .fail(let status, let code):
                    return Self.envelope(status, code)
                case .hold:
                    await self.waitForGate()
                    return Self.envelope(.ok, 1000)
                }
            }
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port ?? 0)")
        }
    }

    static func envelope(_ status: HTTPResponse.Status, _ code: Int) -> Response {
        Response(
            status: status, headers: [.contentType: "application/json"],
            body: .init(byteBuffer: ByteBuffer(string: #"{"status_code": \#(code), "timestamp": "2026-12-07T00:00:00Z"}"#)))
    }
}
