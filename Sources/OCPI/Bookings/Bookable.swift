/// Whether a location must be booked, and how many chargers stay free for drivers without one (Bookings add-on Bookable).
public struct Bookable: Codable, Sendable, Equatable {
    public var reservationRequired: Bool
    public var adHoc: Int?

    public init(reservationRequired: Bool, adHoc: Int? = nil) {
        self.reservationRequired = reservationRequired
        self.adHoc = adHoc
    }

    enum CodingKeys: String, CodingKey {
        case reservationRequired = "reservation_required", adHoc = "ad_hoc"
    }
}

extension Bookable: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.nonNegative(adHoc, "ad_hoc")
    }
}
