import Foundation

/// How the portal writes numbers and times (UTC; a page's own time zone comes with the station pages).
/// A number and its unit are joined by a no-break space, so a narrow card never puts them on two lines.
enum PortalFormat {
    static let unitSpace = "\u{00A0}"

    static func power(_ watts: Double) -> String {
        guard watts.isFinite else { return "—" }
        if abs(watts) >= 1000 { return String(format: "%.1f", watts / 1000) + unitSpace + "kW" }
        return String(format: "%.0f", watts) + unitSpace + "W"
    }

    /// Grid power: positive is import.
    static func gridPower(_ watts: Double) -> String {
        guard watts.isFinite else { return "—" }
        if abs(watts) < 1 { return "0 W" }
        return watts > 0 ? "\(power(watts)) import" : "\(power(-watts)) export"
    }

    /// Battery power: positive is discharging.
    static func batteryPower(_ watts: Double) -> String {
        guard watts.isFinite else { return "—" }
        if abs(watts) < 1 { return "idle" }
        return watts > 0 ? "discharging \(power(watts))" : "charging \(power(-watts))"
    }

    /// "0.2450 EUR/kWh": at least 2 and at most 4 decimals.
    static func pricePerKWh(_ price: Decimal, currency: String) -> String {
        "\(decimal(price, places: 4, atLeast: 2))\(unitSpace)\(currency)/kWh"
    }

    /// "3.21 EUR".
    static func money(_ amount: Decimal, currency: String) -> String {
        "\(decimal(amount, places: 2, atLeast: 2))\(unitSpace)\(currency)"
    }

    /// "12.35 kWh" (energy in Wh; "850 Wh" below 1 kWh).
    static func energy(_ wattHours: Double) -> String {
        guard wattHours.isFinite else { return "—" }
        return abs(wattHours) < 1000
            ? String(format: "%.0f", wattHours) + unitSpace + "Wh" : String(format: "%.2f", wattHours / 1000) + unitSpace + "kWh"
    }

    /// A decimal rounded to `places` (half up), written with at least `atLeast` decimals.
    static func decimal(_ value: Decimal, places: Int, atLeast: Int) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, places, .plain)
        var text = "\(rounded)"
        let decimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? -1
        if decimals < atLeast { text += (decimals < 0 ? "." : "") + String(repeating: "0", count: atLeast - max(decimals, 0)) }
        return text
    }

    static func percent(_ value: Double) -> String {
        value.isFinite ? String(format: "%.0f", value) + unitSpace + "%" : "—"
    }

    /// `HH:mm:ss UTC`.
    static func clockTime(_ date: Date) -> String {
        let seconds = Int(date.timeIntervalSince1970.rounded(.down))
        let day = ((seconds % 86_400) + 86_400) % 86_400
        return String(format: "%02d:%02d:%02d UTC", day / 3600, day / 60 % 60, day % 60)
    }

    /// `yyyy-MM-dd HH:mm` in UTC.
    static func dateTime(_ date: Date) -> String {
        String(StoredTime.text(date).prefix(16)).replacingOccurrences(of: "T", with: " ")
    }

    /// "12 s ago", "5 min ago", "3 h ago", or the date when older than a day.
    static func age(from date: Date, to now: Date) -> String {
        let seconds = Int(now.timeIntervalSince(date).rounded())
        switch seconds {
        case ..<5: return "just now"
        case ..<60: return "\(seconds) s ago"
        case ..<3600: return "\(seconds / 60) min ago"
        case ..<86_400: return "\(seconds / 3600) h ago"
        default: return "at \(dateTime(date)) UTC"
        }
    }

    /// An age or a span: `42 s`, `5 min`, `3 h 20 min`, `2 d 4 h`.
    static func duration(_ seconds: Double) -> String {
        let s = Int(seconds.rounded())
        switch s {
        case ..<60: return "\(s) s"
        case ..<3600: return "\(s / 60) min"
        case ..<86_400: return "\(s / 3600) h \(s / 60 % 60) min"
        default: return "\(s / 86_400) d \(s / 3600 % 24) h"
        }
    }
}
