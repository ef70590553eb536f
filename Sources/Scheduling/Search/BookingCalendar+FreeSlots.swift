import Foundation

extension BookingCalendar {
    /// The free spans, at least `minimumDuration` long, of every EVSE in scope that meets the requirement,
    /// within the query's window; by EVSE id, then by time.
    ///
    /// Each EVSE costs a binary search and a walk over its entries inside the window.
    public func freeSlots(_ query: FreeSlotQuery) -> [FreeSlot] {
        guard let from = query.window.start.wholeSeconds.map(alignedUp), let to = query.window.end.wholeSeconds.map(alignedDown),
            from < to, query.minimumDuration.isFinite
        else { return [] }
        let minimum = max(step, Seconds(query.minimumDuration.rounded(.up)))
        var slots: [FreeSlot] = []
        switch query.scope {
        case .evse(let id):
            if let evse = evses[id], evse.suits(query.requirement) { appendFree(of: evse.id, from: from, to: to, minimum: minimum, to: &slots) }
        case .station(let station):
            for id in evseOrder {
                guard let evse = evses[id], evse.station == station, evse.suits(query.requirement) else { continue }
                appendFree(of: id, from: from, to: to, minimum: minimum, to: &slots)
            }
        case .all:
            for id in evseOrder {
                guard let evse = evses[id], evse.suits(query.requirement) else { continue }
                appendFree(of: id, from: from, to: to, minimum: minimum, to: &slots)
            }
        }
        return slots
    }

    private func appendFree(of evse: EVSEID, from: Seconds, to: Seconds, minimum: Seconds, to slots: inout [FreeSlot]) {
        guard let timeline = timelines[evse] else { return }
        let occupations = timeline.occupations
        var cursor = from
        var index = timeline.firstEnding(after: from - gap)
        func add(until end: Seconds) {
            let end = min(end, to)
            if end - cursor >= minimum {
                slots.append(FreeSlot(evse: evse, window: TimeWindow(start: Date(seconds: cursor), end: Date(seconds: end))))
            }
        }
        while index < occupations.count, cursor < to {
            let occupation = occupations[index]
            if occupation.start - gap >= to { break }
            add(until: alignedDown(occupation.start - gap))
            cursor = max(cursor, alignedUp(occupation.end + gap))
            index += 1
        }
        if cursor < to { add(until: to) }
    }

    func alignedUp(_ instant: Seconds) -> Seconds {
        let remainder = ((instant % step) + step) % step
        return remainder == 0 ? instant : instant - remainder + step
    }

    func alignedDown(_ instant: Seconds) -> Seconds {
        instant - ((instant % step) + step) % step
    }
}
