import Foundation
import Hummingbird
import Scheduling
import StationCore

/// `/api/calendar/...` and `/api/stations/{id}/evses...`: the booking calendar (free slots, bookings,
/// maintenance blocks, executed actions) and the EVSE descriptions that make EVSEs bookable.
///
/// Every change goes through `CalendarService`, which stores it before the answer; a refused request (400, 404,
/// 409) changes nothing. The API's caller is an admin named by its token (`cpms token add NAME`).
struct CalendarController<Context: RequestContext>: Sendable {
    let calendar: CalendarService
    let registry: StationRegistry
    let tokens: APITokenStore
    let clock: any StationClock

    /// The longest window a free-slot search or an entry listing covers.
    static var longestWindow: TimeInterval { 92 * 86_400 }

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("calendar/free-slots") { request, _ in try await freeSlots(request) }
        group.post("calendar/bookings") { request, context in
            let body = try await APIJSON.body(CalendarBodies.Booking.self, of: request, context: context)
            let now = clock.wallTime
            let booking = BookingRequest(
                id: try CalendarBodies.entryID(body.id, prefix: "B", at: now),
                evse: try CalendarBodies.evse(station: body.station, evse: body.evseId),
                window: try CalendarBodies.window(start: body.start, end: body.end), by: .admin(try await caller(request)),
                token: try CalendarBodies.token(body.token),
                requirement: try body.requirement.map {
                    try CalendarBodies.requirement(standard: $0.standard, powerType: $0.powerType, minPower: $0.minPower, prefix: "requirement.")
                } ?? .any)
            return try await answer(window: booking.window, status: .created) { try await calendar.book(booking) }
        }
        group.post("calendar/maintenance") { request, context in
            let body = try await APIJSON.body(CalendarBodies.Maintenance.self, of: request, context: context)
            if let technician = body.technician, !(1...100).contains(technician.count) {
                throw APIError(.badRequest, "technician: must be 1 to 100 characters")
            }
            guard !body.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw APIError(.badRequest, "reason: must not be empty") }
            let admin = try await caller(request)
            let maintenance = MaintenanceRequest(
                id: try CalendarBodies.entryID(body.id, prefix: "M", at: clock.wallTime),
                evse: try CalendarBodies.evse(station: body.station, evse: body.evseId),
                window: try CalendarBodies.window(start: body.start, end: body.end),
                by: body.technician.map(Actor.technician) ?? .admin(admin), reason: body.reason, force: body.force ?? false)
            return try await answer(window: maintenance.window, status: .created) { try await calendar.scheduleMaintenance(maintenance) }
        }
        group.get("calendar/entries") { request, _ in
            let station = try Self.station(request)
            let evse = try Self.optionalEVSE(request, station: station).flatMap { try? CalendarStore.location(of: $0).1 }
            let from = try Self.optionalDate(request, "from"), to = try Self.optionalDate(request, "to")
            if let from, let to, to <= from { throw APIError(.badRequest, "to: must be after from") }
            let window = (from != nil || to != nil)
                ? TimeWindow(start: from ?? .distantPast, end: to ?? .distantFuture) : nil
            let entries = await calendar.entries(station: station, evse: evse, overlapping: window)
            return try APIJSON.response(entries.map(CalendarEntryView.init))
        }
        group.get("calendar/entries/:id") { _, context in
            let id = try entryID(context)
            guard let entry = await calendar.entry(id) else { throw APIError(.notFound, "no booking or maintenance block \(id)") }
            return try APIJSON.response(CalendarEntryView(entry))
        }
        group.patch("calendar/entries/:id") { request, context in
            let id = try entryID(context)
            let body = try await APIJSON.body(CalendarBodies.Modification.self, of: request, context: context)
            let window = try CalendarBodies.window(start: body.start, end: body.end)
            var evse: EVSEID?
            if body.station != nil || body.evseId != nil {
                guard let evseId = body.evseId else { throw APIError(.badRequest, "evse_id: needed with station") }
                let current = await calendar.entry(id).flatMap { try? CalendarStore.location(of: $0.evse).0 }
                guard let station = body.station ?? current else {
                    throw APIError(.notFound, "no booking or maintenance block \(id)")
                }
                evse = try CalendarBodies.evse(station: station, evse: evseId)
            }
            let admin = Actor.admin(try await caller(request))
            return try await answer(window: window) {
                try await calendar.modify(id, to: EntryChange(window: window, evse: evse), by: admin, expectedVersion: body.version)
            }
        }
        group.post("calendar/entries/:id/cancel") { request, context in
            let id = try entryID(context)
            let body = try await APIJSON.body(CalendarBodies.CancelRequest.self, of: request, context: context)
            return try await cancel(id, reason: body.reason, version: body.version, request: request)
        }
        group.delete("calendar/entries/:id") { request, context in
            let id = try entryID(context)
            guard let reason = request.uri.queryParameters["reason"].map(String.init) else {
                throw APIError(.badRequest, "reason: give the reason as ?reason=...")
            }
            return try await cancel(id, reason: reason, version: try TariffsController<Context>.optionalInteger(request, "version"), request: request)
        }
        group.get("calendar/actions") { request, _ in
            let station = try Self.station(request)
            let from = try Self.optionalDate(request, "from"), to = try Self.optionalDate(request, "to")
            let limit = try TariffsController<Context>.optionalInteger(request, "limit") ?? 1_000
            guard (1...10_000).contains(limit) else { throw APIError(.badRequest, "limit: must be 1...10000") }
            let actions = try await calendar.executedActions(station: station, from: from, to: to, limit: limit)
            return try APIJSON.response(actions.map(ExecutedActionView.init))
        }
        group.get("evses") { _, _ in
            try APIJSON.response(EVSEView.group(await calendar.describedConnectors()))
        }
        group.get("stations/:id/evses") { _, context in
            let station = try pathStation(context)
            return try APIJSON.response(EVSEView.group(await calendar.describedConnectors(station: station)))
        }
        group.put("stations/:id/evses/:evse/connectors/:connector") { request, context in
            let station = try pathStation(context)
            guard let evse = context.parameters.get("evse").flatMap(Int.init), (1...1_000).contains(evse) else {
                throw APIError(.badRequest, "evse: must be 1...1000")
            }
            guard let number = context.parameters.get("connector").flatMap(Int.init), (1...100).contains(number) else {
                throw APIError(.badRequest, "connector: must be 1...100")
            }
            let body = try await APIJSON.body(CalendarBodies.Connector.self, of: request, context: context)
            let connector = try CalendarBodies.connector(body, station: station, evse: evse, connector: number)
            guard try await registry.station(station) != nil else { throw APIError(.notFound, "unknown station \(station)") }
            try await calendar.describe(connector)
            let described = await calendar.describedConnectors(station: station).filter { $0.evse == evse }
            return try APIJSON.response(EVSEView.group(described).first)
        }
    }

    // MARK: Handlers

    private func freeSlots(_ request: Request) async throws -> Response {
        let station = try Self.station(request)
        let evse = try Self.optionalEVSE(request, station: station)
        let parameters = request.uri.queryParameters
        let requirement = try CalendarBodies.requirement(
            standard: parameters["standard"].map(String.init), powerType: parameters["power_type"].map(String.init),
            minPower: try TariffsController<Context>.optionalInteger(request, "min_power").map(Double.init), prefix: "")
        let from = try Self.optionalDate(request, "from") ?? clock.wallTime
        let to = try Self.optionalDate(request, "to") ?? from.addingTimeInterval(86_400)
        guard to > from else { throw APIError(.badRequest, "to: must be after from") }
        guard to.timeIntervalSince(from) <= Self.longestWindow else { throw APIError(.badRequest, "to: at most 92 days after from") }
        let minimum = try TariffsController<Context>.optionalInteger(request, "min_duration") ?? Int(calendar.settings.slotStep)
        guard (1...Int(Self.longestWindow)).contains(minimum) else { throw APIError(.badRequest, "min_duration: must be 1 or more seconds") }
        let scope: FreeSlotQuery.Scope = if let evse { .evse(evse) } else if let station { .station(StationID(station)) } else { .all }
        let slots = await calendar.freeSlots(
            FreeSlotQuery(scope: scope, requirement: requirement, window: TimeWindow(start: from, end: to), minimumDuration: TimeInterval(minimum)))
        return try APIJSON.response(slots.map(FreeSlotView.init))
    }

    private func cancel(_ id: EntryID, reason: String, version: Int?, request: Request) async throws -> Response {
        guard !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw APIError(.badRequest, "reason: must not be empty") }
        let admin = Actor.admin(try await caller(request))
        return try await answer(window: nil) { try await calendar.cancel(id, by: admin, reason: reason, expectedVersion: version) }
    }

    /// Runs a change and answers with what it stored, or with the refusal (nothing changed).
    private func answer(
        window: TimeWindow?, status: HTTPResponse.Status = .ok, _ change: () async throws -> CalendarChange
    ) async throws -> Response {
        let result: CalendarChange
        do {
            result = try await change()
        } catch let refusal as CalendarRefusal {
            return try await refused(refusal, window: window)
        } catch let error as CalendarStoreError {
            if case .corrupt = error { throw error }
            throw APIError(.conflict, "\(error); try again")
        }
        // The requested entry is saved last (a forced maintenance block saves the bookings it cancels first).
        guard let entry = result.saved.last else { throw APIError(.internalServerError, "the calendar stored nothing") }
        let cancelled = result.saved.dropLast().map(CalendarEntryView.init)
        return try APIJSON.response(CalendarChangeView(entry: CalendarEntryView(entry), cancelledBookings: cancelled), status: status)
    }

    private func refused(_ refusal: CalendarRefusal, window: TimeWindow?) async throws -> Response {
        let reason = refusal.reason
        switch refusal {
        case .unknownEntry: throw APIError(.notFound, reason)
        case .unknownEVSE(let evse):
            throw APIError(.badRequest, "evse_id: \(reason); describe it first (PUT /api/stations/STATION/evses/EVSE/connectors/1, or cpms evse set) [\(evse)]")
        case .emptyWindow, .endsInThePast: throw APIError(.badRequest, "end: \(reason)")
        case .startsInThePast: throw APIError(.badRequest, "start: \(reason)")
        case .notAligned(let instant, _): throw APIError(.badRequest, "\(instant == window?.start ? "start" : "end"): \(reason)")
        case .missingReason: throw APIError(.badRequest, "reason: \(reason)")
        case .unsuitable: throw APIError(.badRequest, "evse_id: \(reason)")
        case .invalidSettings, .inconsistentStore: throw APIError(.internalServerError, reason)
        case .conflict(let other, _, _):
            let entry = await calendar.entry(other).map(CalendarEntryView.init)
            return try APIJSON.response(CalendarRefusalView(error: reason, refusal: "conflict", conflictingEntry: entry), status: .conflict)
        case .duplicateEntry, .staleVersion, .alreadyStarted, .alreadyOver, .outsideWindow, .afterChangeDeadline, .afterCancelDeadline,
            .notChangeable, .notPermitted:
            return try APIJSON.response(CalendarRefusalView(error: reason, refusal: Self.code(refusal), conflictingEntry: nil), status: .conflict)
        }
    }

    /// A refusal's code for programs (the portal, OCPI).
    static func code(_ refusal: CalendarRefusal) -> String {
        switch refusal {
        case .invalidSettings: "invalid_settings"
        case .unknownEVSE: "unknown_evse"
        case .unknownEntry: "unknown_entry"
        case .duplicateEntry: "duplicate_entry"
        case .staleVersion: "stale_version"
        case .emptyWindow: "empty_window"
        case .notAligned: "not_aligned"
        case .startsInThePast: "starts_in_the_past"
        case .endsInThePast: "ends_in_the_past"
        case .alreadyStarted: "already_started"
        case .alreadyOver: "already_over"
        case .outsideWindow: "outside_window"
        case .conflict: "conflict"
        case .unsuitable: "unsuitable"
        case .afterChangeDeadline: "after_change_deadline"
        case .afterCancelDeadline: "after_cancel_deadline"
        case .notChangeable: "not_changeable"
        case .notPermitted: "not_permitted"
        case .missingReason: "missing_reason"
        case .inconsistentStore: "inconsistent_store"
        }
    }

    // MARK: Parameters

    /// The name of the API token that made the request (the middleware has checked it).
    private func caller(_ request: Request) async throws -> String {
        let header = request.headers[.authorization] ?? ""
        let token = String(header.dropFirst("bearer ".count)).trimmingCharacters(in: .whitespaces)
        guard let name = try await tokens.name(ofToken: token) else { throw APIError(.unauthorized, "unknown API token") }
        return name
    }

    private func entryID(_ context: Context) throws -> EntryID {
        guard let id = context.parameters.get("id"), EntryIDs.problem(id) == nil else { throw APIError(.badRequest, "invalid entry id") }
        return EntryID(id)
    }

    private func pathStation(_ context: Context) throws -> String {
        guard let station = context.parameters.get("id"), StationIdentity.isValid(station) else { throw APIError(.badRequest, "invalid station id") }
        return station
    }

    static func station(_ request: Request) throws -> String? {
        guard let text = request.uri.queryParameters["station"].map(String.init) else { return nil }
        guard StationIdentity.isValid(text) else { throw APIError(.badRequest, "station: not a valid station id") }
        return text
    }

    static func optionalEVSE(_ request: Request, station: String?) throws -> EVSEID? {
        guard let number = try TariffsController<Context>.optionalInteger(request, "evse") else { return nil }
        guard let station else { throw APIError(.badRequest, "evse: needs station") }
        return try CalendarBodies.evse(station: station, evse: number, evseField: "evse")
    }

    static func optionalDate(_ request: Request, _ name: String) throws -> Date? {
        try request.uri.queryParameters[name[...]].map { try CommandBodies.date(String($0), field: name) }
    }
}
