public import Hummingbird

/// An API failure, answered as `{"error": "..."}` with its status.
public struct APIError: HTTPResponseError, CustomStringConvertible {
    public let status: HTTPResponse.Status
    public let message: String

    public init(_ status: HTTPResponse.Status, _ message: String) {
        self.status = status
        self.message = message
    }

    public var description: String { "\(status.code) \(message)" }

    public func response(from request: Request, context: some RequestContext) throws -> Response {
        try APIJSON.response(ErrorBody(error: message), status: status)
    }

    struct ErrorBody: Encodable {
        let error: String
    }
}
