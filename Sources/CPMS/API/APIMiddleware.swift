import Foundation
import Hummingbird
import Logging
import NIOCore

/// Guards `/api`: a valid `Authorization: Bearer TOKEN`, and every failure answered as `{"error": "..."}`.
struct APIMiddleware<Context: RequestContext>: RouterMiddleware {
    let tokens: APITokenStore
    let logger: Logger

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        do {
            guard let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") else {
                throw APIError(.unauthorized, "missing Authorization: Bearer token")
            }
            let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
            guard !token.isEmpty, try await tokens.name(ofToken: token) != nil else {
                throw APIError(.unauthorized, "unknown API token")
            }
            return try await next(request, context)
        } catch let error as APIError {
            if error.status == .unauthorized {
                var response = try error.response(from: request, context: context)
                response.headers[.wwwAuthenticate] = "Bearer realm=\"cpms\""
                return response
            }
            return try error.response(from: request, context: context)
        } catch let error as HTTPError {
            return try APIError(error.status, error.body ?? error.status.reasonPhrase).response(from: request, context: context)
        } catch is NIOTooManyBytesError {
            return try APIError(.contentTooLarge, "the body is larger than \(RequestLimits.largestBodyBytes) bytes").response(from: request, context: context)
        } catch {
            logger.error("API \(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            return try APIError(.internalServerError, "internal error").response(from: request, context: context)
        }
    }
}
