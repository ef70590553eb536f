extension OCPP16 {
    /// What a charging profile limits: the whole charge point, a default for transactions, or one transaction.
    public enum ChargingProfilePurpose: String, Codable, Sendable, Hashable, CaseIterable {
        case chargePointMaxProfile = "ChargePointMaxProfile"
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
        case amperes = "A"
        case watts = "W"
    }
}
