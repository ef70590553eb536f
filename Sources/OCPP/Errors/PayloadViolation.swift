/// Why a payload does not match its message type, and where.
public struct PayloadViolation: Error, Sendable, Equatable, CustomStringConvertible {
    /// One of the payload faults: `payloadSyntax`, `unknownProperty`, `occurrence`, `wrongType`, `invalidValue`.
    public var fault: OCPPFault
    /// The property's path in the payload, like `idTagInfo.status` or `meterValue[0].sampledValue`.
    public var path: String
    public var reason: String

    public init(_ fault: OCPPFault, at path: String, _ reason: String) {
        self.fault = fault
        self.path = path
        self.reason = reason
    }

    public var description: String { path.isEmpty ? reason : "\(path): \(reason)" }
}

extension PayloadViolation {
    /// Turns a coding path into the dotted form used in messages.
    static func path(_ codingPath: [any CodingKey]) -> String {
        var text = ""
        for key in codingPath {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                if !text.isEmpty { text += "." }
                text += key.stringValue
            }
        }
        return text
    }

    static func path(_ codingPath: [any CodingKey], appending field: String) -> String {
        let base = path(codingPath)
        return base.isEmpty ? field : base + "." + field
    }
}
