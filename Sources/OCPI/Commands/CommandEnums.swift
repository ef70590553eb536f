/// The commands an eMSP can send a CPO (OCPI CommandType).
public enum CommandType: String, Codable, Sendable, CaseIterable {
    case cancelReservation = "CANCEL_RESERVATION"
    case reserveNow = "RESERVE_NOW"
    case startSession = "START_SESSION"
    case stopSession = "STOP_SESSION"
    case unlockConnector = "UNLOCK_CONNECTOR"
}

/// Whether a CPO accepted a command for delivery (OCPI CommandResponseType).
public enum CommandResponseType: String, Codable, Sendable, CaseIterable {
    case notSupported = "NOT_SUPPORTED"
    case rejected = "REJECTED"
    case accepted = "ACCEPTED"
    case unknownSession = "UNKNOWN_SESSION"
}

/// What a command achieved at the charger (OCPI CommandResultType).
public enum CommandResultType: String, Codable, Sendable, CaseIterable {
    case accepted = "ACCEPTED"
    case canceledReservation = "CANCELED_RESERVATION"
    case evseOccupied = "EVSE_OCCUPIED"
    case evseInoperative = "EVSE_INOPERATIVE"
    case failed = "FAILED"
    case notSupported = "NOT_SUPPORTED"
    case rejected = "REJECTED"
    case timeout = "TIMEOUT"
    case unknownReservation = "UNKNOWN_RESERVATION"
}
