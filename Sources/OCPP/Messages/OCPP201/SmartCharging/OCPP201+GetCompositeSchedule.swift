public import Foundation

extension OCPP201 {
    /// Asks for the schedule that results from all profiles on an EVSE for the next `duration` seconds.
    public struct GetCompositeScheduleRequest: OCPP201.Request {
        public typealias Response = GetCompositeScheduleResponse
        public static let action = "GetCompositeSchedule"

        /// Seconds.
        public var duration: Int
        public var chargingRateUnit: ChargingRateUnit?
        public var evseId: Int
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            duration: Int,
            chargingRateUnit: ChargingRateUnit? = nil,
            evseId: Int,
            customData: CustomData? = nil
        ) {
            self.duration = duration
            self.chargingRateUnit = chargingRateUnit
            self.evseId = evseId
            self.customData = customData
        }
    }

    /// The composite schedule, when the station could compute it.
    public struct GetCompositeScheduleResponse: OCPPPayload {
        public var status: GenericStatus
        public var statusInfo: StatusInfo?
        public var schedule: CompositeSchedule?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            status: GenericStatus,
            statusInfo: StatusInfo? = nil,
            schedule: CompositeSchedule? = nil,
            customData: CustomData? = nil
        ) {
            self.status = status
            self.statusInfo = statusInfo
            self.schedule = schedule
            self.customData = customData
        }
    }

    /// The limits that result from all profiles on an EVSE.
    public struct CompositeSchedule: Codable, Sendable, Hashable {
        public var chargingSchedulePeriods: [ChargingSchedulePeriod]
        public var evseId: Int
        /// Seconds.
        public var duration: Int
        public var scheduleStart: Date
        public var chargingRateUnit: ChargingRateUnit
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            chargingSchedulePeriods: [ChargingSchedulePeriod],
            evseId: Int,
            duration: Int,
            scheduleStart: Date,
            chargingRateUnit: ChargingRateUnit,
            customData: CustomData? = nil
        ) {
            self.chargingSchedulePeriods = chargingSchedulePeriods
            self.evseId = evseId
            self.duration = duration
            self.scheduleStart = scheduleStart
            self.chargingRateUnit = chargingRateUnit
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case chargingSchedulePeriods = "chargingSchedulePeriod"
            case evseId
            case duration
            case scheduleStart
            case chargingRateUnit
            case customData
        }
    }

    /// Accepted or rejected.
    public enum GenericStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
    }
}

extension OCPP201.CompositeSchedule: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("chargingSchedulePeriod", minimum: 1) { $0.chargingSchedulePeriods.count },
    ]
}
