/// An EVSE's status (OCPI Status).
public enum EVSEStatus: String, Codable, Sendable, CaseIterable {
    case available = "AVAILABLE"
    case blocked = "BLOCKED"
    case charging = "CHARGING"
    case inoperative = "INOPERATIVE"
    case outoforder = "OUTOFORDER"
    case planned = "PLANNED"
    case removed = "REMOVED"
    case reserved = "RESERVED"
    case unknown = "UNKNOWN"
}

/// What an EVSE can do (OCPI Capability).
public enum Capability: String, Codable, Sendable, CaseIterable {
    case chargingProfileCapable = "CHARGING_PROFILE_CAPABLE"
    case chargingPreferencesCapable = "CHARGING_PREFERENCES_CAPABLE"
    case chipCardSupport = "CHIP_CARD_SUPPORT"
    case contactlessCardSupport = "CONTACTLESS_CARD_SUPPORT"
    case creditCardPayable = "CREDIT_CARD_PAYABLE"
    case debitCardPayable = "DEBIT_CARD_PAYABLE"
    case pedTerminal = "PED_TERMINAL"
    case remoteStartStopCapable = "REMOTE_START_STOP_CAPABLE"
    case reservable = "RESERVABLE"
    case rfidReader = "RFID_READER"
    case startSessionConnectorRequired = "START_SESSION_CONNECTOR_REQUIRED"
    case tokenGroupCapable = "TOKEN_GROUP_CAPABLE"
    case unlockCapable = "UNLOCK_CAPABLE"
}

/// Who may park at an EVSE (OCPI ParkingRestriction).
public enum ParkingRestriction: String, Codable, Sendable, CaseIterable {
    case evOnly = "EV_ONLY"
    case plugged = "PLUGGED"
    case disabled = "DISABLED"
    case customers = "CUSTOMERS"
    case motorcycles = "MOTORCYCLES"
}
