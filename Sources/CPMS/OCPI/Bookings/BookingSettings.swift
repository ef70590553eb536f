public import Foundation
public import OCPI
public import Scheduling

/// What cpms offers eMSPs through the Bookings add-on: how far ahead its calendars reach, and the terms a booking
/// is made under (the calendar's deadlines and no-show timeout, in OCPI's words).
public struct BookingSettings: Sendable, Equatable {
    /// How far ahead of now a BookingLocation's calendar of free timeslots reaches (`--ocpi-booking-horizon`).
    public var horizon: TimeInterval
    /// A page with the terms for drivers (no-show policy, fees), given as BookingTerms.booking_terms.
    public var termsURL: String?

    public init(horizon: TimeInterval = 7 * 86_400, termsURL: String? = nil) {
        self.horizon = horizon
        self.termsURL = termsURL
    }

    /// The BookingTerms every BookingLocation and Booking carries, from the calendar's terms.
    public func terms(_ calendar: CalendarSettings) -> OCPI.BookingTerms {
        OCPI.BookingTerms(
            rfidAuthRequired: false, tokenGroupsSupported: false, remoteAuthSupported: true, supportedAccessMethods: [.open],
            changeUntilMinutes: Self.minutes(calendar.terms.changeDeadline), cancelUntilMinutes: Self.minutes(calendar.terms.cancelDeadline),
            changeNotAllowed: false, earlyStartAllowed: false, noshowTimeout: calendar.terms.noShowTimeout.map(Self.minutes), noshowFee: false,
            lateStopAllowed: false, overlappingBookingsAllowed: false, bookingTerms: termsURL)
    }

    static func minutes(_ seconds: TimeInterval) -> Decimal { Decimal(Int(seconds)) / 60 }
}
