public import Tariffs

/// The outcome of a command, POSTed to its response_url once the charger answered (OCPI CommandResult).
public struct CommandResult: Codable, Sendable, Equatable {
    public var result: CommandResultType
    public var message: [DisplayText]?

    public init(result: CommandResultType, message: [DisplayText]? = nil) {
        self.result = result
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case result, message
    }
}

extension CommandResult: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.objects(message, "message")
    }
}
