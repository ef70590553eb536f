extension OCPP16 {
    /// Vendor-specific data, in either direction.
    public struct DataTransferRequest: OCPP16.Request {
        public typealias Response = DataTransferResponse
        public static let action = "DataTransfer"

        public var vendorId: String
        public var messageId: String?
        /// Free text, often JSON written as a string.
        public var data: String?

        public init(vendorId: String, messageId: String? = nil, data: String? = nil) {
            self.vendorId = vendorId
            self.messageId = messageId
            self.data = data
        }
    }

    /// The outcome of a DataTransfer, with optional data back.
    public struct DataTransferResponse: OCPPPayload {
        public var status: DataTransferStatus
        public var data: String?

        public init(status: DataTransferStatus, data: String? = nil) {
            self.status = status
            self.data = data
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

extension OCPP16.DataTransferRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("vendorId", 255) { $0.vendorId },
        .maxLength("messageId", 50) { $0.messageId },
    ]
}
