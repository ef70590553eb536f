public import Foundation

/// The rules a booking is made under: changes, cancellation, early start, no-show (Bookings add-on BookingTerms).
public struct BookingTerms: Codable, Sendable, Equatable {
    public var rfidAuthRequired: Bool?
    public var tokenGroupsSupported: Bool?
    public var remoteAuthSupported: Bool?
    public var supportedAccessMethods: [LocationAccess]
    public var changeUntilMinutes: Decimal
    public var cancelUntilMinutes: Decimal
    public var changeNotAllowed: Bool?
    public var earlyStartAllowed: Bool?
    public var earlyStartTime: Decimal?
    public var noshowTimeout: Decimal?
    public var noshowFee: Bool?
    public var lateStopAllowed: Bool?
    public var lateStopTime: Decimal?
    public var overlappingBookingsAllowed: Bool?
    public var bookingTerms: String?

    public init(
        rfidAuthRequired: Bool? = nil, tokenGroupsSupported: Bool? = nil, remoteAuthSupported: Bool? = nil,
        supportedAccessMethods: [LocationAccess], changeUntilMinutes: Decimal, cancelUntilMinutes: Decimal,
        changeNotAllowed: Bool? = nil, earlyStartAllowed: Bool? = nil, earlyStartTime: Decimal? = nil,
        noshowTimeout: Decimal? = nil, noshowFee: Bool? = nil, lateStopAllowed: Bool? = nil,
        lateStopTime: Decimal? = nil, overlappingBookingsAllowed: Bool? = nil, bookingTerms: String? = nil
    ) {
        self.rfidAuthRequired = rfidAuthRequired
        self.tokenGroupsSupported = tokenGroupsSupported
        self.remoteAuthSupported = remoteAuthSupported
        self.supportedAccessMethods = supportedAccessMethods
        self.changeUntilMinutes = changeUntilMinutes
        self.cancelUntilMinutes = cancelUntilMinutes
        self.changeNotAllowed = changeNotAllowed
        self.earlyStartAllowed = earlyStartAllowed
        self.earlyStartTime = earlyStartTime
        self.noshowTimeout = noshowTimeout
        self.noshowFee = noshowFee
        self.lateStopAllowed = lateStopAllowed
        self.lateStopTime = lateStopTime
        self.overlappingBookingsAllowed = overlappingBookingsAllowed
        self.bookingTerms = bookingTerms
    }

    enum CodingKeys: String, CodingKey {
        case rfidAuthRequired = "RFID_auth_required", tokenGroupsSupported = "token_groups_supported"
        case remoteAuthSupported = "remote_auth_supported", supportedAccessMethods = "supported_access_methods"
        case changeUntilMinutes = "change_until_minutes", cancelUntilMinutes = "cancel_until_minutes"
        case changeNotAllowed = "change_not_allowed", earlyStartAllowed = "early_start_allowed"
        case earlyStartTime = "early_start_time", noshowTimeout = "noshow_timeout", noshowFee = "noshow_fee"
        case lateStopAllowed = "late_stop_allowed", lateStopTime = "late_stop_time"
        case overlappingBookingsAllowed = "overlapping_bookings_allowed", bookingTerms = "booking_terms"
    }
}

extension BookingTerms: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.nonEmpty(supportedAccessMethods, "supported_access_methods")
        try path.nonNegative(changeUntilMinutes, "change_until_minutes")
        try path.nonNegative(cancelUntilMinutes, "cancel_until_minutes")
        try path.nonNegative(earlyStartTime, "early_start_time")
        try path.nonNegative(noshowTimeout, "noshow_timeout")
        try path.nonNegative(lateStopTime, "late_stop_time")
        try path.text(bookingTerms, "booking_terms", .url)
    }
}
