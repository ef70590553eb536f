extension OCPP16 {
    /// Removes the charging profiles that match every criterion given (all of them when none is).
    public struct ClearChargingProfileRequest: OCPP16.Request {
        public typealias Response = ClearChargingProfileResponse
        public static let action = "ClearChargingProfile"

        /// The chargingProfileId to remove.
        public var id: Int?
        public var connectorId: Int?
        public var chargingProfilePurpose: ChargingProfilePurpose?
        public var stackLevel: Int?

        public init(
            id: Int? = nil,
            connectorId: Int? = nil,
            chargingProfilePurpose: ChargingProfilePurpose? = nil,
            stackLevel: Int? = nil
        ) {
            self.id = id
            self.connectorId = connectorId
            self.chargingProfilePurpose = chargingProfilePurpose
            self.stackLevel = stackLevel
        }
    }

    /// Whether any profile matched.
    public struct ClearChargingProfileResponse: OCPPPayload {
        public var status: ClearChargingProfileStatus

        public init(status: ClearChargingProfileStatus) {
            self.status = status
        }
    }

    /// The outcome of a ClearChargingProfile.
    public enum ClearChargingProfileStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case unknown = "Unknown"
    }
}
