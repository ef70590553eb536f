public import Foundation

extension OCPP201 {
    /// Sent by a charging station when it starts, to register with the CSMS.
    public struct BootNotificationRequest: OCPP201.Request {
        public typealias Response = BootNotificationResponse
        public static let action = "BootNotification"

        public var chargingStation: ChargingStation
        public var reason: BootReason
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(chargingStation: ChargingStation, reason: BootReason, customData: CustomData? = nil) {
            self.chargingStation = chargingStation
            self.reason = reason
            self.customData = customData
        }
    }

    /// Whether the station is registered, the CSMS time, and the heartbeat interval.
    public struct BootNotificationResponse: OCPPPayload {
        public var currentTime: Date
        /// Heartbeat interval in seconds (while `Pending` or `Rejected`: when to retry).
        public var interval: Int
        public var status: RegistrationStatus
        public var statusInfo: StatusInfo?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            currentTime: Date,
            interval: Int,
            status: RegistrationStatus,
            statusInfo: StatusInfo? = nil,
            customData: CustomData? = nil
        ) {
            self.currentTime = currentTime
            self.interval = interval
            self.status = status
            self.statusInfo = statusInfo
            self.customData = customData
        }
    }

    /// The charging station's make, model, serial number, firmware and modem.
    public struct ChargingStation: Codable, Sendable, Hashable {
        public var serialNumber: String?
        public var model: String
        public var modem: Modem?
        public var vendorName: String
        public var firmwareVersion: String?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            serialNumber: String? = nil,
            model: String,
            modem: Modem? = nil,
            vendorName: String,
            firmwareVersion: String? = nil,
            customData: CustomData? = nil
        ) {
            self.serialNumber = serialNumber
            self.model = model
            self.modem = modem
            self.vendorName = vendorName
            self.firmwareVersion = firmwareVersion
            self.customData = customData
        }
    }

    /// The SIM card identifiers of the station's modem.
    public struct Modem: Codable, Sendable, Hashable {
        public var iccid: String?
        public var imsi: String?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(iccid: String? = nil, imsi: String? = nil, customData: CustomData? = nil) {
            self.iccid = iccid
            self.imsi = imsi
            self.customData = customData
        }
    }

    /// Why the station booted.
    public enum BootReason: String, Codable, Sendable, Hashable, CaseIterable {
        case applicationReset = "ApplicationReset"
        case firmwareUpdate = "FirmwareUpdate"
        case localReset = "LocalReset"
        case powerUp = "PowerUp"
        case remoteReset = "RemoteReset"
        case scheduledReset = "ScheduledReset"
        case triggered = "Triggered"
        case unknown = "Unknown"
        case watchdog = "Watchdog"
    }

    /// Whether the CSMS accepts the station.
    public enum RegistrationStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case pending = "Pending"
        case rejected = "Rejected"
    }
}

extension OCPP201.ChargingStation: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("serialNumber", 25) { $0.serialNumber },
        .maxLength("model", 20) { $0.model },
        .maxLength("vendorName", 50) { $0.vendorName },
        .maxLength("firmwareVersion", 50) { $0.firmwareVersion },
    ]
}

extension OCPP201.Modem: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("iccid", 20) { $0.iccid },
        .maxLength("imsi", 20) { $0.imsi },
    ]
}
