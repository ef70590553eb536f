public import Foundation

extension BookingCalendar {
    /// Books a window on an EVSE for a driver's token.
    public mutating func book(_ request: BookingRequest, now: Date) throws(CalendarRefusal) -> CalendarChange {
        switch request.by {
        case .emsp(let party) where party == request.token.emsp: break
        case .emsp: throw .notPermitted(request.by, "book for another eMSP's token")
        case .admin: break
        case .technician: throw .notPermitted(request.by, "book")
        }
        guard entriesByID[request.id] == nil else { throw .duplicateEntry(request.id) }
        let evse = try description(of: request.evse)
        let (start, end) = try aligned(request.window)
        guard request.window.start >= now else { throw .startsInThePast(request.window.start, now: now) }
        guard evse.suits(request.requirement) else { throw .unsuitable(evse.id, request.requirement) }
        if let other = timelines[evse.id]?.conflicts(start: start, end: end, gap: gap).first {
            throw conflict(other)
        }
        let entry = CalendarEntry(
            id: request.id, evse: evse.id, window: request.window,
            purpose: .booking(.init(bookedBy: request.by, token: request.token, requirement: request.requirement)),
            createdAt: now)
        occupy(entry, start: start, end: end)
        return CalendarChange(saved: [entry])
    }

    /// Plans a maintenance block; bookings in the way refuse it unless `force`, which cancels them (but not
    /// one in use).
    public mutating func scheduleMaintenance(_ request: MaintenanceRequest, now: Date) throws(CalendarRefusal) -> CalendarChange {
        let technician: String
        switch request.by {
        case .technician(let name), .admin(let name): technician = name
        case .emsp: throw .notPermitted(request.by, "plan maintenance")
        }
        let reason = request.reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .missingReason("a maintenance block") }
        guard entriesByID[request.id] == nil else { throw .duplicateEntry(request.id) }
        let evse = try description(of: request.evse)
        let (start, end) = try aligned(request.window)
        guard request.window.start >= now else { throw .startsInThePast(request.window.start, now: now) }
        let inTheWay = timelines[evse.id]?.conflicts(start: start, end: end, gap: gap) ?? []
        for other in inTheWay {
            guard let entry = entriesByID[other.entry] else { continue }
            // A booking in use (its driver is charging) is never displaced, forced or not.
            if !entry.isBooking || !request.force || entry.status != .scheduled { throw conflict(other) }
        }
        var change = CalendarChange()
        for other in inTheWay {
            guard var booking = entriesByID[other.entry], let details = booking.booking else { continue }
            let cancellation = Cancellation(
                at: now, by: request.by, reason: "maintenance of the EVSE: \(reason)", displacedBy: request.id)
            booking.status = .cancelled(cancellation)
            booking.version += 1
            vacate(booking, start: other.start)
            change.saved.append(booking)
            change.cancellations.append(
                BookingCancellation(
                    booking: booking.id, evse: booking.evse, bookedBy: details.bookedBy, token: details.token,
                    cancellation: cancellation))
        }
        let entry = CalendarEntry(
            id: request.id, evse: evse.id, window: request.window,
            purpose: .maintenance(.init(technician: technician, reason: reason)), createdAt: now)
        occupy(entry, start: start, end: end)
        change.saved.append(entry)
        return change
    }

    /// Moves or extends an entry, into free time only; all of the change or none of it.
    ///
    /// A started entry keeps its start and EVSE; only its end moves (not into the past).
    public mutating func modify(
        _ id: EntryID, to change: EntryChange, by actor: Actor, now: Date, expectedVersion: Int? = nil
    ) throws(CalendarRefusal) -> CalendarChange {
        var entry = try changeable(id, by: actor, expectedVersion: expectedVersion, what: "change")
        guard entry.status == .scheduled || (entry.status.isUsed && actor.isAdmin) else { throw .notChangeable(id, entry.status) }
        if case .emsp = actor, entry.isBooking {
            let deadline = entry.window.start.addingTimeInterval(-settings.terms.changeDeadline)
            guard now <= deadline else { throw .afterChangeDeadline(id, deadline: deadline) }
        }
        guard entry.window.end > now else { throw .alreadyOver(id) }
        let target = try description(of: change.evse ?? entry.evse)
        let (start, end) = try aligned(change.window)
        if entry.window.start <= now {
            guard change.window.start == entry.window.start, target.id == entry.evse else { throw .alreadyStarted(id) }
            guard change.window.end > now else { throw .endsInThePast(change.window.end, now: now) }
        } else {
            guard change.window.start >= now else { throw .startsInThePast(change.window.start, now: now) }
        }
        if let booking = entry.booking, !target.suits(booking.requirement) { throw .unsuitable(target.id, booking.requirement) }
        if let other = timelines[target.id]?.conflicts(start: start, end: end, gap: gap, excluding: id).first {
            throw conflict(other)
        }
        if let oldStart = entry.window.start.wholeSeconds { vacate(entry, start: oldStart) }
        entry.window = change.window
        entry.evse = target.id
        entry.version += 1
        occupy(entry, start: start, end: end)
        return CalendarChange(saved: [entry])
    }

    /// Cancels a booking or a maintenance block with a reason; a booking cancelled by someone else than its
    /// eMSP comes back in `cancellations` so the eMSP can be told.
    public mutating func cancel(
        _ id: EntryID, by actor: Actor, reason: String, now: Date, expectedVersion: Int? = nil
    ) throws(CalendarRefusal) -> CalendarChange {
        var entry = try changeable(id, by: actor, expectedVersion: expectedVersion, what: "cancel")
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !reason.isEmpty else { throw .missingReason("a cancellation") }
        guard entry.status == .scheduled else { throw .notChangeable(id, entry.status) }
        if case .emsp = actor, entry.isBooking {
            let deadline = entry.window.start.addingTimeInterval(-settings.terms.cancelDeadline)
            guard now <= deadline else { throw .afterCancelDeadline(id, deadline: deadline) }
        }
        guard entry.window.end > now else { throw .alreadyOver(id) }
        let cancellation = Cancellation(at: now, by: actor, reason: reason)
        entry.status = .cancelled(cancellation)
        entry.version += 1
        if let start = entry.window.start.wholeSeconds { vacate(entry, start: start) }
        var change = CalendarChange(saved: [entry])
        if let booking = entry.booking, actor != .emsp(booking.token.emsp) {
            change.cancellations.append(
                BookingCancellation(
                    booking: id, evse: entry.evse, bookedBy: booking.bookedBy, token: booking.token, cancellation: cancellation))
        }
        return change
    }

    /// Records that the booked token started charging: the booking is kept and not released as a no-show.
    public mutating func recordUse(of id: EntryID, at instant: Date) throws(CalendarRefusal) -> CalendarChange {
        guard var entry = entriesByID[id] else { throw .unknownEntry(id) }
        guard entry.isBooking, entry.status == .scheduled else { throw .notChangeable(id, entry.status) }
        guard entry.window.contains(instant) else { throw .outsideWindow(id, instant) }
        entry.status = .used(at: instant)
        entry.version += 1
        entriesByID[id] = entry
        return CalendarChange(saved: [entry])
    }

    // MARK: Helpers

    private func changeable(_ id: EntryID, by actor: Actor, expectedVersion: Int?, what: String) throws(CalendarRefusal) -> CalendarEntry {
        guard let entry = entriesByID[id] else { throw .unknownEntry(id) }
        if let expectedVersion, expectedVersion != entry.version {
            throw .staleVersion(id, expected: expectedVersion, current: entry.version)
        }
        switch (entry.purpose, actor) {
        case (_, .admin): break
        case (.booking(let booking), .emsp(let party)) where booking.token.emsp == party: break
        case (.maintenance, .technician): break
        default: throw .notPermitted(actor, "\(what) \(entry.isBooking ? "booking" : "maintenance block") \(id)")
        }
        return entry
    }

    func description(of evse: EVSEID) throws(CalendarRefusal) -> EVSEDescription {
        guard let description = evses[evse] else { throw .unknownEVSE(evse) }
        return description
    }

    /// The window in whole seconds, checked to be non-empty and on slot boundaries.
    func aligned(_ window: TimeWindow) throws(CalendarRefusal) -> (Seconds, Seconds) {
        guard window.end > window.start else { throw .emptyWindow(window) }
        guard let start = window.start.wholeSeconds, start % step == 0 else { throw .notAligned(window.start, step: settings.slotStep) }
        guard let end = window.end.wholeSeconds, end % step == 0 else { throw .notAligned(window.end, step: settings.slotStep) }
        return (start, end)
    }

    private func conflict(_ occupation: EVSETimeline.Occupation) -> CalendarRefusal {
        let other = entriesByID[occupation.entry]
        return .conflict(
            with: occupation.entry,
            window: other?.window ?? TimeWindow(start: Date(seconds: occupation.start), end: Date(seconds: occupation.end)),
            isMaintenance: other?.maintenance != nil)
    }

    mutating func occupy(_ entry: CalendarEntry, start: Seconds, end: Seconds) {
        entriesByID[entry.id] = entry
        timelines[entry.evse]?.insert(.init(start: start, end: end, entry: entry.id))
    }

    mutating func vacate(_ entry: CalendarEntry, start: Seconds) {
        entriesByID[entry.id] = entry
        timelines[entry.evse]?.remove(entry.id, start: start)
    }
}

extension CalendarEntry.Status {
    var isUsed: Bool {
        if case .used = self { true } else { false }
    }
}

extension Actor {
    var isAdmin: Bool {
        if case .admin = self { true } else { false }
    }
}
