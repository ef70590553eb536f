/// Reads the properties of one JSON object, recording which keys the type asks for.
struct KeyedValueDecodingContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    let decoder: ValueDecoder
    let members: [String: JSONValue]
    var codingPath: [any CodingKey] { decoder.codingPath }

    var allKeys: [Key] {
        decoder.readAllKeys = true
        return members.keys.compactMap { Key(stringValue: $0) }
    }

    /// The member under `key`, noting that the type read it.
    private func member(_ key: Key) -> JSONValue? {
        let name = key.stringValue
        guard let member = members[name] else { return nil }
        decoder.noteUsed(name)
        return member
    }

    func contains(_ key: Key) -> Bool {
        member(key) != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        guard let member = member(key) else { throw missing(key) }
        return member == .null
    }

    /// A required property.
    func required<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T {
        guard let member = member(key) else { throw missing(key) }
        return try ValueDecoder.decode(type, from: member, parent: decoder, key: key, options: decoder.options)
    }

    /// An optional property: absent is nil, `null` is a type violation (except where any JSON is allowed).
    func optional<T: Decodable>(_ type: T.Type, _ key: Key) throws -> T? {
        guard let member = member(key) else { return nil }
        if member == .null, T.self != JSONValue.self {
            throw PayloadViolation(.wrongType, at: ValueDecoder.path(decoder, key), "null is not allowed")
        }
        return try ValueDecoder.decode(type, from: member, parent: decoder, key: key, options: decoder.options)
    }

    /// A required integer, read in place.
    private func requiredInteger<Integer: FixedWidthInteger>(_ type: Integer.Type, _ key: Key) throws -> Integer {
        guard let member = member(key) else { throw missing(key) }
        guard let integer = ValueDecoder.integer(member, type, options: decoder.options) else {
            throw wrongType("integer", key, member)
        }
        return integer
    }

    /// An optional integer, read in place.
    private func optionalInteger<Integer: FixedWidthInteger>(_ type: Integer.Type, _ key: Key) throws -> Integer? {
        guard let member = member(key) else { return nil }
        guard let integer = ValueDecoder.integer(member, type, options: decoder.options) else {
            throw member == .null
                ? PayloadViolation(.wrongType, at: ValueDecoder.path(decoder, key), "null is not allowed")
                : wrongType("integer", key, member)
        }
        return integer
    }

    private func missing(_ key: Key) -> PayloadViolation {
        PayloadViolation(.occurrence, at: ValueDecoder.path(decoder, key), "required property is missing")
    }

    private func wrongType(_ expected: String, _ key: Key, _ member: JSONValue) -> PayloadViolation {
        PayloadViolation(.wrongType, at: ValueDecoder.path(decoder, key), "expected \(expected), found \(member.typeName)")
    }

    func decode(_ type: Bool.Type, forKey key: Key) throws -> Bool { try required(type, key) }
    func decode(_ type: String.Type, forKey key: Key) throws -> String { try required(type, key) }
    func decode(_ type: Double.Type, forKey key: Key) throws -> Double { try required(type, key) }
    func decode(_ type: Float.Type, forKey key: Key) throws -> Float { try required(type, key) }
    func decode(_ type: Int.Type, forKey key: Key) throws -> Int { try requiredInteger(type, key) }
    func decode(_ type: Int8.Type, forKey key: Key) throws -> Int8 { try requiredInteger(type, key) }
    func decode(_ type: Int16.Type, forKey key: Key) throws -> Int16 { try requiredInteger(type, key) }
    func decode(_ type: Int32.Type, forKey key: Key) throws -> Int32 { try requiredInteger(type, key) }
    func decode(_ type: Int64.Type, forKey key: Key) throws -> Int64 { try requiredInteger(type, key) }
    func decode(_ type: UInt.Type, forKey key: Key) throws -> UInt { try requiredInteger(type, key) }
    func decode(_ type: UInt8.Type, forKey key: Key) throws -> UInt8 { try requiredInteger(type, key) }
    func decode(_ type: UInt16.Type, forKey key: Key) throws -> UInt16 { try requiredInteger(type, key) }
    func decode(_ type: UInt32.Type, forKey key: Key) throws -> UInt32 { try requiredInteger(type, key) }
    func decode(_ type: UInt64.Type, forKey key: Key) throws -> UInt64 { try requiredInteger(type, key) }
    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T { try required(type, key) }

    func decodeIfPresent(_ type: Bool.Type, forKey key: Key) throws -> Bool? { try optional(type, key) }
    func decodeIfPresent(_ type: String.Type, forKey key: Key) throws -> String? { try optional(type, key) }
    func decodeIfPresent(_ type: Double.Type, forKey key: Key) throws -> Double? { try optional(type, key) }
    func decodeIfPresent(_ type: Float.Type, forKey key: Key) throws -> Float? { try optional(type, key) }
    func decodeIfPresent(_ type: Int.Type, forKey key: Key) throws -> Int? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: Int8.Type, forKey key: Key) throws -> Int8? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: Int16.Type, forKey key: Key) throws -> Int16? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: Int32.Type, forKey key: Key) throws -> Int32? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: Int64.Type, forKey key: Key) throws -> Int64? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: UInt.Type, forKey key: Key) throws -> UInt? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: UInt8.Type, forKey key: Key) throws -> UInt8? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: UInt16.Type, forKey key: Key) throws -> UInt16? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: UInt32.Type, forKey key: Key) throws -> UInt32? { try optionalInteger(type, key) }
    func decodeIfPresent(_ type: UInt64.Type, forKey key: Key) throws -> UInt64? { try optionalInteger(type, key) }
    func decodeIfPresent<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T? { try optional(type, key) }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        try childDecoder(forKey: key).container(keyedBy: type)
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        try childDecoder(forKey: key).unkeyedContainer()
    }

    func superDecoder() throws -> any Decoder {
        try childDecoder(forKey: Key(stringValue: "super") ?? Key(intValue: 0))
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        try childDecoder(forKey: key)
    }

    private func childDecoder(forKey key: Key?) throws -> ValueDecoder {
        guard let key else {
            throw PayloadViolation(.invalidValue, at: PayloadViolation.path(codingPath), "no super key")
        }
        guard let member = member(key) else { throw missing(key) }
        return ValueDecoder(value: member, parent: decoder, key: key, options: decoder.options)
    }
}

