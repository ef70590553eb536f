public import Foundation
public import OCPI
import Scheduling
import StationCore

/// Takes an eMSP's BookingRequests: a new request_id books, the same request_id again changes that booking (its
/// period, EVSE, tokens), and one with `canceled` cancels it. The calendar decides at once; the answer is the
/// Booking with the request PENDING, as the add-on's flow has it, and the decision reaches the eMSP as a PUT of the
/// Booking (RESERVED and ACCEPTED through `BookingPushes`, in the calendar's transaction; REJECTED or DECLINED here).
public struct BookingDesk: Sendable {
    let calendar: CalendarService
    let catalog: LocationCatalog
    let store: BookingStore
    let queue: OCPIPushQueue
    let settings: BookingSettings

    public init(calendar: CalendarService, catalog: LocationCatalog, store: BookingStore, queue: OCPIPushQueue, settings: BookingSettings) {
        self.calendar = calendar
        self.catalog = catalog
        self.store = store
        self.queue = queue
        self.settings = settings
    }

    /// The answer to a request: the Booking as it stood when the request was taken (the request PENDING), and the
    /// calendar's reason when it declined.
    public struct Answer: Sendable {
        public var booking: Booking
        public var declined: String?
    }

    public func take(_ request: OCPI.BookingRequest, from party: OCPIParty, at now: Date) async throws -> Answer {
        guard party.isParty(countryCode: request.countryCode, partyID: request.partyID) else {
            throw OCPIError.invalid("party_id: \(request.countryCode)*\(request.partyID) is not a party of the caller's credentials")
        }
        let actor = Actor.emsp(EMSPParty("\(request.countryCode.uppercased())*\(request.partyID.uppercased())"))
        let existing = try await store.booking(countryCode: request.countryCode, partyID: request.partyID, requestID: request.requestID)
        if let existing, existing.emsp != party.name {
            throw OCPIError.invalid("request_id: \(request.requestID) belongs to another platform's booking")
        }
        if let existing, let canceled = request.canceled {
            let pending = BookingStatusMapping.requested(existing.booking, request, at: now)
            return try await carryOut(pending, request, emsp: party.name) {
                try await calendar.cancel(EntryID(existing.booking.id), by: actor, reason: "cancelled by the eMSP: \(canceled.cancellationReason.rawValue)")
            }
        }
        guard request.canceled == nil else {
            throw OCPIError.invalid("request_id: no booking with request_id \(request.requestID) to cancel")
        }
        let (location, evse) = try await place(request, at: now)
        guard let number = BookingLocationPublication.evseNumber(uid: evse.uid) else {
            throw OCPIError(httpStatus: .ok, statusCode: .unknownLocation, message: "evse_uid: \(evse.uid) is not bookable")
        }
        let calendarEVSE = CalendarEVSE.id(station: location.id, evse: number)
        let window = TimeWindow(start: request.period.startFrom.date, end: request.period.endBefore.date)
        if let existing {
            var pending = BookingStatusMapping.requested(existing.booking, request, at: now)
            pending.evseUID = pending.evseUID ?? evse.uid
            return try await carryOut(pending, request, emsp: party.name) {
                try await calendar.modify(EntryID(existing.booking.id), to: EntryChange(window: window, evse: calendarEVSE), by: actor)
            }
        }
        guard let token = request.tokens?.first else { throw OCPIError.invalid("tokens: a booking needs a token (the driver's, for the reservation)") }
        let tariffs = Array(Set(evse.connectors.flatMap { $0.tariffIDs ?? [] })).sorted()
        let pending = BookingStatusMapping.pending(
            id: EntryIDs.generate("B", at: now).rawValue, request: request, locationID: location.id, evseUID: evse.uid,
            tariffIDs: tariffs.isEmpty ? nil : tariffs, cpo: catalog.party, terms: settings.terms(calendar.settings), at: now)
        let driver = DriverToken(
            uid: token.uid, type: DriverToken.Kind(rawValue: token.type.rawValue) ?? .other, contractID: token.contractID,
            emsp: EMSPParty("\(token.countryCode.uppercased())*\(token.partyID.uppercased())"))
        let requirement = ConnectorRequirement(minimumPower: request.powerRequired.map { Watts(Double($0) * 1_000) })
        return try await carryOut(pending, request, emsp: party.name) {
            try await calendar.book(Scheduling.BookingRequest(
                id: EntryID(pending.id), evse: calendarEVSE, window: window, by: actor, token: driver, requirement: requirement))
        }
    }

    /// Runs the calendar's change with the request in flight; a refusal stores and pushes the Booking DECLINED.
    private func carryOut(
        _ pending: Booking, _ request: OCPI.BookingRequest, emsp: String, _ change: @Sendable () async throws -> CalendarChange
    ) async throws -> Answer {
        do {
            _ = try await BookingInFlight.$current.withValue(BookingInFlight(booking: pending, request: request, emsp: emsp)) {
                try await change()
            }
            return Answer(booking: pending, declined: nil)
        } catch let refusal as CalendarRefusal {
            let declined = BookingStatusMapping.declined(pending, at: pending.lastUpdated.date)
            try await store.saveAndPush(declined, emsp: emsp, requestParty: (request.countryCode, request.partyID), queue: queue, at: pending.lastUpdated.date)
            return Answer(booking: pending, declined: refusal.reason)
        }
    }

    /// The published Location and EVSE a request names (ids without case, as OCPI compares CiStrings): 2003 when unknown.
    private func place(_ request: OCPI.BookingRequest, at now: Date) async throws -> (Location, EVSE) {
        var location = try await catalog.location(request.locationID, at: now)
        if location == nil {
            let matches = try await catalog.store.stations(matchingWithoutCase: request.locationID)
            if matches.count == 1, let station = matches.first { location = try await catalog.location(station, at: now) }
        }
        guard let location else {
            throw OCPIError(httpStatus: .ok, statusCode: .unknownLocation, message: "location_id: unknown location \(request.locationID)")
        }
        guard let uid = request.evseUID else {
            throw OCPIError.invalid("evse_uid: cpms books EVSEs: give one of location \(location.id)'s EVSE uids")
        }
        guard let evse = location.evses?.first(where: { $0.uid.caseInsensitiveCompare(uid) == .orderedSame }) else {
            throw OCPIError(httpStatus: .ok, statusCode: .unknownLocation, message: "evse_uid: unknown EVSE \(uid) at location \(location.id)")
        }
        return (location, evse)
    }
}
