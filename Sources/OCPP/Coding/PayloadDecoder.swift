import Foundation

/// Decodes payload types from JSON values and classifies every mismatch as an OCPP fault.
///
/// Stricter than `JSONDecoder` in the ways the schemas are: `null` is never an absent optional, a property
/// the type does not read is an unknown property (the schemas say `additionalProperties: false`),
/// `1.0` is an integer only in 2.0.1 (JSON Schema draft 6) and not in 1.6 (draft 4), and the
/// `ConstrainedPayload` rules are checked on every decoded value.
public struct PayloadDecoder: Sendable {
    public var version: OCPPVersion
    /// Whether a property the type does not define is a violation (the schemas' rule) or is ignored.
    public var rejectsUnknownProperties: Bool
    /// Whether types with a reader of their own (`DirectlyReadable`) are read with it first; off only to
    /// compare it with the Codable path.
    var readsDirectly = true

    public init(version: OCPPVersion, rejectsUnknownProperties: Bool = true) {
        self.version = version
        self.rejectsUnknownProperties = rejectsUnknownProperties
    }

    /// Decodes `type` from a payload, which must be a JSON object.
    public func decode<T: Decodable>(_ type: T.Type, from payload: JSONValue) throws(PayloadViolation) -> T {
        guard case .object = payload else {
            throw PayloadViolation(.payloadSyntax, at: "", "the payload is a JSON \(payload.typeName), not an object")
        }
        let options = ValueDecoder.Options(
            integralNumbersAreIntegers: version == .v201, rejectsUnknownProperties: rejectsUnknownProperties)
        if readsDirectly, let readable = T.self as? any DirectlyReadable.Type,
            let value = try? readable.read(payload, DirectReader(options: options)) as? T
        {
            return value
        }
        do {
            return try ValueDecoder.decode(T.self, from: payload, parent: nil, key: nil, options: options)
        } catch let violation as PayloadViolation {
            throw violation
        } catch let error as DecodingError {
            throw PayloadViolation(decodingError: error)
        } catch {
            throw PayloadViolation(.invalidValue, at: "", "\(error)")
        }
    }
}

extension PayloadViolation {
    /// The violation a `DecodingError` thrown by a type's own `init(from:)` stands for.
    init(decodingError error: DecodingError) {
        switch error {
        case .keyNotFound(let key, let context):
            self.init(.occurrence, at: Self.path(context.codingPath + [key]), "required property is missing")
        case .typeMismatch(_, let context), .valueNotFound(_, let context):
            self.init(.wrongType, at: Self.path(context.codingPath), context.debugDescription)
        case .dataCorrupted(let context):
            self.init(.invalidValue, at: Self.path(context.codingPath), context.debugDescription)
        @unknown default:
            self.init(.invalidValue, at: "", "\(error)")
        }
    }
}

/// The `Decoder` over one JSON value.
///
/// A decoder knows its parent and its key rather than its whole coding path: the path is put together only
/// when something needs it (a violation to report), not for every value decoded.
final class ValueDecoder: Decoder {
    struct Options {
        var integralNumbersAreIntegers: Bool
        var rejectsUnknownProperties: Bool
    }

    let value: JSONValue
    let parent: ValueDecoder?
    /// This value's key in its parent (nil for the payload itself, and for a value decoded in place).
    let key: (any CodingKey)?
    let options: Options
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    /// Object keys present in the value that the type read (or asked about).
    var usedKeys: [String] = []
    /// Whether the type enumerated all keys (then none is unknown).
    var readAllKeys = false

    init(value: JSONValue, parent: ValueDecoder?, key: (any CodingKey)?, options: Options) {
        self.value = value
        self.parent = parent
        self.key = key
        self.options = options
    }

    var codingPath: [any CodingKey] {
        var path = parent?.codingPath ?? []
        if let key { path.append(key) }
        return path
    }