/// Reads the elements of one JSON array in order.
struct UnkeyedValueDecodingContainer: UnkeyedDecodingContainer {
    let decoder: ValueDecoder
    let elements: [JSONValue]
    private(set) var currentIndex = 0

    init(decoder: ValueDecoder, elements: [JSONValue]) {
        self.decoder = decoder
        self.elements = elements
    }

    var codingPath: [any CodingKey] { decoder.codingPath }
    var count: Int? { elements.count }
    var isAtEnd: Bool { currentIndex >= elements.count }

    mutating func decodeNil() throws -> Bool {
        guard !isAtEnd, elements[currentIndex] == .null else { return false }
        currentIndex += 1
        return true
    }

    mutating func decodeNext<T: Decodable>(_ type: T.Type) throws -> T {
        try requireNext()
        let value = try ValueDecoder.decode(
            type, from: elements[currentIndex], parent: decoder, key: AnyCodingKey(index: currentIndex),
            options: decoder.options)
        currentIndex += 1
        return value
    }

    mutating func decode(_ type: Bool.Type) throws -> Bool { try decodeNext(type) }
    mutating func decode(_ type: String.Type) throws -> String { try decodeNext(type) }
    mutating func decode(_ type: Double.Type) throws -> Double { try decodeNext(type) }
    mutating func decode(_ type: Float.Type) throws -> Float { try decodeNext(type) }
    mutating func decode(_ type: Int.Type) throws -> Int { try decodeNext(type) }
    mutating func decode(_ type: Int8.Type) throws -> Int8 { try decodeNext(type) }
    mutating func decode(_ type: Int16.Type) throws -> Int16 { try decodeNext(type) }
    mutating func decode(_ type: Int32.Type) throws -> Int32 { try decodeNext(type) }
    mutating func decode(_ type: Int64.Type) throws -> Int64 { try decodeNext(type) }
    mutating func decode(_ type: UInt.Type) throws -> UInt { try decodeNext(type) }
    mutating func decode(_ type: UInt8.Type) throws -> UInt8 { try decodeNext(type) }
    mutating func decode(_ type: UInt16.Type) throws -> UInt16 { try decodeNext(type) }
    mutating func decode(_ type: UInt32.Type) throws -> UInt32 { try decodeNext(type) }
    mutating func decode(_ type: UInt64.Type) throws -> UInt64 { try decodeNext(type) }
    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T { try decodeNext(type) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws
        -> KeyedDecodingContainer<NestedKey>
    {
        let container = try nextDecoder().container(keyedBy: type)
        currentIndex += 1
        return container
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        let container = try nextDecoder().unkeyedContainer()
        currentIndex += 1
        return container
    }

    mutating func superDecoder() throws -> any Decoder {
        let child = try nextDecoder()
        currentIndex += 1
        return child
    }

    /// Throws unless an element is left to read.
    private func requireNext() throws {
        guard !isAtEnd else {
            throw PayloadViolation(.occurrence, at: PayloadViolation.path(codingPath), "fewer items than expected")
        }
    }

    private func nextDecoder() throws -> ValueDecoder {
        try requireNext()
        return ValueDecoder(
            value: elements[currentIndex], parent: decoder, key: AnyCodingKey(index: currentIndex), options: decoder.options)
    }
}
