import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Calls a Capacity Provider: POST JSON with `Authorization: Token <t>` and a new `X-Request-ID`.
struct OSCPClient: Sendable {
    let httpClient: HTTPClient
    var timeout: Duration = .seconds(10)

    enum Outcome: Sendable, Equatable {
        /// HTTP 2xx (OSCP answers 204).
        case accepted
        /// Another HTTP status, with the start of the answer.
        case answered(status: Int, body: String)
        /// No answer: refused, timed out, cut.
        case unreachable(String)

        var summary: String {
            switch self {
            case .accepted: "accepted"
            case .answered(let status, let body): "HTTP \(status)\(body.isEmpty ? "" : ": " + body)"
            case .unreachable(let reason): "unreachable: \(reason)"
            }
        }
    }

    func post(_ url: String, token: String, body: Data, requestID: String = UUID().uuidString.lowercased(), correlationID: String? = nil) async -> Outcome {
        var request = HTTPClientRequest(url: url)
        request.method = .POST
        request.headers.add(name: "Authorization", value: "Token \(token)")
        request.headers.add(name: "X-Request-ID", value: requestID)
        if let correlationID { request.headers.add(name: "X-Correlation-ID", value: correlationID) }
        request.headers.add(name: "Content-Type", value: "application/json")
        request.body = .bytes(ByteBuffer(bytes: body))
        do {
            let response = try await httpClient.execute(request, timeout: .milliseconds(Int64(timeout.components.seconds) * 1000))
            let bytes = try await response.body.collect(upTo: 64 * 1024)
            let status = Int(response.status.code)
            if (200..<300).contains(status) { return .accepted }
            return .answered(status: status, body: String(String(decoding: bytes.readableBytesView, as: UTF8.self).prefix(300)))
        } catch {
            return .unreachable(String(describing: error))
        }
    }
}
