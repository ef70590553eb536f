public import Foundation

/// A document that is not valid OCPI JSON, naming the field that is wrong ("elements[0].price_components[1].price").
public struct OCPIJSONError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field's path; empty for the document as a whole.
    public let field: String
    public let message: String

    public init(field: String, message: String) {
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? message : "\(field): \(message)" }

    init(_ error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(field: Self.path(context.codingPath + [key]), message: "required field is missing")
        case .valueNotFound(let type, let context):
            self.init(field: Self.path(context.codingPath), message: "must not be null (expected \(Self.name(type)))")
        case .typeMismatch(let type, let context):
            self.init(field: Self.path(context.codingPath), message: "expected \(Self.name(type))")
        case .dataCorrupted(let context):
            let underlying = (context.underlyingError as NSError?)?.userInfo[NSDebugDescriptionErrorKey] as? String
            let message = context.codingPath.isEmpty ? "not valid JSON" + (underlying.map { " (\($0))" } ?? "") : context.debugDescription
            self.init(field: Self.path(context.codingPath), message: message)
        @unknown default:
            self.init(field: "", message: "\(error)")
        }
    }

    static func path(_ keys: [any CodingKey]) -> String {
        var text = ""
        for key in keys {
            if let index = key.intValue {
                text += "[\(index)]"
            } else {
                text += (text.isEmpty ? "" : ".") + key.stringValue
            }
        }
        return text
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

/// Strict decoding of OCPI documents: Codable's checks, then the rules OCPI adds.
public enum OCPIJSON {
    /// Decodes and validates an OCPI 2.2.1 Tariff.
    public static func decodeTariff(_ data: Data) throws(OCPIJSONError) -> Tariff {
        let tariff = try decode(Tariff.self, data)
        try TariffValidation.validate(tariff)
        return tariff
    }

    /// Encodes a tariff as OCPI JSON (sorted keys, absent fields left out).
    public static func encode(_ tariff: Tariff) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(tariff)
    }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws(OCPIJSONError) -> T {
        do {
            return try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            throw OCPIJSONError(error)
        } catch {
            throw OCPIJSONError(field: "", message: "not valid JSON")
        }
    }
}
