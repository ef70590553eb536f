public import Foundation

extension OCPP16 {
    /// Sent by a charge point when it starts, to register with the central system.
    public struct BootNotificationRequest: OCPP16.Request {
        public typealias Response = BootNotificationResponse
        public static let action = "BootNotification"

        public var chargePointVendor: String
        public var chargePointModel: String
        public var chargePointSerialNumber: String?
        public var chargeBoxSerialNumber: String?
        public var firmwareVersion: String?
        public var iccid: String?
        public var imsi: String?
        public var meterType: String?
        public var meterSerialNumber: String?

        public init(
            chargePointVendor: String,
            chargePointModel: String,
            chargePointSerialNumber: String? = nil,
            chargeBoxSerialNumber: String? = nil,
            firmwareVersion: String? = nil,
            iccid: String? = nil,
            imsi: String? = nil,
            meterType: String? = nil,
            meterSerialNumber: String? = nil
        ) {
            self.chargePointVendor = chargePointVendor
            self.chargePointModel = chargePointModel
            self.chargePointSerialNumber = chargePointSerialNumber
            self.chargeBoxSerialNumber = chargeBoxSerialNumber
            self.firmwareVersion = firmwareVersion
            self.iccid = iccid
            self.imsi = imsi
            self.meterType = meterType
            self.meterSerialNumber = meterSerialNumber
        }
    }

    /// Whether the charge point is registered, the central time, and the heartbeat interval.
    public struct BootNotificationResponse: OCPPPayload {
        public var status: RegistrationStatus
        public var currentTime: Date
        /// Heartbeat interval in seconds (while `Pending` or `Rejected`: when to retry).
        public var interval: Int

        public init(status: RegistrationStatus, currentTime: Date, interval: Int) {
            self.status = status
            self.currentTime = currentTime
            self.interval = interval
        }
    }

    /// Whether the central system accepts the charge point.
    public enum RegistrationStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case pending = "Pending"
        case rejected = "Rejected"
    }
}

extension OCPP16.BootNotificationRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("chargePointVendor", 20) { $0.chargePointVendor },
        .maxLength("chargePointModel", 20) { $0.chargePointModel },
        .maxLength("chargePointSerialNumber", 25) { $0.chargePointSerialNumber },
        .maxLength("chargeBoxSerialNumber", 25) { $0.chargeBoxSerialNumber },
        .maxLength("firmwareVersion", 50) { $0.firmwareVersion },
        .maxLength("iccid", 20) { $0.iccid },
        .maxLength("imsi", 20) { $0.imsi },
        .maxLength("meterType", 25) { $0.meterType },
        .maxLength("meterSerialNumber", 25) { $0.meterSerialNumber },
    ]
}
