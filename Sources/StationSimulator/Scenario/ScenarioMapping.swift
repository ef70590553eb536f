import Yams

/// A YAML mapping of a scenario read against the keys it may have; unknown keys are reported when it is opened.
struct ScenarioMapping {
    let node: ScenarioNode
    let entries: [(key: String, value: ScenarioNode)]

    init?(_ node: ScenarioNode, allowedKeys: [String]) {
        guard case .mapping(let mapping) = node.node else {
            node.report("expected a mapping, got \(node.quoted)")
            return nil
        }
        self.node = node
        var entries: [(key: String, value: ScenarioNode)] = []
        for (key, value) in mapping {
            let line = key.mark?.line ?? node.line
            guard case .scalar(let scalar) = key else {
                node.problems.report(line: line, keyPath: node.keyPath, "keys must be plain text")
                continue
            }
            let name = scalar.string
            guard allowedKeys.contains(name) else {
                node.problems.report(
                    line: line, keyPath: node.keyPath,
                    "unknown key \"\(name)\"; expected one of \(allowedKeys.joined(separator: ", "))")
                continue
            }
            let path = node.keyPath.isEmpty ? name : "\(node.keyPath).\(name)"
            entries.append((name, ScenarioNode(node: value, keyPath: path, line: line, problems: node.problems)))
        }
        self.entries = entries
    }

    /// The value under `key`, nil when absent or null.
    func optional(_ key: String) -> ScenarioNode? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The value under `key`, or nil after reporting that it is missing.
    func required(_ key: String) -> ScenarioNode? {
        guard let value = optional(key) else {
            node.report("missing required key \"\(key)\"")
            return nil
        }
        return value
    }
}
