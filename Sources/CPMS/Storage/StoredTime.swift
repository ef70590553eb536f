public import Foundation
import OCPP

/// Timestamps as the database keeps them: UTC RFC 3339 text, always with milliseconds.
///
/// A fixed width makes text order time order on both SQLite and PostgreSQL, and makes a replayed timestamp
/// compare equal to the stored one whatever precision the station sent it in.
public enum StoredTime {
    public static func text(_ date: Date) -> String {
        let formatted = OCPPDateTime.format(date)
        guard !formatted.contains(".") else { return formatted }
        return String(formatted.dropLast()) + ".000Z"
    }
}

extension StoredTime {
    /// The date a stored timestamp names; nil for nil or text that is not one.
    static func date(_ text: String?) -> Date? {
        text.flatMap(OCPPDateTime.parse)
    }

    /// The date a stored timestamp names; a stored value that is not one throws.
    static func date(_ text: String) throws -> Date? {
        guard let date = OCPPDateTime.parse(text) else { throw StoredTimeError(text: text) }
        return date
    }
}

/// A stored timestamp that is not one.
struct StoredTimeError: Error, CustomStringConvertible {
    let text: String
    var description: String { "stored timestamp \"\(text)\" is not an RFC 3339 date-time" }
}
