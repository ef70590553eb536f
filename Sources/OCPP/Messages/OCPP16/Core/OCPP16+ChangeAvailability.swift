extension OCPP16 {
    /// Makes a connector (or with connector 0 the whole charge point) operative or inoperative.
    public struct ChangeAvailabilityRequest: OCPP16.Request {
        public typealias Response = ChangeAvailabilityResponse
        public static let action = "ChangeAvailability"

        /// 0 means the whole charge point.
        public var connectorId: Int
        public var type: AvailabilityType

        public init(connectorId: Int, type: AvailabilityType) {
            self.connectorId = connectorId
            self.type = type
        }
    }

    /// Whether the change is done, refused or scheduled after the running transaction.
    public struct ChangeAvailabilityResponse: OCPPPayload {
        public var status: AvailabilityStatus

        public init(status: AvailabilityStatus) {
            self.status = status
        }
    }

    /// Operative or inoperative.
    public enum AvailabilityType: String, Codable, Sendable, Hashable, CaseIterable {
        case inoperative = "Inoperative"
        case operative = "Operative"
    }

    /// The outcome of a ChangeAvailability.
    public enum AvailabilityStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case scheduled = "Scheduled"
    }
}
