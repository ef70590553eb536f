import Foundation

/// The strict readings of numbers and times that the market readers share: no leniency (`Decimal(string:)`
/// would read `12abc` as 12), bounded sizes.
enum MarketValues {
    /// `-?digits(.digits)?`, at most 12 digits before the point and 12 after.
    static func decimal(_ text: String) -> Decimal? {
        var rest = Substring(text)
        if rest.first == "-" { rest = rest.dropFirst() }
        let parts = rest.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        guard let whole = parts.first, (1...12).contains(whole.count), whole.allSatisfy(\.isASCIIDigit) else { return nil }
        if parts.count == 2 {
            guard (1...12).contains(parts[1].count), parts[1].allSatisfy(\.isASCIIDigit) else { return nil }
        }
        return Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
    }

    /// Unsigned decimal digits, at most 9 of them.
    static func integer(_ text: String) -> Int? {
        guard (1...9).contains(text.count), text.allSatisfy(\.isASCIIDigit) else { return nil }
        return Int(text)
    }

    /// A UTC or offset time: `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)`. With `requireSeconds` (RFC 3339)
    /// the seconds must be there; ENTSO-E writes `2027-01-15T23:00Z` without them.
    static func time(_ text: String, requireSeconds: Bool) -> Date? {
        let chars = Array(text.utf8)
        var index = 0
        func number(_ count: Int) -> Int? {
            guard index + count <= chars.count else { return nil }
            var value = 0
            for byte in chars[index..<(index + count)] {
                guard byte >= 0x30 && byte <= 0x39 else { return nil }
                value = value * 10 + Int(byte - 0x30)
            }
            index += count
            return value
        }
        func expect(_ byte: UInt8) -> Bool {
            guard index < chars.count, chars[index] == byte else { return false }
            index += 1
            return true
        }
        guard let year = number(4), expect(0x2D), let month = number(2), expect(0x2D), let day = number(2) else { return nil }
        guard index < chars.count, chars[index] == 0x54 || chars[index] == 0x74 else { return nil }
        index += 1
        guard let hour = number(2), expect(0x3A), let minute = number(2) else { return nil }
        var second = 0
        var fraction = 0.0
        if expect(0x3A) {
            guard let value = number(2) else { return nil }
            second = value
            if expect(0x2E) {
                let start = index
                while index < chars.count, chars[index] >= 0x30, chars[index] <= 0x39, index - start < 9 { index += 1 }
                guard index > start, let digits = Double(String(decoding: chars[start..<index], as: UTF8.self)) else { return nil }
                fraction = digits / pow(10, Double(index - start))
            }
        } else if requireSeconds {
            return nil
        }
        var offsetSeconds = 0
        if expect(0x5A) || expect(0x7A) {
            offsetSeconds = 0
        } else if index < chars.count, chars[index] == 0x2B || chars[index] == 0x2D {
            let sign = chars[index] == 0x2D ? -1 : 1
            index += 1
            guard let offsetHours = number(2), expect(0x3A), let offsetMinutes = number(2), offsetHours <= 23, offsetMinutes <= 59 else { return nil }
            offsetSeconds = sign * (offsetHours * 3600 + offsetMinutes * 60)
        } else {
            return nil
        }
        guard index == chars.count else { return nil }
        guard (1...9999).contains(year), (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), hour <= 23, minute <= 59,
            second <= 59
        else { return nil }
        let days = daysSinceEpoch(year: year, month: month, day: day)
        let seconds = Double(days * 86400 + hour * 3600 + minute * 60 + second - offsetSeconds) + fraction
        return Date(timeIntervalSince1970: seconds)
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// Days from 1970-01-01 to the date (proleptic Gregorian calendar).
    private static func daysSinceEpoch(year: Int, month: Int, day: Int) -> Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }
}

extension Character {
    fileprivate var isASCIIDigit: Bool { isASCII && isNumber }
}
