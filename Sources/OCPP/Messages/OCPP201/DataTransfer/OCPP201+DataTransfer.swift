extension OCPP201 {
    /// Vendor-specific data, in either direction.
    public struct DataTransferRequest: OCPP201.Request {
        public typealias Response = DataTransferResponse
        public static let action = "DataTransfer"

        public var messageId: String?
        /// Any JSON value.
        public var data: JSONValue?
        public var vendorId: String
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(messageId: String? = nil, data: JSONValue? = nil, vendorId: String, customData: CustomData? = nil) {
            self.messageId = messageId
            self.data = data
            self.vendorId = vendorId
            self.customData = customData
        }
    }

    /// The outcome of a DataTransfer, with optional data back.
    public struct DataTransferResponse: OCPPPayload {
        public var status: DataTransferStatus
        public var statusInfo: StatusInfo?
        /// Any JSON value.
        public var data: JSONValue?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            status: DataTransferStatus,
            statusInfo: StatusInfo? = nil,
            data: JSONValue? = nil,
            customData: CustomData? = nil
        ) {
            self.status = status
            self.statusInfo = statusInfo
            self.data = data
            self.customData = customData
        }
    }

    /// The outcome of a DataTransfer.
    public enum DataTransferStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
        case unknownMessageId = "UnknownMessageId"
        case unknownVendorId = "UnknownVendorId"
    }
}

extension OCPP201.DataTransferRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("messageId", 50) { $0.messageId },
        .maxLength("vendorId", 255) { $0.vendorId },
    ]
}
