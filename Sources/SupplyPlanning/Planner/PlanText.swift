import Foundation

/// Figures as an admin reads them in a choice's reasons: "0.21", "12 kW", "78 %", "3 h", "2nd".
enum PlanText {
    /// A price per kWh, rounded to 4 places, with at least 2: "0.21", "0.2134", "-0.05".
    static func price(_ value: Decimal) -> String {
        var exact = value
        var rounded = Decimal()
        NSDecimalRound(&rounded, &exact, 4, .plain)
        var text = rounded.description
        let decimals = text.firstIndex(of: ".").map { text.distance(from: $0, to: text.endIndex) - 1 }
        switch decimals {
        case nil: text += ".00"
        case 1?: text += "0"
        default: break
        }
        return text
    }

    /// Power: whole watts below 1 kW, else kW to one decimal: "500 W", "12 kW", "11.5 kW".
    static func power(_ watts: Double) -> String {
        guard watts.isFinite else { return watts > 0 ? "unlimited" : "0 W" }
        if abs(watts) < 1_000 { return "\(Int(watts.rounded())) W" }
        let tenths = Int((watts / 100).rounded())
        let whole = tenths / 10
        let fraction = abs(tenths % 10)
        return fraction == 0 ? "\(whole) kW" : "\(whole).\(fraction) kW"
    }

    /// A share 0...1 as whole percent: "78 %".
    static func percent(_ share: Double) -> String { "\(Int((share * 100).rounded())) %" }

    /// Grams of CO2 per kWh, whole: "400 g/kWh".
    static func carbon(_ grams: Double) -> String { "\(Int(grams.rounded())) g/kWh" }

    /// An age: "45 min" below 90 minutes, "3 h" below 48 hours, else "4 d".
    static func age(_ seconds: TimeInterval) -> String {
        guard seconds.isFinite else { return "unknown" }
        let minutes = max(0, Int((seconds / 60).rounded()))
        if minutes < 90 { return "\(minutes) min" }
        if minutes < 48 * 60 { return "\(Int((Double(minutes) / 60).rounded())) h" }
        return "\(Int((Double(minutes) / 1_440).rounded())) d"
    }

    /// 1 -> "1st", 2 -> "2nd", 11 -> "11th", 23 -> "23rd".
    static func ordinal(_ number: Int) -> String {
        let suffix: String
        switch (number % 10, number % 100) {
        case (_, 11...13): suffix = "th"
        case (1, _): suffix = "st"
        case (2, _): suffix = "nd"
        case (3, _): suffix = "rd"
        default: suffix = "th"
        }
        return "\(number)\(suffix)"
    }
}
