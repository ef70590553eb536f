extension OCPP16 {
    /// Installs a charging profile on a connector (0: the whole charge point).
    public struct SetChargingProfileRequest: OCPP16.Request {
        public typealias Response = SetChargingProfileResponse
        public static let action = "SetChargingProfile"

        public var connectorId: Int
        public var chargingProfile: ChargingProfile

        public init(connectorId: Int, chargingProfile: ChargingProfile) {
            self.connectorId = connectorId
            self.chargingProfile = chargingProfile
        }

        enum CodingKeys: String, CodingKey {
            case connectorId
            case chargingProfile = "csChargingProfiles"
        }
    }

    /// Whether the profile was installed.
    public struct SetChargingProfileResponse: OCPPPayload {
        public var status: ChargingProfileStatus

        public init(status: ChargingProfileStatus) {
            self.status = status
        }
    }

    /// The outcome of a SetChargingProfile.
    public enum ChargingProfileStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case notSupported = "NotSupported"
    }
}
