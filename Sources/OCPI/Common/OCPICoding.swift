public import Foundation

/// Strict reading and exact writing of OCPI JSON.
///
/// Reading: Codable's checks (required fields, types, enumeration values) and then each object's OCPI rules, the
/// first failure naming its field. Fields OCPI does not define are ignored, as OCPI asks. Writing: the spec's field
/// names, absent optionals left out, keys sorted.
public enum OCPICoding {
    public static func decode<Value: Decodable & OCPIValidatable>(
        _ type: Value.Type, from data: Data
    ) throws(OCPIDecodingError) -> Value {
        let value: Value
        do {
            value = try JSONDecoder().decode(type, from: data)
        } catch let error as DecodingError {
            let refusal = OCPIDecodingError(error)
            if refusal.field.isEmpty, let located = NumberLocator.locate(type, in: data) { throw located }
            throw refusal
        } catch {
            throw OCPIDecodingError(field: "", message: "not a valid document")
        }
        try value.validate(at: .root)
        return value
    }

    public static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return try encoder.encode(value)
    }
}
