public import Tariffs

/// The CPO's immediate answer to a command: whether it will be tried, and how long the result may take (OCPI CommandResponse).
public struct CommandResponse: Codable, Sendable, Equatable {
    public var result: CommandResponseType
    public var timeout: Int
    public var message: [DisplayText]?

    public init(result: CommandResponseType, timeout: Int, message: [DisplayText]? = nil) {
        self.result = result
        self.timeout = timeout
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case result, timeout, message
    }
}

extension CommandResponse: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.objects(message, "message")
        try path.check(timeout >= 0, "timeout", "must not be negative")
    }
}
