public import Foundation

extension OCPP16 {
    /// Reserves a connector (0: any connector) for an idTag until `expiryDate`.
    public struct ReserveNowRequest: OCPP16.Request {
        public typealias Response = ReserveNowResponse
        public static let action = "ReserveNow"

        public var connectorId: Int
        public var expiryDate: Date
        public var idTag: String
        public var parentIdTag: String?
        public var reservationId: Int

        public init(connectorId: Int, expiryDate: Date, idTag: String, parentIdTag: String? = nil, reservationId: Int) {
            self.connectorId = connectorId
            self.expiryDate = expiryDate
            self.idTag = idTag
            self.parentIdTag = parentIdTag
            self.reservationId = reservationId
        }
    }

    /// Whether the reservation was made.
    public struct ReserveNowResponse: OCPPPayload {
        public var status: ReservationStatus

        public init(status: ReservationStatus) {
            self.status = status
        }
    }

    /// The outcome of a ReserveNow.
    public enum ReservationStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case faulted = "Faulted"
        case occupied = "Occupied"
        case rejected = "Rejected"
        case unavailable = "Unavailable"
    }
}

extension OCPP16.ReserveNowRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("idTag", 20) { $0.idTag },
        .maxLength("parentIdTag", 20) { $0.parentIdTag },
    ]
}
