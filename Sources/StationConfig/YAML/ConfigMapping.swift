import Yams

/// A YAML mapping read against a schema: unknown keys are reported as soon as it is opened.
package struct ConfigMapping {
    /// What the problem about an unknown key offers to help.
    package enum UnknownKeyHint {
        /// The one allowed key within two edits, if any: `unknown key "perod_ms", did you mean "period_ms"?`.
        case closestKey
        /// Every allowed key: `unknown key "colour"; expected one of base_load_w, pv`.
        case allowedKeys
    }

    let node: ConfigNode
    /// The entries in document order, keyed by their string form.
    let entries: [(key: String, value: ConfigNode)]

    /// Reads `node` as a mapping; `allowedKeys == nil` accepts any key.
    init?(_ node: ConfigNode, allowedKeys: [String]?, unknownKeyHint: UnknownKeyHint = .closestKey) {
        guard case .mapping(let mapping) = node.node else {
            node.report("expected a mapping, got \(node.quotedForMessage)")
            return nil
        }
        self.node = node
        var entries: [(key: String, value: ConfigNode)] = []
        for (key, value) in mapping {
            let keyLine = key.mark?.line
            guard case .scalar(let scalar) = key else {
                node.report("keys must be plain text", line: keyLine ?? node.line)
                continue
            }
            let name = scalar.string
            if let allowedKeys, !allowedKeys.contains(name) {
                var message = "unknown key \"\(name)\""
                switch unknownKeyHint {
                case .closestKey:
                    if let suggestion = KeySuggestion.closest(to: name, among: allowedKeys) {
                        message += ", did you mean \"\(suggestion)\"?"
                    }
                case .allowedKeys:
                    message += "; expected one of \(allowedKeys.joined(separator: ", "))"
                }
                node.report(message, line: keyLine ?? node.line)
                continue
            }
            entries.append((name, node.child(value, key: name, keyLine: keyLine)))
        }
        self.entries = entries
    }

    /// The value under `key`; `nil` when the key is absent or its value is null.
    package func optional(_ key: String) -> ConfigNode? {
        guard let value = entries.first(where: { $0.key == key })?.value, !value.isNull else { return nil }
        return value
    }

    /// The value under `key`, or `nil` after reporting `missing required key` at this mapping's line.
    ///
    /// A null value is returned for the caller to refuse, unless `nullCountsAsMissing`.
    package func required(_ key: String, nullCountsAsMissing: Bool = false) -> ConfigNode? {
        let value = nullCountsAsMissing ? optional(key) : entries.first(where: { $0.key == key })?.value
        guard let value else {
            node.report("missing required key \"\(key)\"")
            return nil
        }
        return value
    }

    /// Whether `key` is present with a non-null value.
    func contains(_ key: String) -> Bool { optional(key) != nil }
}
