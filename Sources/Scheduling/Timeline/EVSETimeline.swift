/// One EVSE's entries that hold time, sorted by start. They never overlap, so ends are sorted too and a
/// binary search finds the neighbours of any instant.
struct EVSETimeline: Sendable {
    struct Occupation: Sendable, Equatable {
        var start: Seconds
        var end: Seconds
        var entry: EntryID
    }

    private(set) var occupations: [Occupation] = []

    /// The index of the first occupation whose start is at or after `instant`.
    func firstStarting(atOrAfter instant: Seconds) -> Int {
        var low = 0
        var high = occupations.count
        while low < high {
            let middle = (low + high) / 2
            if occupations[middle].start < instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The index of the first occupation whose end is after `instant`.
    func firstEnding(after instant: Seconds) -> Int {
        var low = 0
        var high = occupations.count
        while low < high {
            let middle = (low + high) / 2
            if occupations[middle].end <= instant { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// The occupations within `gap` of [start, end), earliest first, leaving out `excluded`.
    func conflicts(start: Seconds, end: Seconds, gap: Seconds, excluding excluded: EntryID? = nil) -> [Occupation] {
        var index = firstEnding(after: start - gap)
        var found: [Occupation] = []
        while index < occupations.count, occupations[index].start < end + gap {
            if occupations[index].entry != excluded { found.append(occupations[index]) }
            index += 1
        }
        return found
    }

    mutating func insert(_ occupation: Occupation) {
        occupations.insert(occupation, at: firstStarting(atOrAfter: occupation.start))
    }

    mutating func remove(_ entry: EntryID, start: Seconds) {
        var index = firstStarting(atOrAfter: start)
        while index < occupations.count, occupations[index].start == start {
            if occupations[index].entry == entry {
                occupations.remove(at: index)
                return
            }
            index += 1
        }
    }
}
