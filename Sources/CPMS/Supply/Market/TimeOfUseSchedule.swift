public import Foundation

/// Why a time-of-use contract was refused.
public struct TimeOfUseError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// A static time-of-use contract, checked, that gives its price intervals over any span.
///
/// A period belongs to the local day it starts on (`weekdays` are that day's ISO weekdays); one whose `to` is
/// not after its `from` runs over midnight into the next day. Local times are read in the contract's IANA zone:
/// on the spring DST day a time the clocks skip is read as the moment they jump (so 02:00-03:00 in
/// Europe/Berlin is empty that day), on the autumn day a repeated time is its first occurrence (02:00-03:00
/// lasts two hours). Hours no period covers have no price: planning uses the contract's fallback there.
public struct TimeOfUseSchedule: Sendable {
    struct Period: Sendable {
        var fromMinute: Int
        var toMinute: Int
        var weekdays: Set<Int>
        var pricePerKWh: Decimal
        var overMidnight: Bool { toMinute <= fromMinute }
    }

    public let timeZone: TimeZone
    let periods: [Period]
    static let maxAbsolutePricePerKWh: Decimal = 1000

    public init(_ settings: TimeOfUseSettings) throws(TimeOfUseError) {
        guard TimeZone.knownTimeZoneIdentifiers.contains(settings.timeZone) || settings.timeZone == "UTC", let zone = TimeZone(identifier: settings.timeZone) else {
            throw TimeOfUseError("timeZone \(settings.timeZone) is not an IANA time zone such as Europe/Berlin")
        }
        guard !settings.periods.isEmpty else { throw TimeOfUseError("periods must not be empty") }
        guard settings.periods.count <= 200 else { throw TimeOfUseError("periods has more than 200 entries") }
        var periods: [Period] = []
        for (index, period) in settings.periods.enumerated() {
            let path = "periods[\(index)]"
            guard let from = Self.minute(period.from), from < 1440 else { throw TimeOfUseError("\(path).from must be HH:MM from 00:00 to 23:59, got \"\(period.from.prefix(16))\"") }
            guard let to = Self.minute(period.to) else { throw TimeOfUseError("\(path).to must be HH:MM from 00:00 to 24:00, got \"\(period.to.prefix(16))\"") }
            guard from != to % 1440 || to == 1440 else {
                throw TimeOfUseError("\(path) from \(period.from) to \(period.to) is empty (a whole day is 00:00 to 24:00)")
            }
            let weekdays = period.weekdays ?? []
            guard weekdays.allSatisfy({ (1...7).contains($0) }) else { throw TimeOfUseError("\(path).weekdays must be ISO weekdays 1 (Monday) to 7 (Sunday)") }
            guard abs(period.pricePerKWh) <= Self.maxAbsolutePricePerKWh, !period.pricePerKWh.isNaN else {
                throw TimeOfUseError("\(path).pricePerKWh must be between -1000 and 1000")
            }
            periods.append(Period(fromMinute: from, toMinute: to, weekdays: Set(weekdays.isEmpty ? Array(1...7) : weekdays), pricePerKWh: period.pricePerKWh))
        }
        try Self.refuseOverlaps(periods)
        timeZone = zone
        self.periods = periods
    }

    /// The intervals that meet `[now, now + hours)`, cut to it, in order; `now` is first taken back to the start
    /// of its 15-minute window.
    public func intervals(from now: Date, hours: Int) -> [ForecastInterval] {
        let horizonStart = Date(timeIntervalSince1970: (now.timeIntervalSince1970 / 900).rounded(.down) * 900)
        let horizonEnd = now.addingTimeInterval(Double(max(0, min(hours, 24 * 31))) * 3600)
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = timeZone
        var intervals: [ForecastInterval] = []
        let firstDay = calendar.startOfDay(for: horizonStart.addingTimeInterval(-86400))
        var day = calendar.dateComponents([.year, .month, .day], from: firstDay)
        while let noon = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)) {
            if calendar.startOfDay(for: noon) >= horizonEnd { break }
            let weekday = (calendar.component(.weekday, from: noon) + 5) % 7 + 1
            for period in periods where period.weekdays.contains(weekday) {
                let endDayOffset = period.overMidnight || period.toMinute == 1440 ? 1 : 0
                guard let start = instant(day, offsetDays: 0, minute: period.fromMinute, calendar: calendar),
                    let end = instant(day, offsetDays: endDayOffset, minute: period.toMinute % 1440, calendar: calendar)
                else { continue }
                let cutStart = max(start, horizonStart), cutEnd = min(end, horizonEnd)
                if cutStart < cutEnd {
                    intervals.append(ForecastInterval(start: cutStart, end: cutEnd, pricePerKWh: period.pricePerKWh))
                }
            }
            guard let next = calendar.date(byAdding: .day, value: 1, to: noon) else { break }
            day = calendar.dateComponents([.year, .month, .day], from: next)
        }
        intervals.sort { $0.start < $1.start }
        var merged: [ForecastInterval] = []
        for var interval in intervals {
            if let last = merged.last, interval.start < last.end { interval.start = last.end }
            if interval.start < interval.end { merged.append(interval) }
        }
        return merged
    }

    /// The instant of a local date and minute of day; a local time the clocks skip is the moment they jump.
    private func instant(_ day: DateComponents, offsetDays: Int, minute: Int, calendar: Calendar) -> Date? {
        guard let noon = calendar.date(from: DateComponents(year: day.year, month: day.month, day: day.day, hour: 12)),
            let shifted = calendar.date(byAdding: .day, value: offsetDays, to: noon)
        else { return nil }
        var wanted = calendar.dateComponents([.year, .month, .day], from: shifted)
        wanted.hour = minute / 60
        wanted.minute = minute % 60
        guard let date = calendar.date(from: wanted) else { return nil }
        let back = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        if back.hour == wanted.hour && back.minute == wanted.minute && back.day == wanted.day { return date }
        return timeZone.nextDaylightSavingTimeTransition(after: date.addingTimeInterval(-4 * 3600)) ?? date
    }

    /// `HH:MM` as minutes since midnight, 0...1440 (`24:00` only as exactly that).
    static func minute(_ text: String) -> Int? {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, parts[0].count == 2, parts[1].count == 2, parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
            let hour = Int(parts[0]), let minute = Int(parts[1]), minute < 60
        else { return nil }
        if hour == 24 { return minute == 0 ? 1440 : nil }
        return hour < 24 ? hour * 60 + minute : nil
    }

    /// Refuses two periods that cover the same minute of the week.
    private static func refuseOverlaps(_ periods: [Period]) throws(TimeOfUseError) {
        let week = 7 * 1440
        var spans: [(start: Int, end: Int, period: Int)] = []
        for (index, period) in periods.enumerated() {
            let length = period.overMidnight ? 1440 - period.fromMinute + period.toMinute : period.toMinute - period.fromMinute
            for weekday in period.weekdays {
                let start = (weekday - 1) * 1440 + period.fromMinute
                let end = start + length
                if end <= week {
                    spans.append((start, end, index))
                } else {
                    spans.append((start, week, index))
                    spans.append((0, end - week, index))
                }
            }
        }
        spans.sort { $0.start < $1.start }
        for (previous, next) in zip(spans, spans.dropFirst()) where next.start < previous.end {
            let names = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
            let day = names[next.start / 1440]
            let time = String(format: "%02d:%02d", (next.start % 1440) / 60, next.start % 60)
            let pair = [previous.period, next.period].sorted()
            throw TimeOfUseError("periods[\(pair[0])] and periods[\(pair[1])] overlap (\(day) \(time))")
        }
    }
}
