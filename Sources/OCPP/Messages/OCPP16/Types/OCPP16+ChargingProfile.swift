public import Foundation

extension OCPP16 {
    /// Limits on charging over time, with its purpose and stack level.
    public struct ChargingProfile: Codable, Sendable, Hashable {
        public var chargingProfileId: Int
        /// Only for a `TxProfile`: the transaction it applies to.
        public var transactionId: Int?
        /// Higher levels take precedence within one purpose.
        public var stackLevel: Int
        public var chargingProfilePurpose: ChargingProfilePurpose
        public var chargingProfileKind: ChargingProfileKind
        public var recurrencyKind: RecurrencyKind?
        public var validFrom: Date?
        public var validTo: Date?
        public var chargingSchedule: ChargingSchedule

        public init(
            chargingProfileId: Int,
            transactionId: Int? = nil,
            stackLevel: Int,
            chargingProfilePurpose: ChargingProfilePurpose,
            chargingProfileKind: ChargingProfileKind,
            recurrencyKind: RecurrencyKind? = nil,
            validFrom: Date? = nil,
            validTo: Date? = nil,
            chargingSchedule: ChargingSchedule
        ) {
            self.chargingProfileId = chargingProfileId
            self.transactionId = transactionId
            self.stackLevel = stackLevel
            self.chargingProfilePurpose = chargingProfilePurpose
            self.chargingProfileKind = chargingProfileKind
            self.recurrencyKind = recurrencyKind
            self.validFrom = validFrom
            self.validTo = validTo
            self.chargingSchedule = chargingSchedule
        }
    }

    /// A list of limit periods in amperes or watts.
    public struct ChargingSchedule: Codable, Sendable, Hashable {
        /// Seconds; absent means the last period lasts indefinitely.
        public var duration: Int?
        /// For `Absolute` and `Recurring` profiles.
        public var startSchedule: Date?
        public var chargingRateUnit: ChargingRateUnit
        /// Ordered by `startPeriod`, the first starting at 0.
        public var chargingSchedulePeriods: [ChargingSchedulePeriod]
        /// The lowest rate the EV charges at efficiently, in the unit above.
        public var minChargingRate: Double?

        public init(
            duration: Int? = nil,
            startSchedule: Date? = nil,
            chargingRateUnit: ChargingRateUnit,
            chargingSchedulePeriods: [ChargingSchedulePeriod],
            minChargingRate: Double? = nil
        ) {
            self.duration = duration
            self.startSchedule = startSchedule
            self.chargingRateUnit = chargingRateUnit
            self.chargingSchedulePeriods = chargingSchedulePeriods
            self.minChargingRate = minChargingRate
        }

        enum CodingKeys: String, CodingKey {
            case duration
            case startSchedule
            case chargingRateUnit
            case chargingSchedulePeriods = "chargingSchedulePeriod"
            case minChargingRate
        }

        /// Writes multiples of the schema's step without binary rounding noise (13.3, not 13.299999999999999).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encodeIfPresent(duration, forKey: .duration)
            try container.encodeIfPresent(startSchedule, forKey: .startSchedule)
            try container.encode(chargingRateUnit, forKey: .chargingRateUnit)
            try container.encode(chargingSchedulePeriods, forKey: .chargingSchedulePeriods)
            try container.encodeIfPresent(minChargingRate.map { ($0 * 10).rounded() / 10 }, forKey: .minChargingRate)
        }
    }

    /// From `startPeriod` seconds after the schedule starts, charge at most `limit`.
    public struct ChargingSchedulePeriod: Codable, Sendable, Hashable {
        /// Seconds from the start of the schedule.
        public var startPeriod: Int
        /// In the schedule's unit (A or W), a multiple of 0.1.
        public var limit: Double
        /// Absent means 3.
        public var numberPhases: Int?

        public init(startPeriod: Int, limit: Double, numberPhases: Int? = nil) {
            self.startPeriod = startPeriod
            self.limit = limit
            self.numberPhases = numberPhases
        }

        enum CodingKeys: String, CodingKey {
            case startPeriod
            case limit
            case numberPhases
        }

        /// Writes multiples of the schema's step without binary rounding noise (13.3, not 13.299999999999999).
        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(startPeriod, forKey: .startPeriod)
            try container.encode((limit * 10).rounded() / 10, forKey: .limit)
            try container.encodeIfPresent(numberPhases, forKey: .numberPhases)
        }
    }
}

extension OCPP16.ChargingSchedule: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .multipleOf("minChargingRate", 0.1) { $0.minChargingRate },
    ]
}

extension OCPP16.ChargingSchedulePeriod: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .multipleOf("limit", 0.1) { $0.limit },
    ]
}
