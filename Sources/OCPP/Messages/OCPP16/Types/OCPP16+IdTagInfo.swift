public import Foundation

extension OCPP16 {
    /// What the central system says about an idTag: its status, expiry and parent.
    public struct IdTagInfo: Codable, Sendable, Hashable {
        /// When the idTag should be taken out of the authorization cache.
        public var expiryDate: Date?
        public var parentIdTag: String?
        public var status: AuthorizationStatus

        public init(expiryDate: Date? = nil, parentIdTag: String? = nil, status: AuthorizationStatus) {
            self.expiryDate = expiryDate
            self.parentIdTag = parentIdTag
            self.status = status
        }
    }

    /// Whether an idTag may charge.
    public enum AuthorizationStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case blocked = "Blocked"
        case expired = "Expired"
        case invalid = "Invalid"
        case concurrentTx = "ConcurrentTx"
    }
}

extension OCPP16.IdTagInfo: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("parentIdTag", 20) { $0.parentIdTag },
    ]
}
