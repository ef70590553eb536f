public import StationCore

/// A connector's standard, in OCPI 2.2.1's words (`IEC_62196_T2`, `IEC_62196_T2_COMBO`, `CHADEMO`...).
public struct ConnectorStandard: Sendable, Hashable, Codable, ExpressibleByStringLiteral, CustomStringConvertible {
    public let rawValue: String
    public init(_ rawValue: String) { self.rawValue = rawValue }
    public init(stringLiteral value: String) { rawValue = value }
    public var description: String { rawValue }
    public init(from decoder: any Decoder) throws { rawValue = try decoder.singleValueContainer().decode(String.self) }
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(rawValue)
    }

    public static let type2: Self = "IEC_62196_T2"
    public static let ccs2: Self = "IEC_62196_T2_COMBO"
    public static let chademo: Self = "CHADEMO"
}

/// OCPI 2.2.1 PowerType.
public enum PowerType: String, Sendable, Hashable, Codable {
    case ac1Phase = "AC_1_PHASE"
    case ac2Phase = "AC_2_PHASE"
    case ac2PhaseSplit = "AC_2_PHASE_SPLIT"
    case ac3Phase = "AC_3_PHASE"
    case dc = "DC"
}

/// One connector of an EVSE.
public struct ConnectorDescription: Sendable, Hashable, Codable {
    public var standard: ConnectorStandard
    public var powerType: PowerType
    public var maxPower: Watts

    public init(standard: ConnectorStandard, powerType: PowerType, maxPower: Watts) {
        self.standard = standard
        self.powerType = powerType
        self.maxPower = maxPower
    }
}

/// What the calendar knows of an EVSE: where it is and what it can charge with.
public struct EVSEDescription: Sendable, Hashable, Codable {
    public var id: EVSEID
    public var station: StationID
    /// The EVSE's number at its station, as OCPP's ReserveNow names it.
    public var stationEVSE: Int
    public var connectors: [ConnectorDescription]

    public init(id: EVSEID, station: StationID, stationEVSE: Int, connectors: [ConnectorDescription]) {
        self.id = id
        self.station = station
        self.stationEVSE = stationEVSE
        self.connectors = connectors
    }

    /// Whether one of the connectors meets the requirement.
    public func suits(_ requirement: ConnectorRequirement) -> Bool {
        connectors.contains(where: requirement.isMet(by:))
    }
}

/// What a booking (or a free-slot search) needs from a connector; nil fields accept anything.
public struct ConnectorRequirement: Sendable, Hashable, Codable, CustomStringConvertible {
    public var standard: ConnectorStandard?
    public var powerType: PowerType?
    public var minimumPower: Watts?

    public init(standard: ConnectorStandard? = nil, powerType: PowerType? = nil, minimumPower: Watts? = nil) {
        self.standard = standard
        self.powerType = powerType
        self.minimumPower = minimumPower
    }

    public static let any = ConnectorRequirement()

    public func isMet(by connector: ConnectorDescription) -> Bool {
        (standard == nil || connector.standard == standard)
            && (powerType == nil || connector.powerType == powerType)
            && (minimumPower.map { connector.maxPower >= $0 } ?? true)
    }

    public var description: String {
        var parts: [String] = []
        if let standard { parts.append("connector \(standard)") }
        if let powerType { parts.append(powerType.rawValue) }
        if let minimumPower { parts.append("at least \(minimumPower)") }
        return parts.isEmpty ? "any connector" : parts.joined(separator: ", ")
    }
}
