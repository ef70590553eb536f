import Yams

/// Typed scalar accessors; each reports a problem and returns `nil` when the node does not fit.
extension ConfigNode {
    /// The scalar's text, or `nil` if the node is null or not a scalar.
    package var scalarText: String? {
        guard case .scalar(let scalar) = node, !isNull else { return nil }
        return scalar.string
    }

    /// A non-empty string.
    func string() -> String? {
        guard let text = scalarText else {
            report("expected a string, got \(quotedForMessage)")
            return nil
        }
        guard !text.isEmpty else {
            report("expected a non-empty string")
            return nil
        }
        return text
    }

    /// An integer, decimal or `0x` hexadecimal, optionally within `range`.
    func int(in range: ClosedRange<Int>? = nil) -> Int? {
        guard let text = scalarText, let value = Self.parseInt(text) else {
            report("expected an integer, got \(quotedForMessage)")
            return nil
        }
        if let range, !range.contains(value) {
            report("expected an integer in \(range.lowerBound)...\(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    /// A finite number (integer or decimal), optionally within `range`.
    func number(in range: ClosedRange<Double>? = nil) -> Double? {
        guard let text = scalarText, let value = Self.parseNumber(text) else {
            report("expected a number, got \(quotedForMessage)")
            return nil
        }
        if let range, !range.contains(value) {
            report("expected a number in \(range.lowerBound.compact)...\(range.upperBound.compact), got \(value.compact)")
            return nil
        }
        return value
    }

    /// `true` or `false`.
    package func bool() -> Bool? {
        switch scalarText {
        case "true": return true
        case "false": return false
        default:
            report("expected true or false, got \(quotedForMessage)")
            return nil
        }
    }

    /// One of a fixed set of spellings, mapped to its value.
    func choice<Value>(_ options: KeyValuePairs<String, Value>) -> Value? {
        if let text = scalarText, let match = options.first(where: { $0.key == text }) {
            return match.value
        }
        report("expected one of \(options.map(\.key).joined(separator: ", ")), got \(quotedForMessage)")
        return nil
    }

    /// A whole number of milliseconds within `range`, as a `Duration`.
    func milliseconds(in range: ClosedRange<Int>) -> Duration? {
        int(in: range).map { .milliseconds($0) }
    }

    static func parseInt(_ text: String) -> Int? {
        let lower = text.lowercased()
        if lower.hasPrefix("0x") { return Int(lower.dropFirst(2), radix: 16) }
        if lower.hasPrefix("-0x") { return Int(lower.dropFirst(3), radix: 16).map { -$0 } }
        return Int(text)
    }

    static func parseNumber(_ text: String) -> Double? {
        if let integer = parseInt(text) { return Double(integer) }
        guard let value = Double(text), value.isFinite else { return nil }
        return value
    }
}

extension Double {
    /// The number without a trailing `.0` when it is whole: `6`, `0.1`, `22000`.
    var compact: String {
        if self == rounded(), abs(self) < 1e15 { return String(Int(self)) }
        return String(self)
    }
}
