/// Decodes a profile's `sunspec` section: base addresses and the model chain.
enum SunSpecLayoutDecoder {
    static func decode(_ node: ConfigNode) -> SunSpecLayout? {
        guard let map = node.mapping(allowedKeys: ["base_addresses", "models"]) else { return nil }
        var baseAddresses: [Int]? = SunSpecLayout.defaultBaseAddresses
        if let basesNode = map.optional("base_addresses") {
            baseAddresses = basesNode.sequence().flatMap { elements in
                if elements.isEmpty { basesNode.report("expected at least one base address") }
                let values = elements.compactMap { $0.int(in: 0...65535) }
                return values.count == elements.count && !values.isEmpty ? values : nil
            }
        }
        let models = map.required("models").flatMap(decodeModels)
        guard let baseAddresses, let models else { return nil }
        return SunSpecLayout(baseAddresses: baseAddresses, models: models)
    }

    private static func decodeModels(_ node: ConfigNode) -> [SunSpecModel]? {
        guard let map = node.openMapping() else { return nil }
        var models: [SunSpecModel] = []
        var valid = true
        for (key, value) in map.entries {
            guard let id = ConfigNode.parseInt(key), (1...65534).contains(id) else {
                value.report("expected a SunSpec model id in 1...65534, got \"\(key)\"")
                valid = false
                continue
            }
            guard let length = value.int(in: 1...65535) else {
                valid = false
                continue
            }
            models.append(SunSpecModel(id: id, length: length))
        }
        guard valid else { return nil }
        if models.first?.id != 1 {
            node.report("the common model 1 must come first")
            return nil
        }
        return models
    }
}
