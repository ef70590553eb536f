extension OCPP16 {
    /// Reports progress of a firmware update.
    public struct FirmwareStatusNotificationRequest: OCPP16.Request {
        public typealias Response = FirmwareStatusNotificationResponse
        public static let action = "FirmwareStatusNotification"

        public var status: FirmwareStatus

        public init(status: FirmwareStatus) {
            self.status = status
        }
    }

    /// Acknowledges a FirmwareStatusNotification.
    public struct FirmwareStatusNotificationResponse: OCPPPayload {
        public init() {}
    }

    /// A stage of a firmware update.
    public enum FirmwareStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case downloaded = "Downloaded"
        case downloadFailed = "DownloadFailed"
        case downloading = "Downloading"
        case idle = "Idle"
        case installationFailed = "InstallationFailed"
        case installing = "Installing"
        case installed = "Installed"
    }
}