    /// Decodes one value found under `key` of `parent`: JSON values, strings and dates directly, anything else
    /// through its `init(from:)`, followed by the unknown-property check and the type's rules.
    static func decode<T: Decodable>(
        _ type: T.Type, from value: JSONValue, parent: ValueDecoder?, key: (any CodingKey)?, options: Options
    ) throws -> T {
        if T.self == JSONValue.self { return unsafeBitCast(value, to: T.self) }
        if T.self == String.self {
            guard case .string(let text) = value else {
                throw PayloadViolation(
                    .wrongType, at: path(parent, key), "expected string, found \(value.typeName)")
            }
            return unsafeBitCast(text, to: T.self)
        }
        if T.self == Date.self {
            guard case .string(let text) = value else {
                throw PayloadViolation(
                    .wrongType, at: path(parent, key), "expected a date-time string, found \(value.typeName)")
            }
            guard let date = OCPPDateTime.parse(text) else {
                throw PayloadViolation(.invalidValue, at: path(parent, key), "not an RFC 3339 date-time: \"\(text)\"")
            }
            return unsafeBitCast(date, to: T.self)
        }
        let decoder = ValueDecoder(value: value, parent: parent, key: key, options: options)
        let decoded: T
        do {
            decoded = try T(from: decoder)
        } catch DecodingError.dataCorrupted(let context) {
            // A string that is not one of an enumeration's values: say which values are.
            if case .string(let text) = value, let enumeration = T.self as? any (CaseIterable & RawRepresentable).Type {
                let allowed = rawValues(of: enumeration).joined(separator: ", ")
                throw PayloadViolation(.invalidValue, at: path(parent, key), "\"\(text)\" is not one of \(allowed)")
            }
            throw DecodingError.dataCorrupted(context)
        }
        if options.rejectsUnknownProperties, case .object(let members) = value, !decoder.readAllKeys,
            members.count > decoder.usedKeys.count || members.keys.contains(where: { !decoder.usedKeys.contains($0) })
        {
            let unknown = members.keys.filter { !decoder.usedKeys.contains($0) }.min() ?? ""
            throw PayloadViolation(
                .unknownProperty, at: PayloadViolation.path(decoder.codingPath, appending: unknown),
                "property not defined by the schema")
        }
        if let constrained = decoded as? any ConstrainedPayload {
            try constrained.checkRules(at: decoder.codingPath)
        }
        return decoded
    }

    /// The dotted path of the value under `key` of `parent`.
    static func path(_ parent: ValueDecoder?, _ key: (any CodingKey)?) -> String {
        var codingPath = parent?.codingPath ?? []
        if let key { codingPath.append(key) }
        return PayloadViolation.path(codingPath)
    }

    private static func rawValues<Enumeration: CaseIterable & RawRepresentable>(of type: Enumeration.Type) -> [String] {
        type.allCases.map { "\($0.rawValue)" }
    }

    func wrongType(_ expected: String) -> PayloadViolation {
        PayloadViolation(.wrongType, at: PayloadViolation.path(codingPath), "expected \(expected), found \(value.typeName)")
    }

    /// Records that the type read a key the object has.
    func noteUsed(_ name: String) {
        if !usedKeys.contains(name) { usedKeys.append(name) }
    }

    /// An integer of the value, or nil when it is not one (2.0.1 also takes `1.0`).
    static func integer<Integer: FixedWidthInteger>(_ value: JSONValue, _ type: Integer.Type, options: Options) -> Integer? {
        switch value {
        case .integer(let integer): Integer(exactly: integer)
        case .number(let number) where options.integralNumbersAreIntegers: Integer(exactly: number)
        default: nil
        }
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        guard case .object(let members) = value else { throw wrongType("object") }
        return KeyedDecodingContainer(KeyedValueDecodingContainer<Key>(decoder: self, members: members))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        guard case .array(let elements) = value else { throw wrongType("array") }
        return UnkeyedValueDecodingContainer(decoder: self, elements: elements)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValueDecodingContainerImpl(decoder: self)
    }
}

/// Reads scalars out of one JSON value.
private struct SingleValueDecodingContainerImpl: SingleValueDecodingContainer {
    let decoder: ValueDecoder
    var codingPath: [any CodingKey] { decoder.codingPath }

    func decodeNil() -> Bool { decoder.value == .null }

    func decode(_ type: Bool.Type) throws -> Bool {
        guard case .bool(let flag) = decoder.value else { throw decoder.wrongType("boolean") }
        return flag
    }

    func decode(_ type: String.Type) throws -> String {
        guard case .string(let text) = decoder.value else { throw decoder.wrongType("string") }
        return text
    }

    func decode(_ type: Double.Type) throws -> Double {
        switch decoder.value {
        case .integer(let integer): return Double(integer)
        case .number(let number): return number
        default: throw decoder.wrongType("number")
        }
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func decodeInteger<Integer: FixedWidthInteger>(_ type: Integer.Type) throws -> Integer {
        guard let converted = ValueDecoder.integer(decoder.value, type, options: decoder.options) else {
            throw decoder.wrongType("integer")
        }
        return converted
    }

    func decode(_ type: Int.Type) throws -> Int { try decodeInteger(type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decodeInteger(type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decodeInteger(type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decodeInteger(type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decodeInteger(type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decodeInteger(type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeInteger(type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeInteger(type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeInteger(type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeInteger(type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        try ValueDecoder.decode(
            type, from: decoder.value, parent: decoder.parent, key: decoder.key, options: decoder.options)
    }
}
