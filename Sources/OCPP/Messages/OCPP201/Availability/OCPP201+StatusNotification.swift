public import Foundation

extension OCPP201 {
    /// Reports the status of one connector.
    public struct StatusNotificationRequest: OCPP201.Request {
        public typealias Response = StatusNotificationResponse
        public static let action = "StatusNotification"

        public var timestamp: Date
        public var connectorStatus: ConnectorStatus
        public var evseId: Int
        public var connectorId: Int
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            timestamp: Date,
            connectorStatus: ConnectorStatus,
            evseId: Int,
            connectorId: Int,
            customData: CustomData? = nil
        ) {
            self.timestamp = timestamp
            self.connectorStatus = connectorStatus
            self.evseId = evseId
            self.connectorId = connectorId
            self.customData = customData
        }
    }

    /// Acknowledges a StatusNotification.
    public struct StatusNotificationResponse: OCPPPayload {
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(customData: CustomData? = nil) {
            self.customData = customData
        }
    }

    /// The status of a connector.
    public enum ConnectorStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case available = "Available"
        case occupied = "Occupied"
        case reserved = "Reserved"
        case unavailable = "Unavailable"
        case faulted = "Faulted"
    }
}

extension OCPP201.StatusNotificationRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .minimum("evseId", 0) { $0.evseId },
        .minimum("connectorId", 0) { $0.connectorId },
    ]
}
