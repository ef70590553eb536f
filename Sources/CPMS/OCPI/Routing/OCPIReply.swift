public import Hummingbird
public import OCPI
import NIOCore

/// Answers under `/ocpi`: the OCPI envelope, written by `OCPICoding` (spec field names, no nulls).
public enum OCPIReply {
    /// A 1000 answer carrying `data`, timestamped when the request was received.
    public static func success<Payload: Codable & Sendable>(
        _ data: Payload?, context: OCPIRequestContext, status: HTTPResponse.Status = .ok, headers: HTTPFields = [:]
    ) throws -> Response {
        try envelope(OCPIResponse.success(data, at: OCPIDateTime(context.receivedAt)), status: status, headers: headers)
    }

    /// A 1000 answer without data (a PUT, PATCH or DELETE that was accepted).
    public static func success(context: OCPIRequestContext) throws -> Response {
        try success(Optional<Empty>.none, context: context)
    }

    /// The refusal `error` as an envelope with its HTTP status.
    public static func failure(_ error: OCPIError, at time: OCPIDateTime) throws -> Response {
        try envelope(OCPIResponse<Empty>(data: nil, statusCode: error.statusCode, statusMessage: error.message, timestamp: time), status: error.httpStatus)
    }

    static func envelope<Payload>(_ response: OCPIResponse<Payload>, status: HTTPResponse.Status, headers: HTTPFields = [:]) throws -> Response {
        var fields = headers
        fields[.contentType] = "application/json"
        return Response(status: status, headers: fields, body: ResponseBody(byteBuffer: ByteBuffer(bytes: try OCPICoding.encode(response))))
    }

    /// The payload of an answer that carries none.
    public struct Empty: Codable, Sendable, OCPIValidatable {
        public init() {}
        /// Reads any data (an eMSP may answer a DELETE with `{}`, `""` or something else): it is ignored.
        public init(from decoder: any Decoder) throws {}
        public func validate(at path: FieldPath) throws(OCPIDecodingError) {}
    }
}
