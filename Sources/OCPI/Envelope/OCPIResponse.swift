public import Tariffs

/// Every OCPI answer's envelope: the data, a status, a message and when it was made (OCPI Response format).
public struct OCPIResponse<Payload: Codable & Sendable>: Codable, Sendable {
    /// Absent on errors, and on answers that carry nothing.
    public var data: Payload?
    public var statusCode: OCPIStatusCode
    public var statusMessage: String?
    public var timestamp: OCPIDateTime

    public init(data: Payload?, statusCode: OCPIStatusCode, statusMessage: String? = nil, timestamp: OCPIDateTime) {
        self.data = data
        self.statusCode = statusCode
        self.statusMessage = statusMessage
        self.timestamp = timestamp
    }

    /// A 1000 answer with `data`.
    public static func success(_ data: Payload?, at timestamp: OCPIDateTime) -> OCPIResponse {
        OCPIResponse(data: data, statusCode: .success, statusMessage: "Success", timestamp: timestamp)
    }

    /// A 2001 answer to a document that was refused, saying which field and why.
    public static func refusal(_ error: OCPIDecodingError, at timestamp: OCPIDateTime) -> OCPIResponse {
        OCPIResponse(data: nil, statusCode: error.statusCode, statusMessage: error.description, timestamp: timestamp)
    }

    enum CodingKeys: String, CodingKey {
        case data, statusCode = "status_code", statusMessage = "status_message", timestamp
    }
}

extension OCPIResponse: Equatable where Payload: Equatable {}

extension OCPIResponse: OCPIValidatable where Payload: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.object(data, "data")
    }
}
