public import Scheduling
public import StationCore

/// One connector of an EVSE as the CPO describes it, in OCPI 2.2.1's words (the OCPI Location's `Connector`).
///
/// What the calendar needs of it: the standard, the power type and the maximum power; `format`, voltage and
/// amperage are kept for publishing the EVSE as an OCPI Location later.
public struct EVSEConnector: Sendable, Hashable {
    public var station: String
    /// The EVSE's number at its station (OCPP's `evseId`).
    public var evse: Int
    /// The connector's number on its EVSE (OCPP's `connectorId`, OCPI's Connector `id`).
    public var connector: Int
    public var standard: ConnectorStandard
    public var format: ConnectorFormat
    public var powerType: PowerType
    public var maxVoltage: Int?
    public var maxAmperage: Int?
    /// Watts.
    public var maxElectricPower: Int

    /// Checks what OCPI requires of each field; the error names the field (snake_case, as the API spells it).
    public init(
        station: String, evse: Int, connector: Int, standard: String, format: String = ConnectorFormat.socket.rawValue,
        powerType: String, maxVoltage: Int? = nil, maxAmperage: Int? = nil, maxElectricPower: Int
    ) throws(EVSEDescriptionError) {
        guard StationIdentity.isValid(station) else { throw .field("station", "not a valid station id") }
        guard (1...1_000).contains(evse) else { throw .field("evse", "must be 1...1000") }
        guard (1...100).contains(connector) else { throw .field("connector", "must be 1...100") }
        guard Self.standards.contains(standard) else {
            throw .field("standard", "not an OCPI 2.2.1 ConnectorType: \"\(standard)\" (e.g. IEC_62196_T2, IEC_62196_T2_COMBO, CHADEMO)")
        }
        guard let format = ConnectorFormat(rawValue: format) else { throw .field("format", "must be SOCKET or CABLE, got \"\(format)\"") }
        guard let powerType = PowerType(rawValue: powerType) else {
            throw .field("power_type", "must be AC_1_PHASE, AC_2_PHASE, AC_2_PHASE_SPLIT, AC_3_PHASE or DC, got \"\(powerType)\"")
        }
        if let maxVoltage, !(1...2_000).contains(maxVoltage) { throw .field("max_voltage", "must be 1...2000 V") }
        if let maxAmperage, !(1...1_000).contains(maxAmperage) { throw .field("max_amperage", "must be 1...1000 A") }
        guard (1...2_000_000).contains(maxElectricPower) else { throw .field("max_electric_power", "must be 1...2000000 W") }
        self.station = station
        self.evse = evse
        self.connector = connector
        self.standard = ConnectorStandard(standard)
        self.format = format
        self.powerType = powerType
        self.maxVoltage = maxVoltage
        self.maxAmperage = maxAmperage
        self.maxElectricPower = maxElectricPower
    }

    /// The calendar's view of it.
    public var calendarConnector: ConnectorDescription {
        ConnectorDescription(standard: standard, powerType: powerType, maxPower: Watts(Double(maxElectricPower)))
    }

    /// OCPI 2.2.1 ConnectorType values.
    public static let standards: Set<String> = [
        "CHADEMO", "CHAOJI", "DOMESTIC_A", "DOMESTIC_B", "DOMESTIC_C", "DOMESTIC_D", "DOMESTIC_E", "DOMESTIC_F",
        "DOMESTIC_G", "DOMESTIC_H", "DOMESTIC_I", "DOMESTIC_J", "DOMESTIC_K", "DOMESTIC_L", "DOMESTIC_M", "DOMESTIC_N",
        "DOMESTIC_O", "GBT_AC", "GBT_DC", "IEC_60309_2_single_16", "IEC_60309_2_three_16", "IEC_60309_2_three_32",
        "IEC_60309_2_three_64", "IEC_62196_T1", "IEC_62196_T1_COMBO", "IEC_62196_T2", "IEC_62196_T2_COMBO", "IEC_62196_T3A",
        "IEC_62196_T3C", "NEMA_5_20", "NEMA_6_30", "NEMA_6_50", "NEMA_10_30", "NEMA_10_50", "NEMA_14_30", "NEMA_14_50",
        "PANTOGRAPH_BOTTOM_UP", "PANTOGRAPH_TOP_DOWN", "TESLA_R", "TESLA_S",
    ]
}

/// OCPI 2.2.1 ConnectorFormat.
public enum ConnectorFormat: String, Sendable, Hashable {
    case socket = "SOCKET"
    case cable = "CABLE"
}

/// A connector description cpms cannot take; `field` is the field's name as the API spells it.
public enum EVSEDescriptionError: Error, Equatable, Sendable, CustomStringConvertible {
    case field(String, String)

    public var description: String {
        switch self {
        case .field(let field, let problem): "\(field): \(problem)"
        }
    }
}

/// The calendar's EVSE identity for a station's EVSE: `STATION/EVSE` (a station id never contains `/`).
public enum CalendarEVSE {
    public static func id(station: String, evse: Int) -> EVSEID { EVSEID("\(station)/\(evse)") }

    /// The calendar's descriptions of the EVSEs these connectors belong to.
    public static func descriptions(_ connectors: [EVSEConnector]) -> [EVSEDescription] {
        var byEVSE: [EVSEID: EVSEDescription] = [:]
        for connector in connectors.sorted(by: { ($0.station, $0.evse, $0.connector) < ($1.station, $1.evse, $1.connector) }) {
            let id = id(station: connector.station, evse: connector.evse)
            byEVSE[id, default: EVSEDescription(id: id, station: StationID(connector.station), stationEVSE: connector.evse, connectors: [])]
                .connectors.append(connector.calendarConnector)
        }
        return byEVSE.values.sorted { $0.id < $1.id }
    }
}
