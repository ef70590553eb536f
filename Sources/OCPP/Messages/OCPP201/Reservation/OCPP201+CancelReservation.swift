extension OCPP201 {
    /// Cancels a reservation.
    public struct CancelReservationRequest: OCPP201.Request {
        public typealias Response = CancelReservationResponse
        public static let action = "CancelReservation"

        public var reservationId: Int
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(reservationId: Int, customData: CustomData? = nil) {
            self.reservationId = reservationId
            self.customData = customData
        }
    }

    /// Whether the reservation was cancelled.
    public struct CancelReservationResponse: OCPPPayload {
        public var status: CancelReservationStatus
        public var statusInfo: StatusInfo?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(status: CancelReservationStatus, statusInfo: StatusInfo? = nil, customData: CustomData? = nil) {
            self.status = status
            self.statusInfo = statusInfo
            self.customData = customData
        }
    }

    /// The outcome of a CancelReservation.
    public enum CancelReservationStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
    }
}
