extension OCPP201 {
    /// Makes the station, an EVSE or a connector operative or inoperative.
    public struct ChangeAvailabilityRequest: OCPP201.Request {
        public typealias Response = ChangeAvailabilityResponse
        public static let action = "ChangeAvailability"

        /// Absent means the whole charging station.
        public var evse: EVSE?
        public var operationalStatus: OperationalStatus
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(evse: EVSE? = nil, operationalStatus: OperationalStatus, customData: CustomData? = nil) {
            self.evse = evse
            self.operationalStatus = operationalStatus
            self.customData = customData
        }
    }

    /// Whether the change is done, refused or scheduled after the running transaction.
    public struct ChangeAvailabilityResponse: OCPPPayload {
        public var status: ChangeAvailabilityStatus
        public var statusInfo: StatusInfo?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(status: ChangeAvailabilityStatus, statusInfo: StatusInfo? = nil, customData: CustomData? = nil) {
            self.status = status
            self.statusInfo = statusInfo
            self.customData = customData
        }
    }

    /// Operative or inoperative.
    public enum OperationalStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case inoperative = "Inoperative"
        case operative = "Operative"
    }

    /// The outcome of a ChangeAvailability.
    public enum ChangeAvailabilityStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case scheduled = "Scheduled"
    }
}
