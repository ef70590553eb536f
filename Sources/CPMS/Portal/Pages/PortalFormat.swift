import Foundation

/// How the portal writes numbers and times (UTC; a page's own time zone comes with the station pages).
/// A number and its unit are joined by a no-break space, so a narrow card never puts them on two lines.
enum PortalFormat {
    static let unitSpace = "\u{00A0}"

    static func power(_ watts: Double) -> String {
        guard watts.isFinite else { return "—" }
        if abs(watts) >= 1000 { return fixed(watts / 1000, places: 1) + unitSpace + "kW" }
        return fixed(watts, places: 0) + unitSpace + "W"
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
            ? fixed(wattHours, places: 0) + unitSpace + "Wh" : fixed(wattHours / 1000, places: 2) + unitSpace + "kWh"
    }

    /// A decimal rounded to `places` (half up), written with at least `atLeast` decimals.
    ///
    /// Written from the rounded value's integer units: `Decimal`'s own description costs some 25 µs on Linux,
    /// a good part of the overview's time for 500 stations (a price and a cost each); `decimalText` is the
    /// reference, and what a value too large for 64 bits gets.
    static func decimal(_ value: Decimal, places: Int, atLeast: Int) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, places, .plain)
        var scale = Decimal(sign: .plus, exponent: places, significand: 1)
        var units = Decimal()
        guard (0...18).contains(places), NSDecimalMultiply(&units, &rounded, &scale, .plain) == .noError else {
            return decimalText(value, places: places, atLeast: atLeast)
        }
        let integer = NSDecimalNumber(decimal: units).int64Value
        guard Decimal(integer) == units else { return decimalText(value, places: places, atLeast: atLeast) }
        var digits = String(integer.magnitude)
        if digits.count <= places { digits = String(repeating: "0", count: places + 1 - digits.count) + digits }
        var fraction = digits.suffix(places)
        while fraction.count > atLeast, fraction.last == "0" { fraction = fraction.dropLast() }
        return (integer < 0 ? "-" : "") + digits.prefix(digits.count - places) + (fraction.isEmpty ? "" : "." + fraction)
    }

    /// `decimal` through `Decimal`'s description.
    static func decimalText(_ value: Decimal, places: Int, atLeast: Int) -> String {
        var input = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &input, places, .plain)
        var text = "\(rounded)"
        let decimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 } ?? -1
        if decimals < atLeast, atLeast > 0 { text += (decimals < 0 ? "." : "") + String(repeating: "0", count: atLeast - max(decimals, 0)) }
        return text
    }

    /// What `String(format: "%.<places>f", value)` writes, for 0 to 3 places, without its cost (some 10 µs a call
    /// on Linux, thousands of calls for the overview): from the value's rounded integer units, except near a tie
    /// or for a large value, where printf's rounding of the exact binary value decides.
    static func fixed(_ value: Double, places: Int) -> String {
        let scales: [Double] = [1, 10, 100, 1000]
        guard scales.indices.contains(places) else { return String(format: "%.\(places)f", value) }
        let product = abs(value) * scales[places]
        guard value.isFinite, product < 1e9, abs(product - product.rounded(.down) - 0.5) > 1e-6 else {
            return String(format: "%.\(places)f", value)
        }
        let units = UInt64(product.rounded())
        let divisor = UInt64(scales[places])
        var text = value.sign == .minus ? "-" : ""
        text += String(units / divisor)
        if places > 0 {
            let fraction = String(units % divisor)
            text += "." + String(repeating: "0", count: places - fraction.count) + fraction
        }
        return text
    }

    static func percent(_ value: Double) -> String {
        value.isFinite ? fixed(value, places: 0) + unitSpace + "%" : "—"
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
