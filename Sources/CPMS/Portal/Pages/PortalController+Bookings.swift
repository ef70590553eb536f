import Foundation
import Hummingbird
import Scheduling
import StationCore

/// `/portal/bookings`: the booking calendar of a station by socket (day or week), maintenance blocks scheduled
/// and cancelled by technicians and admins, bookings cancelled by admins. Every change goes through
/// `CalendarService`, as the API's do (so status_schedule pushes, eMSP cancellations and the station's
/// ChangeAvailability follow the same way), and is written to the audit log.
extension PortalController {
    func bookingsPage(_ request: Request, _ call: Call) async throws -> Response {
        let query = PortalForm(encoded: request.uri.query ?? "")
        var input: MaintenanceFormInput?
        if let start = query["start"] {
            input = MaintenanceFormInput(evse: query["evse"].flatMap(Int.init), start: start, end: query["end"] ?? "", reason: "")
        }
        var notice: PortalNotice?
        if let id = query["scheduled"] {
            notice = .ok("Maintenance \(id) is scheduled; the eMSPs are sent the socket's new status schedule.")
        } else if let id = query["cancelled"] {
            let entry = EntryIDs.problem(id) == nil ? await calendar?.entry(EntryID(id)) : nil
            let what = entry.map { $0.isBooking ? "Booking" : "Maintenance" } ?? "Entry"
            notice = .ok("\(what) \(id) is cancelled.")
        }
        return try await bookingsView(
            call, station: query["station"], date: query["date"], view: query["view"], input: input, conflict: nil, notice: notice, status: .ok)
    }

    func scheduleMaintenance(_ call: Call) async throws -> Response {
        let session = try call.signedIn
        guard let calendar else { throw HTTPError(.serviceUnavailable, message: "The booking calendar is not running.") }
        let form = call.form
        let station = form["station"] ?? ""
        var input = MaintenanceFormInput(
            evse: form["evse"].flatMap(Int.init), start: form["start"] ?? "", end: form["end"] ?? "", reason: form["reason"] ?? "")
        let start = BookingsRange.parseTime(input.start), end = BookingsRange.parseTime(input.end)
        if input.evse == nil { input.errors["evse"] = "choose a socket" }
        if start == nil { input.errors["start"] = "write the start as YYYY-MM-DD HH:MM (UTC)" }
        if end == nil { input.errors["end"] = "write the end as YYYY-MM-DD HH:MM (UTC)" }
        if let start, let end, end <= start { input.errors["end"] = "must be after the start" }
        let reason = input.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        if reason.isEmpty { input.errors["reason"] = "say why the socket is taken out of service" }
        if reason.count > 500 { input.errors["reason"] = "at most 500 characters" }
        let rerender = { (input: MaintenanceFormInput, conflict: BookingsPage.Conflict?, status: HTTPResponse.Status) in
            try await bookingsView(
                call, station: station, date: form["date"], view: form["view"], input: input, conflict: conflict,
                notice: .error("The maintenance block was not scheduled: \(conflict == nil ? "see the form below" : "the time is taken")."),
                status: status)
        }
        guard StationIdentity.isValid(station), let evse = input.evse, await calendar.isDescribed(station: station, evse: evse) else {
            if input.evse != nil { input.errors["evse"] = "this station has no such socket in the calendar" }
            return try await rerender(input, nil, .unprocessableContent)
        }
        guard input.errors.isEmpty, let start, let end else { return try await rerender(input, nil, .unprocessableContent) }
        let now = clock.wallTime
        let actor: Scheduling.Actor = session.role == .admin ? .admin(session.user) : .technician(session.user)
        let request = MaintenanceRequest(
            id: EntryIDs.generate("M", at: now), evse: CalendarEVSE.id(station: station, evse: evse),
            window: TimeWindow(start: start, end: end), by: actor, reason: reason)
        let change: CalendarChange
        do {
            change = try await calendar.scheduleMaintenance(request)
        } catch let refusal as CalendarRefusal {
            switch refusal {
            case .conflict(let other, _, _):
                return try await rerender(input, await conflictExplanation(other, calendar: calendar), .conflict)
            case .startsInThePast, .notAligned(start, _):
                input.errors["start"] = refusal.reason
            case .notAligned, .emptyWindow, .endsInThePast:
                input.errors["end"] = refusal.reason
            case .missingReason:
                input.errors["reason"] = refusal.reason
            case .unknownEVSE:
                input.errors["evse"] = refusal.reason
            default:
                return try await rerender(input, BookingsPage.Conflict(text: refusal.reason, entry: nil), .conflict)
            }
            return try await rerender(input, nil, .unprocessableContent)
        } catch let error as CalendarStoreError {
            return try await rerender(input, BookingsPage.Conflict(text: "\(error); try again", entry: nil), .conflict)
        }
        guard let entry = change.saved.last else { throw HTTPError(.internalServerError, message: "The calendar stored nothing.") }
        try await audit.record(
            actor: try call.actor, action: "maintenance.schedule", target: "maintenance:\(entry.id.rawValue)",
            before: CalendarEntryView?.none, after: CalendarEntryView(entry), at: now)
        return Self.redirect(to: "/portal/bookings?" + BookingsPage.query([
            "station": station, "date": form["date"] ?? BookingsRange.dayText(start), "view": form["view"] ?? "day",
            "scheduled": entry.id.rawValue,
        ]))
    }

