extension OCPP201 {
    /// What a charging profile limits.
    public enum ChargingProfilePurpose: String, Codable, Sendable, Hashable, CaseIterable {
        case chargingStationExternalConstraints = "ChargingStationExternalConstraints"
        case chargingStationMaxProfile = "ChargingStationMaxProfile"
        case txDefaultProfile = "TxDefaultProfile"
        case txProfile = "TxProfile"
    }

    /// How a schedule is anchored in time.
    public enum ChargingProfileKind: String, Codable, Sendable, Hashable, CaseIterable {
        case absolute = "Absolute"
        case recurring = "Recurring"
        case relative = "Relative"
    }

    /// How often a recurring schedule repeats.
    public enum RecurrencyKind: String, Codable, Sendable, Hashable, CaseIterable {
        case daily = "Daily"
        case weekly = "Weekly"
    }

    /// The unit of schedule limits.
    public enum ChargingRateUnit: String, Codable, Sendable, Hashable, CaseIterable {
        case watts = "W"
        case amperes = "A"
    }
}
