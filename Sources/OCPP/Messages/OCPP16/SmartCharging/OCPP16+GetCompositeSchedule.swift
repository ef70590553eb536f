public import Foundation

extension OCPP16 {
    /// Asks for the schedule that results from all profiles on a connector for the next `duration` seconds.
    public struct GetCompositeScheduleRequest: OCPP16.Request {
        public typealias Response = GetCompositeScheduleResponse
        public static let action = "GetCompositeSchedule"

        public var connectorId: Int
        /// Seconds.
        public var duration: Int
        public var chargingRateUnit: ChargingRateUnit?

        public init(connectorId: Int, duration: Int, chargingRateUnit: ChargingRateUnit? = nil) {
            self.connectorId = connectorId
            self.duration = duration
            self.chargingRateUnit = chargingRateUnit
        }
    }

    /// The composite schedule, when the charge point could compute it.
    public struct GetCompositeScheduleResponse: OCPPPayload {
        public var status: GetCompositeScheduleStatus
        public var connectorId: Int?
        public var scheduleStart: Date?
        public var chargingSchedule: ChargingSchedule?

        public init(
            status: GetCompositeScheduleStatus,
            connectorId: Int? = nil,
            scheduleStart: Date? = nil,
            chargingSchedule: ChargingSchedule? = nil
        ) {
            self.status = status
            self.connectorId = connectorId
            self.scheduleStart = scheduleStart
            self.chargingSchedule = chargingSchedule
        }
    }

    /// The outcome of a GetCompositeSchedule.
    public enum GetCompositeScheduleStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
    }
}
