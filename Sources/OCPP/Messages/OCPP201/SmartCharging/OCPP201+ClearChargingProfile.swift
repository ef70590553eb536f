extension OCPP201 {
    /// Removes one charging profile by id, or those matching the criteria.
    public struct ClearChargingProfileRequest: OCPP201.Request {
        public typealias Response = ClearChargingProfileResponse
        public static let action = "ClearChargingProfile"

        public var chargingProfileId: Int?
        public var chargingProfileCriteria: ClearChargingProfileCriteria?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            chargingProfileId: Int? = nil,
            chargingProfileCriteria: ClearChargingProfileCriteria? = nil,
            customData: CustomData? = nil
        ) {
            self.chargingProfileId = chargingProfileId
            self.chargingProfileCriteria = chargingProfileCriteria
            self.customData = customData
        }
    }

    /// Whether any profile matched.
    public struct ClearChargingProfileResponse: OCPPPayload {
        public var status: ClearChargingProfileStatus
        public var statusInfo: StatusInfo?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(status: ClearChargingProfileStatus, statusInfo: StatusInfo? = nil, customData: CustomData? = nil) {
            self.status = status
            self.statusInfo = statusInfo
            self.customData = customData
        }
    }

    /// Which charging profiles to remove: those matching every criterion given.
    public struct ClearChargingProfileCriteria: Codable, Sendable, Hashable {
        public var evseId: Int?
        public var chargingProfilePurpose: ChargingProfilePurpose?
        public var stackLevel: Int?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            evseId: Int? = nil,
            chargingProfilePurpose: ChargingProfilePurpose? = nil,
            stackLevel: Int? = nil,
            customData: CustomData? = nil
        ) {
            self.evseId = evseId
            self.chargingProfilePurpose = chargingProfilePurpose
            self.stackLevel = stackLevel
            self.customData = customData
        }
    }

    /// The outcome of a ClearChargingProfile.
    public enum ClearChargingProfileStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case unknown = "Unknown"
    }
}
