/// An EVSE's identity, as cpms and OCPI name it (e.g. an EVSE uid).
public struct EVSEID: StringIdentifier, Comparable {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A station's identity (its OCPP identity in cpms).
public struct StationID: StringIdentifier, Comparable {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// A calendar entry's identity (booking or maintenance block), chosen by the caller so it can be a row's key.
public struct EntryID: StringIdentifier, Comparable {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// An eMSP's OCPI party, e.g. `NL*TNM` (country code and party id).
public struct EMSPParty: StringIdentifier {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
}

/// An identity that is a string: created from a literal, printed, ordered and coded as that string.
public protocol StringIdentifier: Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    var rawValue: String { get }
    init(_ rawValue: String)
}

extension StringIdentifier {
    public init(stringLiteral value: String) { self.init(value) }
    public var description: String { rawValue }
    public init(from decoder: any Decoder) throws { self.init(try decoder.singleValueContainer().decode(String.self)) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }
}

extension StringIdentifier where Self: Comparable {
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.rawValue < rhs.rawValue }
}
