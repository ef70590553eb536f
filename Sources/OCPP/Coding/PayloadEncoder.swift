import Foundation

/// Encodes payload types into JSON values, checking every `ConstrainedPayload` rule on the way.
///
/// Dates become UTC `Z` strings, optionals that are nil are left out, and a non-finite number or a broken
/// rule throws instead of producing a payload the peer would reject.
public struct PayloadEncoder: Sendable {
    public init() {}

    /// The JSON value of `value`; throws the first rule it breaks.
    public func encode<T: Encodable>(_ value: T) throws(PayloadViolation) -> JSONValue {
        do {
            return try ValueEncoder.encode(value, at: [])
        } catch let violation as PayloadViolation {
            throw violation
        } catch {
            throw PayloadViolation(.invalidValue, at: "", "\(error)")
        }
    }
}

/// A node of the value being encoded; containers write into it by reference.
final class EncodedNode {
    enum Content {
        case empty
        case single(JSONValue)
        case object([String: EncodedNode])
        case array([EncodedNode])
    }

    var content = Content.empty

    init() {}

    init(_ value: JSONValue) {
        content = .single(value)
    }

    var value: JSONValue {
        switch content {
        case .empty: .object([:])
        case .single(let value): value
        case .object(let members): .object(members.mapValues(\.value))
        case .array(let elements): .array(elements.map(\.value))
        }
    }

    func set(_ value: JSONValue, forKey key: String) {
        set(EncodedNode(value), forKey: key)
    }

    func set(_ child: EncodedNode, forKey key: String) {
        var members: [String: EncodedNode] = [:]
        if case .object(let existing) = content { members = existing }
        members[key] = child
        content = .object(members)
    }

    func append(_ value: JSONValue) {
        append(EncodedNode(value))
    }

    func append(_ child: EncodedNode) {
        var elements: [EncodedNode] = []
        if case .array(let existing) = content { elements = existing }
        elements.append(child)
        content = .array(elements)
    }

    func becomeObject() {
        if case .object = content { return }
        content = .object([:])
    }

    func becomeArray() {
        if case .array = content { return }
        content = .array([])
    }
}

/// The `Encoder` that builds one JSON value.
final class ValueEncoder: Encoder {
    let codingPath: [any CodingKey]
    let node: EncodedNode
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    init(codingPath: [any CodingKey], node: EncodedNode = EncodedNode()) {
        self.codingPath = codingPath
        self.node = node
    }

    /// Encodes one value: JSON values and dates directly, anything else through its `encode(to:)`,
    /// after checking the type's rules.
    static func encode<T: Encodable>(_ value: T, at codingPath: [any CodingKey]) throws -> JSONValue {
        if let raw = value as? JSONValue { return raw }
        if let date = value as? Date { return .string(OCPPDateTime.format(date)) }
        if let constrained = value as? any ConstrainedPayload {
            try constrained.checkRules(at: codingPath)
        }
        let encoder = ValueEncoder(codingPath: codingPath)
        try value.encode(to: encoder)
        return encoder.node.value
    }

    static func scalar(_ value: Bool, at codingPath: [any CodingKey]) throws -> JSONValue { .bool(value) }
    static func scalar(_ value: String, at codingPath: [any CodingKey]) throws -> JSONValue { .string(value) }

    static func scalar(_ value: Double, at codingPath: [any CodingKey]) throws -> JSONValue {
        guard value.isFinite else {
            throw PayloadViolation(.invalidValue, at: PayloadViolation.path(codingPath), "\(value) is not a JSON number")
        }
        return .number(value)
    }

    static func scalar(_ value: Float, at codingPath: [any CodingKey]) throws -> JSONValue {
        try scalar(Double(value), at: codingPath)
    }

    static func scalar<Integer: FixedWidthInteger>(_ value: Integer, at codingPath: [any CodingKey]) throws -> JSONValue {
        if let integer = Int(exactly: value) { return .integer(integer) }
        return .number(Double(value))
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        node.becomeObject()
        return KeyedEncodingContainer(KeyedValueEncodingContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        node.becomeArray()
        return UnkeyedValueEncodingContainer(node: node, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueEncodingContainerImpl(encoder: self)
    }
}

/// Writes the properties of one JSON object.
private struct KeyedValueEncodingContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { node.set(.null, forKey: key.stringValue) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: String, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: Double, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: Float, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: Int, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { node.set(try ValueEncoder.scalar(value, at: codingPath + [key]), forKey: key.stringValue) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(try ValueEncoder.encode(value, at: codingPath + [key]), forKey: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = EncodedNode()
        child.becomeObject()
        node.set(child, forKey: key.stringValue)
        return KeyedEncodingContainer(KeyedValueEncodingContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let child = EncodedNode()
        child.becomeArray()
        node.set(child, forKey: key.stringValue)
        return UnkeyedValueEncodingContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        superEncoder(forKey: AnyCodingKey("super"))
    }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        superEncoder(forKey: AnyCodingKey(key.stringValue))
    }

    private func superEncoder(forKey key: AnyCodingKey) -> any Encoder {
        let child = EncodedNode()
        node.set(child, forKey: key.stringValue)
        return ValueEncoder(codingPath: codingPath + [key], node: child)
    }
}

/// Appends the elements of one JSON array.
private struct UnkeyedValueEncodingContainer: UnkeyedEncodingContainer {
    let node: EncodedNode
    let codingPath: [any CodingKey]

    var count: Int {
        if case .array(let elements) = node.content { return elements.count }
        return 0
    }

    private var nextKey: AnyCodingKey { AnyCodingKey(index: count) }

    mutating func encodeNil() throws { node.append(.null) }
    mutating func encode(_ value: Bool) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: String) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: Double) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: Float) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: Int) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: Int8) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: Int16) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: Int32) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: Int64) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: UInt) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: UInt8) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: UInt16) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: UInt32) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }
    mutating func encode(_ value: UInt64) throws { node.append(try ValueEncoder.scalar(value, at: codingPath + [nextKey])) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        node.append(try ValueEncoder.encode(value, at: codingPath + [nextKey]))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey>
    {
        let key = nextKey
        let child = EncodedNode()
        child.becomeObject()
        node.append(child)
        return KeyedEncodingContainer(KeyedValueEncodingContainer<NestedKey>(node: child, codingPath: codingPath + [key]))
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let key = nextKey
        let child = EncodedNode()
        child.becomeArray()
        node.append(child)
        return UnkeyedValueEncodingContainer(node: child, codingPath: codingPath + [key])
    }

    mutating func superEncoder() -> any Encoder {
        let key = nextKey
        let child = EncodedNode()
        node.append(child)
        return ValueEncoder(codingPath: codingPath + [key], node: child)
    }
}

/// Writes one scalar (or one nested value) as the whole value.
private struct SingleValueEncodingContainerImpl: SingleValueEncodingContainer {
    let encoder: ValueEncoder
    var codingPath: [any CodingKey] { encoder.codingPath }

    mutating func encodeNil() throws { encoder.node.content = .single(.null) }
    mutating func encode(_ value: Bool) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: String) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: Double) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: Float) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: Int) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: Int8) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: Int16) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: Int32) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: Int64) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: UInt) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: UInt8) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: UInt16) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: UInt32) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }
    mutating func encode(_ value: UInt64) throws { encoder.node.content = .single(try ValueEncoder.scalar(value, at: codingPath)) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.node.content = .single(try ValueEncoder.encode(value, at: codingPath))
    }
}
