public import Foundation
public import OCPI
public import Scheduling

/// An OCPI Booking as the calendar makes it: from the eMSP's request (PENDING), then after each change of its
/// calendar entry. Pure.
///
/// The entry's status gives the reservation status: scheduled is RESERVED, used (the booked token started
/// charging) FULFILLED, released NO_SHOW, cancelled CANCELED with `canceled`: by the eMSP with the reason it gave,
/// by a technician's maintenance block BROKEN_CHARGER, by an admin UNKNOWN (both by the CPO). The request the change
/// answers becomes ACCEPTED; a refused one DECLINED, and a refused new booking is REJECTED.
public enum BookingStatusMapping {
    /// The Booking a new request asks for, PENDING, before the calendar has answered.
    public static func pending(
        id: String, request: OCPI.BookingRequest, locationID: String, evseUID: String, tariffIDs: [String]?, cpo: CPOParty,
        terms: OCPI.BookingTerms, at time: Date
    ) -> Booking {
        Booking(
            id: id, countryCode: cpo.countryCode, partyID: cpo.partyID, requestID: request.requestID, locationID: locationID,
            evseUID: evseUID, connectorID: request.connectorID, bookingTokens: request.tokens, tariffIDs: tariffIDs, period: request.period,
            reservationStatus: .pending, authorizationReference: request.authorizationReference, bookingTerms: terms,
            bookingRequests: [BookingRequestStatus(requestStatus: .pending, bookingRequest: request, requestReceived: OCPIDateTime(time))],
            lastUpdated: OCPIDateTime(time))
    }

    /// An existing Booking with a further request (a change or a cancellation) PENDING.
    public static func requested(_ booking: Booking, _ request: OCPI.BookingRequest, at time: Date) -> Booking {
        var updated = booking
        updated.bookingRequests.append(BookingRequestStatus(requestStatus: .pending, bookingRequest: request, requestReceived: OCPIDateTime(time)))
        updated.lastUpdated = OCPIDateTime(time)
        return updated
    }

    /// The Booking after its calendar entry changed; `answering` is the eMSP's request the change carries out, if any.
    public static func updated(_ booking: Booking, by entry: CalendarEntry, answering request: OCPI.BookingRequest?, at time: Date) -> Booking {
        var updated = booking
        updated.period.startFrom = OCPIDateTime(entry.window.start)
        updated.period.endBefore = OCPIDateTime(entry.window.end)
        if let number = entry.evse.rawValue.split(separator: "/").last.flatMap({ Int($0) }), let uid = booking.evseUID,
            BookingLocationPublication.evseNumber(uid: uid) != number, let star = uid.lastIndex(of: "*")
        {
            updated.evseUID = request?.evseUID ?? (String(uid[...star]) + String(number))
        }
        switch entry.status {
        case .scheduled:
            updated.reservationStatus = .reserved
        case .used:
            updated.reservationStatus = .fulfilled
        case .released:
            updated.reservationStatus = .noShow
        case .cancelled(let cancellation):
            updated.reservationStatus = .canceled
            updated.canceled = canceled(cancellation, requested: request?.canceled)
        }
        if request != nil, let index = updated.bookingRequests.lastIndex(where: { $0.requestStatus == .pending }) {
            updated.bookingRequests[index].requestStatus = .accepted
        }
        if let request, request.canceled == nil {
            updated.bookingTokens = request.tokens ?? updated.bookingTokens
            updated.connectorID = request.connectorID ?? updated.connectorID
        }
        updated.lastUpdated = OCPIDateTime(time)
        return updated
    }

    /// The Booking after the calendar refused its pending request: DECLINED, and a new booking REJECTED.
    public static func declined(_ booking: Booking, at time: Date) -> Booking {
        var updated = booking
        if let index = updated.bookingRequests.lastIndex(where: { $0.requestStatus == .pending }) {
            updated.bookingRequests[index].requestStatus = .declined
        }
        if updated.reservationStatus == .pending { updated.reservationStatus = .rejected }
        updated.lastUpdated = OCPIDateTime(time)
        return updated
    }

    static func canceled(_ cancellation: Scheduling.Cancellation, requested: OCPI.Cancellation?) -> OCPI.Cancellation {
        switch cancellation.by {
        case .emsp: requested ?? OCPI.Cancellation(cancellationReason: .unknown, whoCanceled: .emsp)
        case .technician: OCPI.Cancellation(cancellationReason: .brokenCharger, whoCanceled: .cpo)
        case .admin: OCPI.Cancellation(cancellationReason: cancellation.displacedBy == nil ? .unknown : .brokenCharger, whoCanceled: .cpo)
        }
    }

    /// Whether two Bookings differ in more than `last_updated` (a change worth telling the eMSP).
    public static func differs(_ one: Booking, _ other: Booking) -> Bool {
        var other = other
        other.lastUpdated = one.lastUpdated
        return one != other
    }
}
