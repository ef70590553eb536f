import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Synchronization

/// A price server for the feed tests: answers GETs of any path with the scripted answers in order (503 when
/// the script is used up), and records each request's path and query.
final class ScriptedDocumentServer: Sendable {
    struct Answer: Sendable {
        var status: HTTPResponse.Status
        var body: Data
    }

    let script = Mutex<[Answer]>([])
    let requests = Mutex<[String]>([])

    func answer(_ status: HTTPResponse.Status = .ok, _ body: Data) {
        script.withLock { $0.append(Answer(status: status, body: body)) }
    }

    /// Runs on a free port and calls `body` with the base URL (`http://127.0.0.1:PORT`).
    func run(_ body: @escaping @Sendable (String) async throws -> Void) async throws {
        let router = Router()
        router.get("**") { request, _ -> Response in
            self.requests.withLock { $0.append(request.uri.description) }
            let answer = self.script.withLock { script -> Answer in
                script.isEmpty ? Answer(status: .serviceUnavailable, body: Data("no answer scripted".utf8)) : script.removeFirst()
            }
            return Response(status: answer.status, headers: [.contentType: "application/xml"], body: .init(byteBuffer: ByteBuffer(bytes: answer.body)))
        }
        let app = Application(router: router, configuration: .init(address: .hostname("127.0.0.1", port: 0)), logger: .quiet)
        try await app.test(.live) { client in
            try await body("http://127.0.0.1:\(client.port ?? 0)")
        }
    }
}
