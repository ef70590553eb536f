import Modbus

/// Decodes the `points` mapping of a profile, one point at a time.
enum PointDecoder {
    /// Profile-wide facts a point needs.
    struct Context {
        var wordOrder: WordOrder
        var hasSunSpecSection: Bool
        /// `nil` when the profile has no `sunspec` section or the section itself has problems.
        var sunSpec: SunSpecLayout?
    }

    /// A decoded point with the nodes later checks report at.
    struct Decoded {
        var definition: PointDefinition
        var node: ConfigNode
        var scaleFactorNode: ConfigNode?
    }

    static let keys = [
        "table", "address", "model", "offset", "type", "length", "word_order",
        "scale", "scale_factor", "unit", "access", "enum", "description",
    ]

    /// The points of a `points` mapping: those that decoded, and the names of all, broken ones included.
    struct Collection {
        var decoded: [Decoded]
        var names: Set<String>
        var isComplete: Bool { decoded.count == names.count }
    }

    /// Decodes every point of the mapping; broken points are reported and left out of `decoded`.
    static func decodeAll(_ node: ConfigNode, context: Context) -> Collection? {
        guard let map = node.openMapping() else { return nil }
        if map.entries.isEmpty { node.report("expected at least one point") }
        let decoded = map.entries.compactMap { decode($0.value, name: $0.key, context: context) }
        return Collection(decoded: decoded, names: Set(map.entries.map(\.key)))
    }

    static func decode(_ node: ConfigNode, name: String, context: Context) -> Decoded? {
        let problemsBefore = node.collector.problems.count
        if !isValidName(name) {
            node.report("invalid point name \"\(name)\": use lower-case letters, digits and _, starting with a letter")
        }
        guard let map = node.mapping(allowedKeys: keys) else { return nil }
        let location = decodeLocation(map, context: context)
        let table = decodeTable(map)
        let type = table.flatMap { decodeType(map, table: $0) }
        let wordOrder = map.optional("word_order").map(DeviceProfileDecoder.decodeWordOrder) ?? context.wordOrder
        let scaling = decodeScaling(map, type: type)
        let unit = decodeUnit(map, name: name)
        let access = decodeAccess(map, table: table)
        let enumeration = map.optional("enum").flatMap { decodeEnumeration($0, type: type) } ?? [:]
        if let location, let type { checkExtent(map, location: location, type: type, context: context) }
        guard node.collector.problems.count == problemsBefore,
              let location, let table, let type, let wordOrder, let scaling, let unit, let access
        else { return nil }
        let definition = PointDefinition(
            name: name, table: table, location: location, type: type, wordOrder: wordOrder,
            scaling: scaling, unit: unit, access: access, enumeration: enumeration)
        return Decoded(definition: definition, node: node, scaleFactorNode: map.optional("scale_factor"))
    }

    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCII, first.isLowercase else { return false }
        return name.allSatisfy { $0 == "_" || $0.isASCIIDigit || ($0.isASCII && $0.isLowercase) }
    }
}

extension ModbusValueType {
    /// Whether the type is an ASCII string.
    var isString: Bool {
        if case .string = self { return true }
        return false
    }
}
