import Foundation

/// A payload type with a reader written for it, for the messages a server gets most (MeterValues): it reads
/// a well-formed payload straight from its JSON value, without Codable's generic machinery, which is most
/// of what decoding costs.
///
/// A reader accepts exactly what the Codable path accepts and gives up on anything else, which the Codable
/// path then decodes again to report the violation with its code and path; `DirectReadingTests` hold both
/// paths to the same answers on the schema samples and on broken payloads.
protocol DirectlyReadable {
    static func read(_ payload: JSONValue, _ reader: DirectReader) throws(Unreadable) -> Self
}

/// Given up by a direct reader: the Codable path decodes the payload instead.
struct Unreadable: Error {}

/// The checks of `ValueDecoder` for one value at a time, failing with `Unreadable` rather than a violation.
struct DirectReader {
    let options: ValueDecoder.Options

    /// An object's members, when every key is one of `known` (or unknown properties are let through).
    func object(_ value: JSONValue?, known: [String]) throws(Unreadable) -> [String: JSONValue] {
        guard case .object(let members) = value else { throw Unreadable() }
        if options.rejectsUnknownProperties, members.keys.contains(where: { !known.contains($0) }) {
            throw Unreadable()
        }
        return members
    }

    func integer(_ value: JSONValue?) throws(Unreadable) -> Int {
        guard let value, let integer = ValueDecoder.integer(value, Int.self, options: options) else { throw Unreadable() }
        return integer
    }

    func string(_ value: JSONValue?) throws(Unreadable) -> String {
        guard case .string(let text) = value else { throw Unreadable() }
        return text
    }

    func date(_ value: JSONValue?) throws(Unreadable) -> Date {
        guard case .string(let text) = value, let date = OCPPDateTime.parse(text) else { throw Unreadable() }
        return date
    }

    func enumeration<Value: RawRepresentable<String>>(_ value: JSONValue?, as type: Value.Type) throws(Unreadable) -> Value {
        guard case .string(let text) = value, let member = Value(rawValue: text) else { throw Unreadable() }
        return member
    }

    /// An optional enumeration property: absent is nil, anything but one of its values gives up.
    func optionalEnumeration<Value: RawRepresentable<String>>(_ value: JSONValue?, as type: Value.Type) throws(Unreadable) -> Value? {
        guard let value else { return nil }
        return try enumeration(value, as: type)
    }

    func array<Element>(
        _ value: JSONValue?, _ element: (JSONValue) throws(Unreadable) -> Element
    ) throws(Unreadable) -> [Element] {
        guard case .array(let items) = value else { throw Unreadable() }
        var elements: [Element] = []
        elements.reserveCapacity(items.count)
        for item in items { elements.append(try element(item)) }
        return elements
    }

    /// An optional property: absent is nil, `null` is not (the schemas never allow it), else `read` decides.
    func optional<Value>(_ value: JSONValue?, _ read: (JSONValue?) throws(Unreadable) -> Value) throws(Unreadable) -> Value? {
        guard let value else { return nil }
        return try read(value)
    }

    /// The type's schema rules, as the Codable path checks them.
    func checkRules<Payload: ConstrainedPayload>(_ payload: Payload) throws(Unreadable) {
        for rule in Payload.rules where rule.check(payload) != nil { throw Unreadable() }
    }
}
