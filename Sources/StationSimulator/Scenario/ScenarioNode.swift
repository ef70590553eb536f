import Yams

/// A YAML node of a scenario with its key path and line; typed accessors report a problem and return nil on a misfit.
struct ScenarioNode {
    let node: Node
    let keyPath: String
    let line: Int
    let problems: ScenarioProblems

    func report(_ message: String) {
        problems.report(line: line, keyPath: keyPath, message)
    }

    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    var isScalar: Bool {
        if case .scalar = node { return !isNull }
        return false
    }

    var isSequence: Bool {
        if case .sequence = node { return true }
        return false
    }

    /// How the node reads in a message.
    var quoted: String {
        switch node {
        case .scalar(let scalar): return isNull ? "null" : "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The scalar's text, nil for anything else.
    var text: String? {
        guard case .scalar(let scalar) = node, !isNull else { return nil }
        return scalar.string
    }

    func mapping(allowedKeys: [String]) -> ScenarioMapping? {
        ScenarioMapping(self, allowedKeys: allowedKeys)
    }

    func sequence() -> [ScenarioNode]? {
        guard case .sequence(let sequence) = node else {
            report("expected a list, got \(quoted)")
            return nil
        }
        return sequence.enumerated().map { index, element in
            ScenarioNode(node: element, keyPath: "\(keyPath)[\(index)]", line: element.mark?.line ?? line, problems: problems)
        }
    }

    /// A finite number, optionally within `range`.
    func number(in range: ClosedRange<Double>? = nil) -> Double? {
        guard let text, let value = Double(text), value.isFinite else {
            report("expected a number, got \(quoted)")
            return nil
        }
        if let range, !range.contains(value) {
            report("expected a number in \(range.lowerBound.formatted1)...\(range.upperBound.formatted1), got \(value.formatted1)")
            return nil
        }
        return value
    }

    /// An integer, optionally within `range`.
    func int(in range: ClosedRange<Int>? = nil) -> Int? {
        guard let text, let value = Int(text) else {
            report("expected an integer, got \(quoted)")
            return nil
        }
        if let range, !range.contains(value) {
            report("expected an integer in \(range.lowerBound)...\(range.upperBound), got \(value)")
            return nil
        }
        return value
    }

    func bool() -> Bool? {
        switch text {
        case "true": return true
        case "false": return false
        default:
            report("expected true or false, got \(quoted)")
            return nil
        }
    }

    /// Seconds after the start (a number) or a time of day (`"HH:MM"` or `"HH:MM:SS"`).
    func time() -> ScenarioTime? {
        if let text, let seconds = Double(text), seconds.isFinite, seconds >= 0 {
            return .elapsed(.seconds(seconds))
        }
        let fields = text?.split(separator: ":", omittingEmptySubsequences: false).map { Int($0) } ?? []
        if (2...3).contains(fields.count), let hours = fields[0], let minutes = fields[1], let seconds = fields.count == 3 ? fields[2] : 0,
           (0...23).contains(hours), (0...59).contains(minutes), (0...59).contains(seconds)
        {
            return .timeOfDay(.seconds(hours * 3600 + minutes * 60 + seconds))
        }
        report("expected seconds after the start or a time of day \"HH:MM\", got \(quoted)")
        return nil
    }
}
