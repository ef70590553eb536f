public import Foundation

/// An OCPI DateTime: RFC 3339 in UTC; a missing zone designator means UTC, fractional seconds are allowed.
///
/// Kept to the millisecond, the precision it is written with: a finer fraction is rounded when read, so a time
/// written and read again is the same time (and two times that differ only below a millisecond are equal).
public struct OCPIDateTime: Codable, Sendable, Equatable, Comparable, CustomStringConvertible {
    public let date: Date

    public init(_ date: Date) { self.date = date }

    /// Parses "YYYY-MM-DDTHH:MM:SS[.fff][Z|±HH:MM]".
    public init?(_ text: String) {
        let bytes = Array(text.utf8)
        guard bytes.count >= 19, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"),
            bytes[13] == UInt8(ascii: ":"), bytes[16] == UInt8(ascii: ":"),
            let year = Digits.value(bytes[0..<4]), let month = Digits.value(bytes[5..<7]), let day = Digits.value(bytes[8..<10]),
            let hour = Digits.value(bytes[11..<13]), let minute = Digits.value(bytes[14..<16]),
            let second = Digits.value(bytes[17..<19]),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if index < bytes.count, bytes[index] == UInt8(ascii: ".") {
            let start = index + 1
            index = start
            while index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) { index += 1 }
            guard index > start, let digits = Double("0." + String(decoding: bytes[start..<index], as: UTF8.self)) else { return nil }
            fraction = (digits * 1000).rounded() / 1000
        }
        var offsetSeconds = 0
        if index < bytes.count {
            switch bytes[index] {
            case UInt8(ascii: "Z"), UInt8(ascii: "z"):
                index += 1
            case UInt8(ascii: "+"), UInt8(ascii: "-"):
                guard bytes.count == index + 6, bytes[index + 3] == UInt8(ascii: ":"),
                    let offsetHour = Digits.value(bytes[(index + 1)..<(index + 3)]),
                    let offsetMinute = Digits.value(bytes[(index + 4)..<(index + 6)]), offsetHour < 24, offsetMinute < 60
                else { return nil }
                offsetSeconds = (offsetHour * 3600 + offsetMinute * 60) * (bytes[index] == UInt8(ascii: "-") ? -1 : 1)
                index += 6
            default: return nil
            }
        }
        guard index == bytes.count else { return nil }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let components = DateComponents(year: year, month: month, day: day, hour: hour, minute: minute, second: second)
        guard let base = calendar.date(from: components), calendar.component(.day, from: base) == day else { return nil }
        date = base.addingTimeInterval(fraction - Double(offsetSeconds))
    }

    /// "YYYY-MM-DDTHH:MM:SSZ", with milliseconds when the time has them.
    public var description: String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = .gmt
        let totalMillis = (date.timeIntervalSinceReferenceDate * 1000).rounded()
        let wholeSeconds = (totalMillis / 1000).rounded(.down)
        let millis = Int(totalMillis - wholeSeconds * 1000)
        let parts = calendar.dateComponents(
            [.year, .month, .day, .hour, .minute, .second], from: Date(timeIntervalSinceReferenceDate: wholeSeconds))
        var text = Digits.padded(parts.year ?? 0, 4) + "-" + Digits.padded(parts.month ?? 0, 2) + "-"
            + Digits.padded(parts.day ?? 0, 2) + "T" + Digits.padded(parts.hour ?? 0, 2) + ":"
            + Digits.padded(parts.minute ?? 0, 2) + ":" + Digits.padded(parts.second ?? 0, 2)
        if millis > 0 { text += "." + Digits.padded(millis, 3) }
        return text + "Z"
    }

    public static func < (lhs: OCPIDateTime, rhs: OCPIDateTime) -> Bool { lhs.date < rhs.date }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let value = OCPIDateTime(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "expected an RFC 3339 date-time like 2019-06-30T23:59:59Z, got \"\(text)\"")
        }
        self = value
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
