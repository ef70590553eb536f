import Foundation
import Hummingbird
import NIOCore
import OCPI
import StationCore

/// Holds every request to `RequestLimits` before any handler reads it: a body larger than the limit is HTTP 413,
/// a JSON body nested deeper than the limit HTTP 400. Refusals under `/ocpi` are OCPI envelopes (2001), all
/// others `{"error": "..."}`.
struct RequestLimitsMiddleware<Context: RequestContext>: RouterMiddleware {
    let limits: RequestLimits
    let clock: any StationClock

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        if let length = request.headers[.contentLength].flatMap({ Int($0) }), length > limits.maxBodyBytes {
            return try refusal(.contentTooLarge, "the body is larger than \(limits.maxBodyBytes) bytes", to: request, context: context)
        }
        // A GET or HEAD body is never read; a WebSocket upgrade is a GET.
        guard request.method != .get, request.method != .head else { return try await next(request, context) }
        var request = request
        let body: ByteBuffer
        do {
            body = try await request.collectBody(upTo: limits.maxBodyBytes)
        } catch is NIOTooManyBytesError {
            return try refusal(.contentTooLarge, "the body is larger than \(limits.maxBodyBytes) bytes", to: request, context: context)
        }
        if Self.mayBeJSON(request), JSONNesting.exceeds(limits.maxJSONDepth, in: body.readableBytesView) {
            return try refusal(
                .badRequest, "the JSON body nests arrays and objects deeper than \(limits.maxJSONDepth)", to: request, context: context)
        }
        return try await next(request, context)
    }

    /// The handlers read a body without a Content-Type as JSON; forms and XML are not.
    static func mayBeJSON(_ request: Request) -> Bool {
        guard let type = request.headers[.contentType]?.lowercased() else { return true }
        return type.contains("json")
    }

    private func refusal(_ status: HTTPResponse.Status, _ message: String, to request: Request, context: Context) throws -> Response {
        if request.uri.path == "/ocpi" || request.uri.path.hasPrefix("/ocpi/") {
            return try OCPIReply.failure(
                OCPIError(httpStatus: status, statusCode: .invalidOrMissingParameters, message: message), at: OCPIDateTime(clock.wallTime))
        }
        return try APIError(status, message).response(from: request, context: context)
    }
}
