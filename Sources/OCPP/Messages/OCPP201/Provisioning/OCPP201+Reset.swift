extension OCPP201 {
    /// Asks the station, or one EVSE, to restart.
    public struct ResetRequest: OCPP201.Request {
        public typealias Response = ResetResponse
        public static let action = "Reset"

        public var type: ResetType
        public var evseId: Int?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(type: ResetType, evseId: Int? = nil, customData: CustomData? = nil) {
            self.type = type
            self.evseId = evseId
            self.customData = customData
        }
    }

    /// Whether the station will restart now, later, or not.
    public struct ResetResponse: OCPPPayload {
        public var status: ResetStatus
        public var statusInfo: StatusInfo?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(status: ResetStatus, statusInfo: StatusInfo? = nil, customData: CustomData? = nil) {
            self.status = status
            self.statusInfo = statusInfo
            self.customData = customData
        }
    }

    /// Restart now, or once no transaction runs.
    public enum ResetType: String, Codable, Sendable, Hashable, CaseIterable {
        case immediate = "Immediate"
        case onIdle = "OnIdle"
    }

    /// The outcome of a Reset.
    public enum ResetStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case scheduled = "Scheduled"
    }
}
