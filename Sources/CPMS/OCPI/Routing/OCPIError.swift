public import Hummingbird
public import OCPI

/// A refusal under `/ocpi`, answered as an OCPI envelope with its HTTP status and OCPI status code.
public struct OCPIError: Error, Sendable, CustomStringConvertible {
    public var httpStatus: HTTPResponse.Status
    public var statusCode: OCPIStatusCode
    public var message: String

    public init(httpStatus: HTTPResponse.Status, statusCode: OCPIStatusCode, message: String) {
        self.httpStatus = httpStatus
        self.statusCode = statusCode
        self.message = message
    }

    public var description: String { "\(httpStatus.code) \(statusCode) \(message)" }

    /// HTTP 401: no token, or one cpms does not know or no longer accepts here.
    public static func unauthorized(_ message: String) -> OCPIError {
        OCPIError(httpStatus: .unauthorized, statusCode: .clientError, message: message)
    }

    /// HTTP 400, 2001: a body that is not JSON at all (OCPI: "the transport layer ends" there, HTTP 400 MUST).
    public static func malformed(_ message: String) -> OCPIError {
        OCPIError(httpStatus: .badRequest, statusCode: .invalidOrMissingParameters, message: message)
    }

    /// HTTP 200, 2001: JSON that is not a valid OCPI document, naming the field. A request that reached the OCPI
    /// layer (valid JSON, authenticated) MUST NOT get an HTTP error status (OCPI status codes).
    public static func invalid(_ error: OCPIDecodingError) -> OCPIError {
        OCPIError(httpStatus: .ok, statusCode: error.statusCode, message: error.description)
    }

    /// HTTP 200, 2001 with a message (a parameter or header).
    public static func invalid(_ message: String) -> OCPIError {
        OCPIError(httpStatus: .ok, statusCode: .invalidOrMissingParameters, message: message)
    }

    /// HTTP 405: the method is not allowed in the party's state (POST credentials when registered).
    public static func notAllowed(_ message: String) -> OCPIError {
        OCPIError(httpStatus: .methodNotAllowed, statusCode: .clientError, message: message)
    }

    /// HTTP 404, 2000 (or a more precise 2003/2004 the module gives): an object cpms does not have.
    public static func notFound(_ message: String, statusCode: OCPIStatusCode = .clientError) -> OCPIError {
        OCPIError(httpStatus: .notFound, statusCode: statusCode, message: message)
    }

    /// HTTP 200, 3001: cpms could not use the eMSP's API (versions, version details) it was pointed at.
    public static func unableToUseClientAPI(_ message: String) -> OCPIError {
        OCPIError(httpStatus: .ok, statusCode: .unableToUseClientAPI, message: message)
    }

    /// HTTP 200, 3002: the eMSP offers no version cpms speaks.
    public static func unsupportedVersion(_ message: String) -> OCPIError {
        OCPIError(httpStatus: .ok, statusCode: .unsupportedVersion, message: message)
    }

    /// HTTP 500, 3000: cpms failed (its database); the cause is logged, not answered.
    public static let internalError = OCPIError(httpStatus: .internalServerError, statusCode: .serverError, message: "internal error")
}
