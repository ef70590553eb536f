import Modbus

/// Decodes a device profile document, reporting every problem to the node's collector.
enum DeviceProfileDecoder {
    static let keys = ["name", "kind", "manufacturer", "model", "description", "source", "word_order", "sunspec", "points"]

    /// Loads and decodes the profile file at `path`; its name is the file stem.
    static func load(path: String) -> (profile: DeviceProfile?, problems: [ConfigurationProblem]) {
        let collector = ProblemCollector(file: path)
        let profile = YAMLDocument.load(path: path, collector: collector).flatMap {
            decode($0, name: profileName(fromPath: path))
        }
        return (collector.hasProblems ? nil : profile, collector.problems)
    }

    /// The profile name a file path gives: its last component without `.yaml`.
    static func profileName(fromPath path: String) -> String {
        let file = path.split(separator: "/").last.map(String.init) ?? path
        return file.hasSuffix(".yaml") ? String(file.dropLast(5)) : file
    }

    static func decode(_ root: ConfigNode, name: String) -> DeviceProfile? {
        guard let map = root.mapping(allowedKeys: keys) else { return nil }
        if let node = map.optional("name"), let declared = node.string(), declared != name {
            node.report("name \"\(declared)\" does not match the file name \"\(name)\"")
        }
        let kind = map.required("kind")?.choice(["evse": DeviceKind.evse, "battery_inverter": .batteryInverter, "grid_meter": .gridMeter])
        let manufacturer = map.required("manufacturer")?.string()
        let model = map.required("model")?.string()
        let description = map.optional("description")?.string()
        let source = map.required("source").flatMap(decodeSource)
        let wordOrder = map.optional("word_order").map(decodeWordOrder) ?? .highFirst
        let sunSpecNode = map.optional("sunspec")
        let sunSpec = sunSpecNode.flatMap(SunSpecLayoutDecoder.decode)
        let context = PointDecoder.Context(
            wordOrder: wordOrder ?? .highFirst, hasSunSpecSection: sunSpecNode != nil, sunSpec: sunSpec)
        let pointsNode = map.required("points")
        let decoded = pointsNode.flatMap { PointDecoder.decodeAll($0, context: context) }
        if let pointsNode, let decoded {
            ProfileChecks.checkScaleFactors(decoded)
            if let kind { ProfileChecks.checkRequirements(of: kind, points: decoded, pointsNode: pointsNode) }
        }
        guard !root.collector.hasProblems, let kind, let manufacturer, let model, let source, let wordOrder,
              let decoded, decoded.isComplete
        else { return nil }
        return DeviceProfile(
            name: name, kind: kind, manufacturer: manufacturer, model: model, description: description,
            source: source, wordOrder: wordOrder, sunSpec: sunSpec,
            points: Dictionary(uniqueKeysWithValues: decoded.decoded.map { ($0.definition.name, $0.definition) }))
    }

    static func decodeWordOrder(_ node: ConfigNode) -> WordOrder? {
        guard let text = node.string() else { return nil }
        guard let order = WordOrder(spelling: text) else {
            node.report("expected one of big, little, got \(node.quotedForMessage)")
            return nil
        }
        return order
    }

    static func decodeSource(_ node: ConfigNode) -> ProfileSource? {
        guard let map = node.mapping(allowedKeys: ["title", "version", "date", "url", "notes"]) else { return nil }
        let title = map.required("title")?.string()
        let version = map.required("version")?.string()
        let date = map.required("date").flatMap(decodeDate)
        let url = map.optional("url")?.string()
        let notes = map.optional("notes")?.string()
        guard let title, let version, let date else { return nil }
        return ProfileSource(title: title, version: version, date: date, url: url, notes: notes)
    }

    /// An ISO 8601 calendar date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY`.
    static func decodeDate(_ node: ConfigNode) -> String? {
        guard let text = node.string() else { return nil }
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        let fields: [(width: Int, range: ClosedRange<Int>)] = [(4, 1900...2999), (2, 1...12), (2, 1...31)]
        let valid = (1...3).contains(parts.count)
            && zip(parts, fields).allSatisfy { part, field in
                part.count == field.width && part.allSatisfy(\.isASCIIDigit) && Int(part).map(field.range.contains) == true
            }
        guard valid else {
            node.report("expected a date as YYYY-MM-DD, got \(node.quotedForMessage)")
            return nil
        }
        return text
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
