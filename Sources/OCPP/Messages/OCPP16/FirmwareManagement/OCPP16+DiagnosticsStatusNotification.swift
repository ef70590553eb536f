extension OCPP16 {
    /// Reports progress of a diagnostics upload.
    public struct DiagnosticsStatusNotificationRequest: OCPP16.Request {
        public typealias Response = DiagnosticsStatusNotificationResponse
        public static let action = "DiagnosticsStatusNotification"

        public var status: DiagnosticsStatus

        public init(status: DiagnosticsStatus) {
            self.status = status
        }
    }

    /// Acknowledges a DiagnosticsStatusNotification.
    public struct DiagnosticsStatusNotificationResponse: OCPPPayload {
        public init() {}
    }

    /// A stage of a diagnostics upload.
    public enum DiagnosticsStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case idle = "Idle"
        case uploaded = "Uploaded"
        case uploadFailed = "UploadFailed"
        case uploading = "Uploading"
    }
}
