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
