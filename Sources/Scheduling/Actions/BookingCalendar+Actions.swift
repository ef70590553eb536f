public import Foundation

extension BookingCalendar {
    /// The actions due at `now` that have not been executed, earliest first.
    ///
    /// A reservation is due from the booking's start until its expiry, a maintenance start until its end;
    /// after that they have lapsed (nothing to reserve or take out any more). A cancelled reservation, a
    /// restore after a maintenance block that took the EVSE out, and a no-show release stay due until done.
    public func dueActions(at now: Date) -> [CalendarAction] {
        var due: [CalendarAction] = []
        for entry in entriesByID.values {
            guard let evse = evses[entry.evse] else { continue }
            appendActions(of: entry, on: evse, at: now, to: &due)
        }
        return due.sorted { ($0.due, $0.rank, $0.id) < ($1.due, $1.rank, $1.id) }
    }

    /// Records an action as done, so it is never offered again. Executing a no-show release releases the
    /// booking: the returned change holds the row to store.
    public mutating func markExecuted(_ action: CalendarAction) -> CalendarChange {
        executed.insert(action.id)
        guard case .releaseNoShow = action.kind, var entry = entriesByID[action.entry], entry.status == .scheduled,
            let start = entry.window.start.wholeSeconds
        else { return CalendarChange() }
        entry.status = .released(at: action.due)
        entry.version += 1
        vacate(entry, start: start)
        return CalendarChange(saved: [entry])
    }

    private func appendActions(of entry: CalendarEntry, on evse: EVSEDescription, at now: Date, to due: inout [CalendarAction]) {
        func action(_ id: ActionID, _ time: Date, _ kind: CalendarAction.Kind) -> CalendarAction {
            CalendarAction(id: id, due: time, evse: evse.id, station: evse.station, stationEVSE: evse.stationEVSE, entry: entry.id, kind: kind)
        }
        let window = entry.window
        switch entry.purpose {
        case .booking(let booking):
            let expiry = expiry(of: window)
            let reserve = ActionID.reserve(entry.id, version: entry.version)
            if entry.status == .scheduled, window.start <= now, now < expiry, !executed.contains(reserve) {
                due.append(action(reserve, window.start, .reserve(token: booking.token, expiry: expiry)))
            }
            if let cancellation = entry.cancellation, cancellation.at <= now, wasReserved(entry) {
                let id = ActionID.cancelReservation(entry.id)
                if !executed.contains(id) { due.append(action(id, cancellation.at, .cancelReservation(reason: cancellation.reason))) }
            }
            let release = ActionID.release(entry.id)
            if settings.terms.noShowTimeout != nil, entry.status == .scheduled, expiry <= now, !executed.contains(release) {
                due.append(action(release, expiry, .releaseNoShow))
            }
        case .maintenance(let maintenance):
            let inoperative = ActionID.inoperative(entry.id)
            if entry.status == .scheduled, window.start <= now, now < window.end, !executed.contains(inoperative) {
                due.append(action(inoperative, window.start, .makeInoperative(reason: maintenance.reason)))
            }
            let restore = ActionID.restore(entry.id)
            let end = entry.cancellation.map { min($0.at, window.end) } ?? window.end
            if executed.contains(inoperative), end <= now, !executed.contains(restore) {
                due.append(action(restore, end, .restore))
            }
        }
    }

    /// Whether any version of the booking was reserved at the station.
    private func wasReserved(_ entry: CalendarEntry) -> Bool {
        (1...max(1, entry.version)).contains { executed.contains(.reserve(entry.id, version: $0)) }
    }
}

extension BookingCalendar {
    /// The earliest instant after `now` at which `dueActions` may offer something new, nil when nothing is
    /// planned. It may be early (the caller then finds nothing and asks again), never late.
    public func nextActionTime(after now: Date) -> Date? {
        var next: Date?
        func consider(_ instant: Date) {
            if instant > now, next.map({ instant < $0 }) ?? true { next = instant }
        }
        for entry in entriesByID.values {
            switch entry.status {
            case .scheduled:
                consider(entry.window.start)
                if entry.isBooking { consider(expiry(of: entry.window)) } else { consider(entry.window.end) }
            case .used:
                break
            case .cancelled(let cancellation):
                consider(cancellation.at)
                if !entry.isBooking { consider(entry.window.end) }
            case .released:
                break
            }
        }
        return next
    }
}
