extension OCPP201 {
    /// Installs a charging profile on an EVSE (0: the whole charging station).
    public struct SetChargingProfileRequest: OCPP201.Request {
        public typealias Response = SetChargingProfileResponse
        public static let action = "SetChargingProfile"

        public var evseId: Int
        public var chargingProfile: ChargingProfile
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(evseId: Int, chargingProfile: ChargingProfile, customData: CustomData? = nil) {
            self.evseId = evseId
            self.chargingProfile = chargingProfile
            self.customData = customData
        }
    }

    /// Whether the profile was installed.
    public struct SetChargingProfileResponse: OCPPPayload {
        public var status: ChargingProfileStatus
        public var statusInfo: StatusInfo?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(status: ChargingProfileStatus, statusInfo: StatusInfo? = nil, customData: CustomData? = nil) {
            self.status = status
            self.statusInfo = statusInfo
            self.customData = customData
        }
    }

    /// The outcome of a SetChargingProfile.
    public enum ChargingProfileStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
    }
}
