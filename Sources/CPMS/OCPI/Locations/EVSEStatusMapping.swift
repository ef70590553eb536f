public import OCPI

/// An EVSE's OCPI status from its connectors' OCPP 2.0.1 statuses.
///
/// Per connector: Available -> AVAILABLE; Occupied -> CHARGING while a transaction is open at the EVSE, else BLOCKED
/// (a car or cable is there without charging); Reserved -> RESERVED; Unavailable -> INOPERATIVE; Faulted ->
/// OUTOFORDER; anything else -> UNKNOWN. The EVSE takes the first of CHARGING, BLOCKED, RESERVED, AVAILABLE,
/// INOPERATIVE, OUTOFORDER that one of its connectors has (one connector in use makes the EVSE in use; one that
/// works makes it available). A station that is not connected, or has said nothing of the EVSE, is UNKNOWN.
public enum EVSEStatusMapping {
    public static func connectorStatus(_ ocpp: String, inTransaction: Bool) -> EVSEStatus {
        switch ocpp {
        case "Available": .available
        case "Occupied": inTransaction ? .charging : .blocked
        case "Reserved": .reserved
        case "Unavailable": .inoperative
        case "Faulted": .outoforder
        default: .unknown
        }
    }

    public static func evseStatus(connectorStatuses: [String], inTransaction: Bool, stationConnected: Bool) -> EVSEStatus {
        guard stationConnected else { return .unknown }
        let statuses = Set(connectorStatuses.map { connectorStatus($0, inTransaction: inTransaction) })
        return precedence.first(where: statuses.contains) ?? .unknown
    }

    private static let precedence: [EVSEStatus] = [.charging, .blocked, .reserved, .available, .inoperative, .outoforder]
}
