public import Foundation

extension OCPP16 {
    /// Reports the status (and any error) of a connector or, with connector 0, the charge point.
    public struct StatusNotificationRequest: OCPP16.Request {
        public typealias Response = StatusNotificationResponse
        public static let action = "StatusNotification"

        public var connectorId: Int
        public var errorCode: ChargePointErrorCode
        public var info: String?
        public var status: ChargePointStatus
        public var timestamp: Date?
        public var vendorId: String?
        public var vendorErrorCode: String?

        public init(
            connectorId: Int,
            errorCode: ChargePointErrorCode,
            info: String? = nil,
            status: ChargePointStatus,
            timestamp: Date? = nil,
            vendorId: String? = nil,
            vendorErrorCode: String? = nil
        ) {
            self.connectorId = connectorId
            self.errorCode = errorCode
            self.info = info
            self.status = status
            self.timestamp = timestamp
            self.vendorId = vendorId
            self.vendorErrorCode = vendorErrorCode
        }
    }

    /// Acknowledges a StatusNotification.
    public struct StatusNotificationResponse: OCPPPayload {
        public init() {}
    }

    /// The status of a connector or the charge point.
    public enum ChargePointStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case available = "Available"
        case preparing = "Preparing"
        case charging = "Charging"
        case suspendedEVSE = "SuspendedEVSE"
        case suspendedEV = "SuspendedEV"
        case finishing = "Finishing"
        case reserved = "Reserved"
        case unavailable = "Unavailable"
        case faulted = "Faulted"
    }

    /// The error a charge point reports with its status.
    public enum ChargePointErrorCode: String, Codable, Sendable, Hashable, CaseIterable {
        case connectorLockFailure = "ConnectorLockFailure"
        case evCommunicationError = "EVCommunicationError"
        case groundFailure = "GroundFailure"
        case highTemperature = "HighTemperature"
        case internalError = "InternalError"
        case localListConflict = "LocalListConflict"
        case noError = "NoError"
        case otherError = "OtherError"
        case overCurrentFailure = "OverCurrentFailure"
        case powerMeterFailure = "PowerMeterFailure"
        case powerSwitchFailure = "PowerSwitchFailure"
        case readerFailure = "ReaderFailure"
        case resetFailure = "ResetFailure"
        case underVoltage = "UnderVoltage"
        case overVoltage = "OverVoltage"
        case weakSignal = "WeakSignal"
    }
}

extension OCPP16.StatusNotificationRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .minimum("connectorId", 0) { $0.connectorId },
        .maxLength("info", 50) { $0.info },
        .maxLength("vendorId", 255) { $0.vendorId },
        .maxLength("vendorErrorCode", 50) { $0.vendorErrorCode },
    ]
}
