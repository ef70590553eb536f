extension OCPP16 {
    /// Asks the charge point to restart.
    public struct ResetRequest: OCPP16.Request {
        public typealias Response = ResetResponse
        public static let action = "Reset"

        public var type: ResetType

        public init(type: ResetType) {
            self.type = type
        }
    }

    /// Whether the charge point will restart.
    public struct ResetResponse: OCPPPayload {
        public var status: ResetStatus

        public init(status: ResetStatus) {
            self.status = status
        }
    }

    /// A hard (reboot) or soft (graceful) reset.
    public enum ResetType: String, Codable, Sendable, Hashable, CaseIterable {
        case hard = "Hard"
        case soft = "Soft"
    }

    /// The outcome of a Reset.
    public enum ResetStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
    }
}
