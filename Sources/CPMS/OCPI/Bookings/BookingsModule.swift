import Foundation
import Hummingbird
import OCPI
import Scheduling

/// The Bookings add-on as Sender (mod_bookings, "2.3.0-booking-1.0", CPO side), announced in the 2.2.1 version
/// details as module `Booking`, role SENDER:
///
/// - `GET {url}/booking_locations`: every published EVSE as a BookingLocation with its calendar of free timeslots
///   (paged like locations; `timeslot_from` and `timeslot_to` narrow the calendars' window, which otherwise runs
///   from now over the horizon); `GET {url}/booking_locations/{id}` and `.../{id}/{calendar_id}`: one of them.
/// - `GET {url}`: the caller's own Bookings (paged); `POST {url}`: a BookingRequest (`BookingDesk`).
struct BookingsModule: OCPIModule {
    let desk: BookingDesk
    let settings: OCPISettings
    let pageLimit: Int

    var identifier: ModuleID { .bookings }
    var role: InterfaceRole { .sender }

    func addRoutes(to group: RouterGroup<OCPIRequestContext>) {
        group.get { request, context in
            let pagination = try OCPIPagedReply.pagination(request, maximumLimit: pageLimit)
            let bookings = try await desk.store.bookings(emsp: try context.party.name)
            return try OCPIPagedReply.page(
                bookings, lastUpdated: { $0.lastUpdated.date }, pagination: pagination, url: settings.moduleURL(identifier), context: context)
        }
        group.post { request, context in
            let bookingRequest = try await OCPIBody.decode(OCPI.BookingRequest.self, from: request)
            let answer = try await desk.take(bookingRequest, from: try context.party, at: context.receivedAt)
            let response = OCPIResponse(
                data: answer.booking, statusCode: .success, statusMessage: answer.declined.map { "declined: \($0)" },
                timestamp: OCPIDateTime(context.receivedAt))
            return try OCPIReply.envelope(response, status: .ok)
        }
        group.get("booking_locations") { request, context in
            let pagination = try OCPIPagedReply.pagination(request, maximumLimit: pageLimit)
            let window = try Self.window(request, now: context.receivedAt, horizon: desk.settings.horizon)
            return try OCPIPagedReply.page(
                try await bookingLocations(window: window, at: context.receivedAt), lastUpdated: { $0.lastUpdated.date },
                pagination: pagination, url: settings.moduleURL(identifier) + "/booking_locations", context: context)
        }
        group.get("booking_locations/:booking_location_id") { request, context in
            try OCPIReply.success(try await bookingLocation(request, context), context: context)
        }
        group.get("booking_locations/:booking_location_id/:calendar_id") { request, context in
            let bookingLocation = try await bookingLocation(request, context)
            let id = try OCPIPagedReply.parameter("calendar_id", context)
            guard let calendar = bookingLocation.calendars?.first(where: { $0.id.caseInsensitiveCompare(id) == .orderedSame }) else {
                throw OCPIError.notFound("no calendar \(id) of booking location \(bookingLocation.id) (an EVSE without free time has none)", statusCode: .unknownLocation)
            }
            return try OCPIReply.success(calendar, context: context)
        }
    }

    private func bookingLocation(_ request: Request, _ context: OCPIRequestContext) async throws -> BookingLocation {
        let id = try OCPIPagedReply.parameter("booking_location_id", context)
        let window = try Self.window(request, now: context.receivedAt, horizon: desk.settings.horizon)
        guard let found = try await bookingLocations(window: window, at: context.receivedAt).first(where: { $0.id.caseInsensitiveCompare(id) == .orderedSame })
        else { throw OCPIError.notFound("unknown booking location \(id)", statusCode: .unknownLocation) }
        return found
    }

    /// Every published EVSE as a BookingLocation, by location and EVSE.
    func bookingLocations(window: TimeWindow, at now: Date) async throws -> [BookingLocation] {
        let terms = desk.settings.terms(desk.calendar.settings)
        let slotStep = desk.calendar.settings.slotStep
        var result: [BookingLocation] = []
        for location in try await desk.catalog.locations(at: now) {
            var calendars: [String: BookingLocationPublication.EVSECalendar] = [:]
            for evse in location.evses ?? [] {
                guard let number = BookingLocationPublication.evseNumber(uid: evse.uid) else { continue }
                let free = await desk.calendar.freeSlots(FreeSlotQuery(
                    scope: .evse(CalendarEVSE.id(station: location.id, evse: number)), window: window, minimumDuration: slotStep))
                let entries = await desk.calendar.entries(station: location.id, evse: number)
                calendars[evse.uid] = .init(free: free.map(\.window), lastChange: BookingLocationPublication.lastChange(of: entries))
            }
            result += BookingLocationPublication.bookingLocations(location, calendars: calendars, window: window, slotStep: slotStep, terms: terms)
        }
        return result
    }

    /// The calendars' window: from now (or a later `timeslot_from`) to the horizon (or an earlier `timeslot_to`).
    static func window(_ request: Request, now: Date, horizon: TimeInterval) throws(OCPIError) -> TimeWindow {
        func date(_ name: String) throws(OCPIError) -> Date? {
            guard let text = request.uri.queryParameters.get(name) else { return nil }
            guard let value = OCPIDateTime(text) else { throw OCPIError.invalid("\(name): must be an RFC 3339 date-time, got \"\(text)\"") }
            return value.date
        }
        let start = max(now, try date("timeslot_from") ?? now)
        let end = min(now.addingTimeInterval(horizon), try date("timeslot_to") ?? .distantFuture)
        guard end > start else { throw OCPIError.invalid("timeslot_to: must be after timeslot_from, now, and within \(Int(horizon / 86_400)) days from now") }
        return TimeWindow(start: start, end: end)
    }
}
