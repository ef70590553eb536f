import Foundation

/// The days the Bookings page shows (UTC, like every time in the portal): one day, or the Monday-to-Sunday
/// week that holds the day; and the page's date and time fields.
struct BookingsRange: Sendable, Equatable {
    enum Kind: String, Sendable {
        case day
        case week
    }

    let kind: Kind
    /// The day asked for (midnight UTC).
    let day: Date
    /// The first shown day (midnight UTC): the day itself, or the week's Monday.
    let start: Date
    let dayCount: Int

    var end: Date { start.addingTimeInterval(TimeInterval(dayCount) * 86_400) }

    /// The days shown, each its midnight.
    var days: [Date] { (0..<dayCount).map { start.addingTimeInterval(TimeInterval($0) * 86_400) } }

    init(kind: Kind, day: Date) {
        self.kind = kind
        let midnight = Self.midnight(day)
        self.day = midnight
        switch kind {
        case .day:
            start = midnight
            dayCount = 1
        case .week:
            // 1970-01-01 was a Thursday: days since then, shifted so Monday is 0.
            let dayNumber = Int((midnight.timeIntervalSince1970 / 86_400).rounded(.down))
            let weekday = ((dayNumber + 3) % 7 + 7) % 7
            start = midnight.addingTimeInterval(-TimeInterval(weekday) * 86_400)
            dayCount = 7
        }
    }

    /// The same kind of range, `steps` days or weeks later (earlier when negative).
    func moved(by steps: Int) -> BookingsRange {
        BookingsRange(kind: kind, day: day.addingTimeInterval(TimeInterval(steps * (kind == .day ? 1 : 7)) * 86_400))
    }

    static func midnight(_ date: Date) -> Date {
        Date(timeIntervalSince1970: (date.timeIntervalSince1970 / 86_400).rounded(.down) * 86_400)
    }

    /// `yyyy-MM-dd`.
    static func dayText(_ date: Date) -> String { String(StoredTime.text(date).prefix(10)) }

    /// A `yyyy-MM-dd` day, nil when it is not one.
    static func parseDay(_ text: String) -> Date? {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let year = Int(parts[0]), let month = Int(parts[1]), let day = Int(parts[2])
        else { return nil }
        return date(year: year, month: month, day: day, hour: 0, minute: 0)
    }

    /// A time as the maintenance form writes it, `yyyy-MM-dd HH:mm` in UTC (also with `T`, seconds `:00` and a
    /// trailing `Z` or ` UTC`); nil when it is not one.
    static func parseTime(_ text: String) -> Date? {
        var text = text.trimmingCharacters(in: .whitespaces)
        for suffix in ["Z", " UTC", "UTC"] where text.hasSuffix(suffix) { text = String(text.dropLast(suffix.count)) }
        text = text.replacingOccurrences(of: "T", with: " ")
        let halves = text.split(separator: " ", omittingEmptySubsequences: true)
        guard halves.count == 2, let day = parseDay(String(halves[0])) else { return nil }
        let clock = halves[1].split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(clock.count), clock.allSatisfy({ $0.count == 2 && $0.allSatisfy(\.isASCII) }),
            let hour = Int(clock[0]), let minute = Int(clock[1]), (0...23).contains(hour), (0...59).contains(minute)
        else { return nil }
        if clock.count == 3 {
            guard let second = Int(clock[2]), second == 0 else { return nil }
        }
        return day.addingTimeInterval(TimeInterval(hour * 3600 + minute * 60))
    }

    /// `yyyy-MM-dd HH:mm`, as the form's fields take it.
    static func timeText(_ date: Date) -> String { PortalFormat.dateTime(date) }

    private static func date(year: Int, month: Int, day: Int, hour: Int, minute: Int) -> Date? {
        guard (1970...9999).contains(year), (1...12).contains(month), (1...31).contains(day) else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        guard let utc = TimeZone(identifier: "UTC") else { return nil }
        calendar.timeZone = utc
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute)
        guard components.isValidDate(in: calendar), let date = calendar.date(from: components) else { return nil }
        return date
    }
}