    /// Cancels a maintenance block (`booking == false`) or a booking; the route's permission says who may.
    func cancelCalendarEntry(_ call: Call, booking: Bool) async throws -> Response {
        let session = try call.signedIn
        guard let calendar else { throw HTTPError(.serviceUnavailable, message: "The booking calendar is not running.") }
        let form = call.form
        let id = form["entry"] ?? ""
        let what = booking ? "booking" : "maintenance block"
        let refuse = { (text: String, status: HTTPResponse.Status) in
            try await bookingsView(
                call, station: form["station"], date: form["date"], view: form["view"], input: nil, conflict: nil,
                notice: .error("The \(what) was not cancelled: \(text)"), status: status)
        }
        guard EntryIDs.problem(id) == nil, let before = await calendar.entry(EntryID(id)), before.isBooking == booking else {
            return try await refuse("there is no \(what) \(id).", .notFound)
        }
        let reason = (form["reason"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        let actor: Scheduling.Actor = session.role == .admin ? .admin(session.user) : .technician(session.user)
        let now = clock.wallTime
        let change: CalendarChange
        do {
            change = try await calendar.cancel(
                before.id, by: actor, reason: reason.isEmpty ? "cancelled in the portal" : String(reason.prefix(500)),
                expectedVersion: form["version"].flatMap(Int.init))
        } catch let refusal as CalendarRefusal {
            return try await refuse(refusal.reason + ".", .conflict)
        } catch let error as CalendarStoreError {
            return try await refuse("\(error); try again.", .conflict)
        }
        let after = change.saved.last ?? before
        try await audit.record(
            actor: try call.actor, action: booking ? "booking.cancel" : "maintenance.cancel",
            target: "\(booking ? "booking" : "maintenance"):\(id)", before: CalendarEntryView(before), after: CalendarEntryView(after), at: now)
        return Self.redirect(to: "/portal/bookings?" + BookingsPage.query([
            "station": form["station"] ?? "", "date": form["date"] ?? BookingsRange.dayText(before.window.start),
            "view": form["view"] ?? "day", "cancelled": id,
        ]))
    }

    private func conflictExplanation(_ other: EntryID, calendar: CalendarService) async -> BookingsPage.Conflict {
        guard let entry = await calendar.entry(other) else {
            return BookingsPage.Conflict(text: "Another entry (\(other.rawValue)) is in the way.", entry: other.rawValue)
        }
        let start = PortalFormat.dateTime(entry.window.start), end = PortalFormat.dateTime(entry.window.end)
        let times = "\(start)–\(start.prefix(10) == end.prefix(10) ? String(end.suffix(5)) : end) UTC"
        let gap = calendar.settings.turnaroundGap
        let gapText = gap > 0 ? " (with the \(BookingsPage.duration(gap)) turnaround gap kept between entries)" : ""
        let text: String
        if let booking = entry.booking {
            text = "Booking \(entry.id.rawValue) of eMSP \(booking.token.emsp.rawValue) (token \(booking.token.uid)) holds the socket \(times)\(gapText). "
                + "Choose a free slot, or ask an admin to cancel the booking first (its eMSP is then told)."
        } else {
            text = "Maintenance \(entry.id.rawValue) (\(entry.maintenance?.reason ?? ""), \(entry.maintenance?.technician ?? "")) already blocks the socket \(times)\(gapText). "
                + "Choose a free slot, or cancel that block first."
        }
        return BookingsPage.Conflict(text: text, entry: entry.id.rawValue)
    }

    private func bookingsView(
        _ call: Call, station requested: String?, date: String?, view: String?, input: MaintenanceFormInput?,
        conflict: BookingsPage.Conflict?, notice: PortalNotice?, status: HTTPResponse.Status
    ) async throws -> Response {
        let session = try call.signedIn
        guard let calendar else { throw HTTPError(.serviceUnavailable, message: "The booking calendar is not running.") }
        let now = clock.wallTime
        let described = await calendar.describedConnectors()
        var stations: [String] = []
        for connector in described where stations.last != connector.station { stations.append(connector.station) }
        let station = requested.flatMap { stations.contains($0) ? $0 : nil } ?? stations.first ?? ""
        let range = BookingsRange(
            kind: view.flatMap(BookingsRange.Kind.init(rawValue:)) ?? .day, day: date.flatMap(BookingsRange.parseDay) ?? now)
        var notice = notice
        if notice == nil, let requested, !requested.isEmpty, requested != station {
            notice = .error("Station \(requested) has no sockets in the booking calendar; showing \(station.isEmpty ? "none" : station).")
        }
        if notice == nil, let date, !date.isEmpty, BookingsRange.parseDay(date) == nil {
            notice = .error("The day must be written YYYY-MM-DD; showing \(BookingsRange.dayText(range.day)).")
        }
        var entries: [CalendarEntry] = [], slots: [FreeSlot] = []
        if !station.isEmpty {
            entries = await calendar.entries(station: station, overlapping: TimeWindow(start: range.start, end: range.end))
            // The search takes whole seconds (a real clock has fractions).
            let from = max(range.start, Date(timeIntervalSince1970: now.timeIntervalSince1970.rounded(.up)))
            if from < range.end {
                slots = await calendar.freeSlots(FreeSlotQuery(
                    scope: .station(StationID(station)), window: TimeWindow(start: from, end: range.end),
                    minimumDuration: calendar.settings.slotStep))
            }
        }
        let page = BookingsPage.build(
            station: station, stations: stations, connectors: described.filter { $0.station == station }, entries: entries, freeSlots: slots,
            range: range, now: now, slotStep: calendar.settings.slotStep, role: session.role, csrf: session.csrfToken, input: input,
            conflict: conflict)
        return try renderer.page(
            "bookings",
            PortalPageContext(
                title: "Bookings", chrome: chrome(session, current: "/portal/bookings"), notice: notice, scripts: [], content: page),
            status: status)
    }
}
