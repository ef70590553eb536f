import Foundation

/// The IANA time zone of a station's location.
public enum StationTimeZone {
    /// True for a zone name Foundation knows ("Europe/Amsterdam", "UTC"); offsets and abbreviations are refused.
    public static func isKnown(_ name: String) -> Bool {
        guard (1...64).contains(name.count), name.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { return false }
        return name == "UTC" || TimeZone.knownTimeZoneIdentifiers.contains(name)
    }
}
