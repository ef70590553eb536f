import Foundation
import HTTPTypes
import Hummingbird
import Logging

/// cpms's Flexibility Provider endpoints, `/oscp/fp/2.0/...`: each call carries `Authorization: Token <B>`,
/// the token cpms gave one DSO's Capacity Provider, which names the DSO. Success is 204; a bad body is 400
/// with `{"error": reason}` and changes nothing; an unknown token 403, none 401.
struct OSCPFlexibilityProviderRoutes<Context: RequestContext>: Sendable {
    let directory: OSCPFeedDirectory
    let logger: Logger

    func addRoutes(to router: Router<Context>) {
        let group = router.group("oscp/fp/2.0")
        group.post("register") { request, _ in
            try await handle(request) { session, data, _ in try await session.received(try OSCPCoding.decode(OSCPRegister.self, from: data)) }
        }
        group.put("register") { request, _ in
            try await handle(request) { session, data, _ in try await session.received(try OSCPCoding.decode(OSCPRegister.self, from: data)) }
        }
        group.post("handshake") { request, _ in
            try await handle(request) { session, data, _ in await session.received(try OSCPCoding.decode(OSCPHandshake.self, from: data)) }
        }
        // The specification's spelling, and pyoscp's.
        for path in ["handshake_acknowledgement", "handshake_acknowledgment"] {
            group.post(RouterPath(stringLiteral: path)) { request, _ in
                try await handle(request) { session, data, _ in
                    await session.receivedAcknowledgement(try OSCPCoding.decode(OSCPHandshake.self, from: data))
                }
            }
        }
        group.post("heartbeat") { request, _ in
            try await handle(request) { session, data, _ in try await session.received(try OSCPCoding.decode(OSCPHeartbeat.self, from: data)) }
        }
        group.post("update_group_capacity_forecast") { request, _ in
            try await handle(request) { session, data, headers in
                try await session.received(
                    try OSCPCoding.decode(OSCPGroupCapacityForecast.self, from: data), requestID: headers.requestID, correlationID: headers.correlationID)
            }
        }
        group.post("group_capacity_compliance_error") { request, _ in
            try await handle(request) { session, data, headers in
                try await session.received(try OSCPCoding.decode(OSCPGroupCapacityComplianceError.self, from: data), requestID: headers.requestID)
            }
        }
    }

    struct Headers: Sendable {
        var requestID: String
        var correlationID: String?
    }

    private func handle(
        _ request: Request, _ body: @escaping @Sendable (OSCPSession, Data, Headers) async throws -> Void
    ) async throws -> Response {
        guard let authorization = request.headers[.authorization] else { throw APIError(.unauthorized, "missing Authorization: Token ...") }
        let parts = authorization.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "token" else { throw APIError(.unauthorized, "Authorization must be Token <token>") }
        guard let session = await directory.session(presenting: String(parts[1]).trimmingCharacters(in: .whitespaces)) else {
            throw APIError(.forbidden, "unknown token")
        }
        let requestID = request.headers[.ocpiRequestID] ?? ""
        guard !requestID.isEmpty, requestID.count <= 128 else { throw APIError(.badRequest, "missing X-Request-ID") }
        var request = request
        let buffer = try await request.collectBody(upTo: OSCPCoding.maxBodyBytes)
        let headers = Headers(requestID: requestID, correlationID: request.headers[.ocpiCorrelationID])
        do {
            try await body(session, Data(buffer.readableBytesView), headers)
        } catch let error as OSCPMessageError {
            logger.notice("oscp \(session.dso.id): \(request.uri.path) refused: \(error.reason)")
            throw APIError(.badRequest, error.reason)
        } catch is OSCPUnavailable {
            throw APIError(.serviceUnavailable, "the OSCP feed is not running; try again later")
        }
        return Response(status: .noContent)
    }
}
