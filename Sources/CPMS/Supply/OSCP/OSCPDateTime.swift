import Foundation
import OCPP

/// OSCP date-times: RFC 3339 as the specification says, and on input also pyoscp's `YYYY-MM-DD hh:mm:ss`
/// without an offset (taken as UTC).
enum OSCPDateTime {
    /// Rounded to the millisecond, the precision it is written with: a time read with more digits would be
    /// written as another one (found by the `oscp` fuzz target: a block's Wh over 0.5555... s more or less).
    static func parse(_ text: String) -> Date? {
        parseExactly(text).map { Date(timeIntervalSince1970: ($0.timeIntervalSince1970 * 1000).rounded() / 1000) }
    }

    private static func parseExactly(_ text: String) -> Date? {
        if let date = OCPPDateTime.parse(text) { return date }
        let characters = Array(text)
        guard characters.count >= 19, characters[10] == " " || characters[10] == "T" else { return nil }
        var normalized = text
        normalized.replaceSubrange(normalized.index(normalized.startIndex, offsetBy: 10)...normalized.index(normalized.startIndex, offsetBy: 10), with: "T")
        if let date = OCPPDateTime.parse(normalized) { return date }
        return OCPPDateTime.parse(normalized + "Z")
    }

    /// RFC 3339 in UTC.
    static func format(_ date: Date) -> String {
        OCPPDateTime.format(date)
    }

    /// `YYYY-MM-DD hh:mm:ss` in UTC, whole seconds: what pyoscp 0.1.0's heartbeat handler can read.
    static func formatWithoutOffset(_ date: Date) -> String {
        let text = OCPPDateTime.format(Date(timeIntervalSince1970: date.timeIntervalSince1970.rounded(.down)))
        return String(text.prefix(19)).replacingOccurrences(of: "T", with: " ")
    }

    static func decode<Key: CodingKey>(_ container: KeyedDecodingContainer<Key>, _ key: Key) throws -> Date {
        let text = try container.decode(String.self, forKey: key)
        guard let date = parse(text) else {
            throw DecodingError.dataCorruptedError(forKey: key, in: container, debugDescription: "must be an RFC 3339 date-time, got \"\(text)\"")
        }
        return date
    }
}
