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
        let minimum = max(step, Seconds(min(query.minimumDuration, 1e15).rounded(.up)))
        let candidates: [EVSEID]
        switch query.scope {
        case .evse(let id): candidates = [id]
        case .station(let station): candidates = evseOrder.filter { evses[$0]?.station == station }
        case .all: candidates = evseOrder
        }
        var searched: [(EVSEID, EVSETimeline)] = []
        searched.reserveCapacity(candidates.count)
        // At most one span more than the entries in the window per EVSE: reserved once, the answer never grows.
        var bound = 0
        for id in candidates {
            guard let evse = evses[id], evse.suits(query.requirement), let timeline = timelines[id] else { continue }
            searched.append((id, timeline))
            bound += timeline.firstStarting(atOrAfter: to + gap) - timeline.firstEnding(after: from - gap) + 1
        }
        var slots: [FreeSlot] = []
        slots.reserveCapacity(bound)
        for (id, timeline) in searched {
            appendFree(of: id, in: timeline, from: from, to: to, minimum: minimum, to: &slots)
        }
        return slots
    }

    private func appendFree(
        of evse: EVSEID, in timeline: EVSETimeline, from: Seconds, to: Seconds, minimum: Seconds, to slots: inout [FreeSlot]
    ) {
        let occupations = timeline.occupations
        var cursor = from
        var index = timeline.firstEnding(after: from - gap)
        while index < occupations.count, cursor < to {
            let occupation = occupations[index]
            if occupation.start - gap >= to { break }
            let end = min(alignedDown(occupation.start - gap), to)
            if end - cursor >= minimum {
                slots.append(FreeSlot(evse: evse, window: TimeWindow(start: Date(seconds: cursor), end: Date(seconds: end))))
            }
            cursor = max(cursor, alignedUp(occupation.end + gap))
            index += 1
        }
        if to - cursor >= minimum {
            slots.append(FreeSlot(evse: evse, window: TimeWindow(start: Date(seconds: cursor), end: Date(seconds: to))))
        }
    }

    func alignedUp(_ instant: Seconds) -> Seconds {
        let remainder = ((instant % step) + step) % step
        return remainder == 0 ? instant : instant - remainder + step
    }

    func alignedDown(_ instant: Seconds) -> Seconds {
        instant - ((instant % step) + step) % step
    }
}
