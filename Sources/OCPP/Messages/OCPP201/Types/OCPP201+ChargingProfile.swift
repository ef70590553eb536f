public import Foundation

extension OCPP201 {
    /// Limits on charging over time, with its purpose and stack level.
    public struct ChargingProfile: Codable, Sendable, Hashable {
        public var id: Int
        /// Higher levels take precedence within one purpose.
        public var stackLevel: Int
        public var chargingProfilePurpose: ChargingProfilePurpose
        public var chargingProfileKind: ChargingProfileKind
        public var recurrencyKind: RecurrencyKind?
        public var validFrom: Date?
        public var validTo: Date?
        /// One schedule, or up to three for ISO 15118 negotiation.
        public var chargingSchedules: [ChargingSchedule]
        /// Only for a `TxProfile`.
        public var transactionId: String?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            id: Int,
            stackLevel: Int,
            chargingProfilePurpose: ChargingProfilePurpose,
            chargingProfileKind: ChargingProfileKind,
            recurrencyKind: RecurrencyKind? = nil,
            validFrom: Date? = nil,
            validTo: Date? = nil,
            chargingSchedules: [ChargingSchedule],
            transactionId: String? = nil,
            customData: CustomData? = nil
        ) {
            self.id = id
            self.stackLevel = stackLevel
            self.chargingProfilePurpose = chargingProfilePurpose
            self.chargingProfileKind = chargingProfileKind
            self.recurrencyKind = recurrencyKind
            self.validFrom = validFrom
            self.validTo = validTo
            self.chargingSchedules = chargingSchedules
            self.transactionId = transactionId
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case id
            case stackLevel
            case chargingProfilePurpose
            case chargingProfileKind
            case recurrencyKind
            case validFrom
            case validTo
            case chargingSchedules = "chargingSchedule"
            case transactionId
            case customData
        }
    }

    /// A list of limit periods in amperes or watts, with an optional tariff.
    public struct ChargingSchedule: Codable, Sendable, Hashable {
        public var id: Int
        public var startSchedule: Date?
        /// Seconds; absent means the last period lasts indefinitely.
        public var duration: Int?
        public var chargingRateUnit: ChargingRateUnit
        /// Ordered by `startPeriod`, the first starting at 0.
        public var chargingSchedulePeriods: [ChargingSchedulePeriod]
        /// The lowest rate the EV charges at efficiently, in the unit above.
        public var minChargingRate: Double?
        public var salesTariff: SalesTariff?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            id: Int,
            startSchedule: Date? = nil,
            duration: Int? = nil,
            chargingRateUnit: ChargingRateUnit,
            chargingSchedulePeriods: [ChargingSchedulePeriod],
            minChargingRate: Double? = nil,
            salesTariff: SalesTariff? = nil,
            customData: CustomData? = nil
        ) {
            self.id = id
            self.startSchedule = startSchedule
            self.duration = duration
            self.chargingRateUnit = chargingRateUnit
            self.chargingSchedulePeriods = chargingSchedulePeriods
            self.minChargingRate = minChargingRate
            self.salesTariff = salesTariff
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case id
            case startSchedule
            case duration
            case chargingRateUnit
            case chargingSchedulePeriods = "chargingSchedulePeriod"
            case minChargingRate
            case salesTariff
            case customData
        }
    }

    /// From `startPeriod` seconds after the schedule starts, charge at most `limit`.
    public struct ChargingSchedulePeriod: Codable, Sendable, Hashable {
        /// Seconds from the start of the schedule.
        public var startPeriod: Int
        /// In the schedule's unit (A or W).
        public var limit: Double
        /// Absent means 3.
        public var numberPhases: Int?
        /// The phase (1, 2 or 3) when `numberPhases` is 1.
        public var phaseToUse: Int?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            startPeriod: Int,
            limit: Double,
            numberPhases: Int? = nil,
            phaseToUse: Int? = nil,
            customData: CustomData? = nil
        ) {
            self.startPeriod = startPeriod
            self.limit = limit
            self.numberPhases = numberPhases
            self.phaseToUse = phaseToUse
            self.customData = customData
        }
    }
}

extension OCPP201.ChargingProfile: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("chargingSchedule", minimum: 1, maximum: 3) { $0.chargingSchedules.count },
        .maxLength("transactionId", 36) { $0.transactionId },
    ]
}

extension OCPP201.ChargingSchedule: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("chargingSchedulePeriod", minimum: 1, maximum: 1024) { $0.chargingSchedulePeriods.count },
    ]
}
