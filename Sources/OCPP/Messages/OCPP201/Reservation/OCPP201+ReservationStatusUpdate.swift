extension OCPP201 {
    /// Tells the CSMS a reservation expired or was removed.
    public struct ReservationStatusUpdateRequest: OCPP201.Request {
        public typealias Response = ReservationStatusUpdateResponse
        public static let action = "ReservationStatusUpdate"

        public var reservationId: Int
        public var reservationUpdateStatus: ReservationUpdateStatus
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            reservationId: Int,
            reservationUpdateStatus: ReservationUpdateStatus,
            customData: CustomData? = nil
        ) {
            self.reservationId = reservationId
            self.reservationUpdateStatus = reservationUpdateStatus
            self.customData = customData
        }
    }

    /// Acknowledges a ReservationStatusUpdate.
    public struct ReservationStatusUpdateResponse: OCPPPayload {
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(customData: CustomData? = nil) {
            self.customData = customData
        }
    }

    /// How a reservation ended without being used.
    public enum ReservationUpdateStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case expired = "Expired"
        case removed = "Removed"
    }
}
