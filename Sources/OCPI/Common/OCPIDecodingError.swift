import Foundation

/// An OCPI document that is refused, naming the field that is wrong ("evses[2].connectors[0].standard").
///
/// Every refusal is OCPI status 2001 (invalid or missing parameters).
public struct OCPIDecodingError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field's path; empty for the document as a whole.
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    /// The OCPI status an answer to this document carries.
    public var statusCode: OCPIStatusCode { .invalidOrMissingParameters }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }

    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(field: FieldPath(context.codingPath + [key]).text, message: "required field is missing")
        case .valueNotFound(let type, let context):
            self.init(field: FieldPath(context.codingPath).text, message: "must not be null (expected \(Self.name(type)))")
        case .typeMismatch(let type, let context):
            self.init(field: FieldPath(context.codingPath).text, message: "expected \(Self.name(type))")
        case .dataCorrupted(let context):
            let field = FieldPath(context.codingPath).text
            self.init(field: field, message: field.isEmpty ? "not valid JSON" : Self.readable(context.debugDescription))
        @unknown default:
            self.init(field: "", message: "not a valid document")
        }
    }

    /// Foundation says "Cannot initialize Status from invalid String value FOO"; OCPI readers want the value.
    private static func readable(_ text: String) -> String {
        guard let range = text.range(of: "from invalid String value ") else { return text }
        return "unknown value \"\(text[range.upperBound...])\""
    }

    private static func name(_ type: Any.Type) -> String {
        switch type {
        case is Decimal.Type, is Double.Type, is Int.Type: "a number"
        case is String.Type: "a string"
        case is Bool.Type: "true or false"
        default:
            if "\(type)".hasPrefix("Array") { "an array" } else if "\(type)".hasPrefix("Dictionary") { "an object" } else { "\(type)" }
        }
    }
}
