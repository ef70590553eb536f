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

    private func put(_ value: some JSONScalar, _ key: Key) throws {
        node.set(try value.jsonValue(at: codingPath + [key]), forKey: key.stringValue)
    }

    mutating func encodeNil(forKey key: Key) throws { node.set(.null, forKey: key.stringValue) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Float, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { try put(value, key) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { try put(value, key) }

    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        node.set(try ValueEncoder.encode(value, at: codingPath + [key]), forKey: key.stringValue)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type, forKey key: Key)
        -> KeyedEncodingContainer<NestedKey>
    {
        let child = EncodedNode()
        child.becomeObject()
        node.set(child, forKey: key.stringValue)
        let container = KeyedValueEncodingContainer<NestedKey>(node: child, codingPath: codingPath + [key])
        return KeyedEncodingContainer(container)
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

    private func put(_ value: some JSONScalar) throws {
        node.append(try value.jsonValue(at: codingPath + [nextKey]))
    }

    mutating func encodeNil() throws { node.append(.null) }
    mutating func encode(_ value: Bool) throws { try put(value) }
    mutating func encode(_ value: String) throws { try put(value) }
    mutating func encode(_ value: Double) throws { try put(value) }
    mutating func encode(_ value: Float) throws { try put(value) }
    mutating func encode(_ value: Int) throws { try put(value) }
    mutating func encode(_ value: Int8) throws { try put(value) }
    mutating func encode(_ value: Int16) throws { try put(value) }
    mutating func encode(_ value: Int32) throws { try put(value) }
    mutating func encode(_ value: Int64) throws { try put(value) }
    mutating func encode(_ value: UInt) throws { try put(value) }
    mutating func encode(_ value: UInt8) throws { try put(value) }
    mutating func encode(_ value: UInt16) throws { try put(value) }
    mutating func encode(_ value: UInt32) throws { try put(value) }
    mutating func encode(_ value: UInt64) throws { try put(value) }

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
        let container = KeyedValueEncodingContainer<NestedKey>(node: child, codingPath: codingPath + [key])
        return KeyedEncodingContainer(container)
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

    private func put(_ value: some JSONScalar) throws {
        encoder.node.content = .single(try value.jsonValue(at: codingPath))
    }

    mutating func encodeNil() throws { encoder.node.content = .single(.null) }
    mutating func encode(_ value: Bool) throws { try put(value) }
    mutating func encode(_ value: String) throws { try put(value) }
    mutating func encode(_ value: Double) throws { try put(value) }
    mutating func encode(_ value: Float) throws { try put(value) }
    mutating func encode(_ value: Int) throws { try put(value) }
    mutating func encode(_ value: Int8) throws { try put(value) }
    mutating func encode(_ value: Int16) throws { try put(value) }
    mutating func encode(_ value: Int32) throws { try put(value) }
    mutating func encode(_ value: Int64) throws { try put(value) }
    mutating func encode(_ value: UInt) throws { try put(value) }
    mutating func encode(_ value: UInt8) throws { try put(value) }
    mutating func encode(_ value: UInt16) throws { try put(value) }
    mutating func encode(_ value: UInt32) throws { try put(value) }
    mutating func encode(_ value: UInt64) throws { try put(value) }

    mutating func encode<T: Encodable>(_ value: T) throws {
        encoder.node.content = .single(try ValueEncoder.encode(value, at: codingPath))
    }
}

/// A value the encoder writes as one JSON scalar.
protocol JSONScalar {
    func jsonValue(at codingPath: [any CodingKey]) throws -> JSONValue
}

extension Bool: JSONScalar {
    func jsonValue(at codingPath: [any CodingKey]) -> JSONValue { .bool(self) }
}

extension String: JSONScalar {
    func jsonValue(at codingPath: [any CodingKey]) -> JSONValue { .string(self) }
}

extension Double: JSONScalar {
    /// Throws for infinities and NaN, which JSON cannot carry.
    func jsonValue(at codingPath: [any CodingKey]) throws -> JSONValue {
        guard isFinite else {
            throw PayloadViolation(.invalidValue, at: PayloadViolation.path(codingPath), "\(self) is not a JSON number")
        }
        return .number(self)
    }
}

extension Float: JSONScalar {
    func jsonValue(at codingPath: [any CodingKey]) throws -> JSONValue { try Double(self).jsonValue(at: codingPath) }
}

extension FixedWidthInteger {
    /// An integer, or a number when it does not fit `Int`.
    func jsonValue(at codingPath: [any CodingKey]) -> JSONValue {
        Int(exactly: self).map(JSONValue.integer) ?? .number(Double(self))
    }
}

extension Int: JSONScalar {}
extension Int8: JSONScalar {}
extension Int16: JSONScalar {}
extension Int32: JSONScalar {}
extension Int64: JSONScalar {}
extension UInt: JSONScalar {}
extension UInt8: JSONScalar {}
extension UInt16: JSONScalar {}
extension UInt32: JSONScalar {}
extension UInt64: JSONScalar {}
