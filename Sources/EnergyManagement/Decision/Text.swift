import StationCore

/// Number formatting for reason messages, without locale or Foundation formatters.
enum Text {
    /// `value` with at most `decimals` decimals and no trailing zeros ("4.2", "22", "0.08").
    static func number(_ value: Double, decimals: Int = 1) -> String {
        guard value.isFinite else { return "?" }
        var scale = 1.0
        for _ in 0..<max(0, decimals) { scale *= 10 }
        let rounded = (value * scale).rounded() / scale
        if rounded == rounded.rounded(), abs(rounded) < 1e15 { return String(Int64(rounded)) }
        var text = String(rounded)
        if let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > decimals + 1 {
            text = String(text[..<text.index(dot, offsetBy: decimals + 1)])
        }
        return text
    }

    /// Power in kilowatts ("4.2 kW").
    static func kW(_ power: Watts) -> String { "\(number(power.value / 1000)) kW" }

    /// Current in amperes ("9.5 A").
    static func amps(_ current: Amperes) -> String { "\(number(current.value)) A" }

    /// A SoC in percent ("30 %").
    static func percent(_ value: Double) -> String { "\(number(value)) %" }

    /// A price per kWh ("0.08").
    static func price(_ value: Double) -> String { number(value, decimals: 4) }
}
