/// A socket's status as OCPP reports it.
public enum SocketStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case available = "Available"
    case preparing = "Preparing"
    case charging = "Charging"
    case suspendedEV = "SuspendedEV"
    case suspendedEVSE = "SuspendedEVSE"
    case finishing = "Finishing"
    case reserved = "Reserved"
    case unavailable = "Unavailable"
    case faulted = "Faulted"

    /// Whether a vehicle may draw energy in this status.
    public var mayCharge: Bool {
        self == .charging || self == .suspendedEV || self == .suspendedEVSE
    }
}
