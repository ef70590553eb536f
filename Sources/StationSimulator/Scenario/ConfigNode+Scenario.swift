import StationConfig

/// The scenario format's own scalars, read from StationConfig's nodes.
///
/// Unlike station files, scenario numbers and integers are what Swift's `Double` and `Int` parse (no `0x`
/// integers), and out-of-range messages round the value to one decimal.
extension ConfigNode {
    /// Whether the node is a scalar other than null.
    var isScalar: Bool { scalarText != nil }

    /// A finite number, optionally within `range`.
    func scenarioNumber(in range: ClosedRange<Double>? = nil) -> Double? {
        guard let text = scalarText, let value = Double(text), value.isFinite else {
            report("expected a number, got \(quotedForMessage)")
            return nil
        }
        if let range, !range.contains(value) {
            report("expected a number in \(range.lowerBound.formatted1)...\(range.upperBound.formatted1), got \(value.formatted1)")
            return nil
        }
        return value
    }

    /// An integer, optionally within `range`.
    func scenarioInt(in range: ClosedRange<Int>? = nil) -> Int? {
        guard let text = scalarText, let value = Int(text) else {
            report("expected an integer, got \(quotedForMessage)")
            return nil
        }
        if let range, !range.contains(value) {
            report("expected an integer in \(range.lowerBound)...\(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    /// Seconds after the start (a number) or a time of day (`"HH:MM"` or `"HH:MM:SS"`).
    func time() -> ScenarioTime? {
        let text = scalarText
        if let text, let seconds = Double(text), seconds.isFinite, seconds >= 0 {
            return .elapsed(.seconds(seconds))
        }
        let fields = text?.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) } ?? []
        if (2...3).contains(fields.count), let hours = fields[0], let minutes = fields[1], let seconds = fields.count == 3 ? fields[2] : 0,
           (0...23).contains(hours), (0...59).contains(minutes), (0...59).contains(seconds)
        {
            return .timeOfDay(.seconds(hours * 3600 + minutes * 60 + seconds))
        }
        report("expected seconds after the start or a time of day \"HH:MM\", got \(quotedForMessage)")
        return nil
    }
}
