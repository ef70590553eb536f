import Yams

/// A YAML node with the key path and line it came from, so every problem can say where it is.
///
/// Typed accessors (`string()`, `int(in:)`, `mapping(allowedKeys:)`...) report a problem to the
/// collector and return `nil` when the node does not fit; callers carry on with the next key.
package struct ConfigNode {
    let node: Node
    let keyPath: String
    let collector: ProblemCollector
    /// The line of the key that introduced this node, when there is one.
    private let keyLine: Int?

    init(node: Node, keyPath: String, keyLine: Int?, collector: ProblemCollector) {
        self.node = node
        self.keyPath = keyPath
        self.keyLine = keyLine
        self.collector = collector
    }

    /// The line to report problems about this node at: its key's line, else where the node starts.
    var line: Int { keyLine ?? node.mark?.line ?? 1 }

    /// Reports a problem about this node.
    package func report(_ message: String) {
        collector.report(line: line, keyPath: keyPath, message)
    }

    /// Reports a problem about this node at another line (a key inside it, for example).
    func report(_ message: String, line: Int) {
        collector.report(line: line, keyPath: keyPath, message)
    }

    /// The child node under `key`, for building paths such as `grid.meter`.
    func child(_ value: Node, key: String, keyLine: Int?) -> ConfigNode {
        ConfigNode(node: value, keyPath: keyPath.isEmpty ? key : "\(keyPath).\(key)", keyLine: keyLine, collector: collector)
    }

    /// The child node at `index` of a sequence, for paths such as `sockets[1]`.
    func element(_ value: Node, index: Int) -> ConfigNode {
        ConfigNode(node: value, keyPath: "\(keyPath)[\(index)]", keyLine: nil, collector: collector)
    }

    /// Whether the node is YAML null (`~`, `null` or nothing at all).
    var isNull: Bool {
        guard case .scalar(let scalar) = node, scalar.style == .plain else { return false }
        return ["", "~", "null", "Null", "NULL"].contains(scalar.string)
    }

    /// How the node reads in a message: `"abc"`, `null`, `a mapping` or `a list`.
    package var quotedForMessage: String {
        switch node {
        case .scalar(let scalar): return isNull ? "null" : "\"\(scalar.string)\""
        case .mapping: return "a mapping"
        case .sequence: return "a list"
        case .alias: return "an alias"
        }
    }

    /// The node as a list, or `nil` after reporting that it is not one.
    package func sequence() -> [ConfigNode]? {
        guard case .sequence(let sequence) = node else {
            report("expected a list, got \(quotedForMessage)")
            return nil
        }
        return sequence.enumerated().map { element($0.element, index: $0.offset) }
    }

    /// The node as a mapping whose keys must be among `allowedKeys`, or `nil` after reporting.
    package func mapping(
        allowedKeys: [String], unknownKeyHint: ConfigMapping.UnknownKeyHint = .closestKey
    ) -> ConfigMapping? {
        ConfigMapping(self, allowedKeys: allowedKeys, unknownKeyHint: unknownKeyHint)
    }

    /// The node as a mapping with free-form keys (point names, enum values...), or `nil` after reporting.
    func openMapping() -> ConfigMapping? {
        ConfigMapping(self, allowedKeys: nil)
    }
}
