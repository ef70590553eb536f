extension OCPP16 {
    /// Cancels a reservation.
    public struct CancelReservationRequest: OCPP16.Request {
        public typealias Response = CancelReservationResponse
        public static let action = "CancelReservation"

        public var reservationId: Int

        public init(reservationId: Int) {
            self.reservationId = reservationId
        }
    }

    /// Whether the reservation was cancelled.
    public struct CancelReservationResponse: OCPPPayload {
        public var status: CancelReservationStatus

        public init(status: CancelReservationStatus) {
            self.status = status
        }
    }

    /// The outcome of a CancelReservation.
    public enum CancelReservationStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
    }
}
