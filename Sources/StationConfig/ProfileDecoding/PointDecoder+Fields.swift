import Modbus

/// Decoders for the keys of one point; each reports its own problems and returns `nil` on one.
extension PointDecoder {
    /// `address`, or `model` and `offset` (which need a `sunspec` section).
    static func decodeLocation(_ map: ConfigMapping, context: Context) -> PointLocation? {
        let addressNode = map.optional("address")
        let modelNode = map.optional("model")
        let offsetNode = map.optional("offset")
        if let addressNode {
            if let other = modelNode ?? offsetNode {
                other.report("give either address or model and offset, not both")
                return nil
            }
            return addressNode.int(in: 0...65535).map(PointLocation.address)
        }
        guard modelNode != nil || offsetNode != nil else {
            let keys = context.hasSunSpecSection ? "\"address\" (or \"model\" and \"offset\")" : "\"address\""
            map.node.report("missing required key \(keys)")
            return nil
        }
        guard context.hasSunSpecSection else {
            (modelNode ?? offsetNode)?.report("model and offset need a sunspec section in the profile")
            return nil
        }
        let model = map.required("model")?.int(in: 1...65534)
        let offset = map.required("offset")?.int(in: 0...65535)
        guard let model, let offset else { return nil }
        return .sunSpec(model: model, offset: offset)
    }

    /// The point's table; SunSpec points (those with a model or offset) default to holding registers.
    static func decodeTable(_ map: ConfigMapping) -> ModbusTable? {
        let tableNode = map.optional("table")
        if map.contains("model") || map.contains("offset") {
            guard let tableNode else { return .holdingRegister }
            guard let table = parseTable(tableNode) else { return nil }
            if table != .holdingRegister {
                tableNode.report("SunSpec models live in holding registers, got \(tableNode.quotedForMessage)")
                return nil
            }
            return table
        }
        return map.required("table").flatMap(parseTable)
    }

    /// A table from any of the spellings `ModbusTable(spelling:)` accepts.
    static func parseTable(_ node: ConfigNode) -> ModbusTable? {
        guard let text = node.string() else { return nil }
        guard let table = ModbusTable(spelling: text) else {
            node.report("expected one of coil, discrete_input, holding, input, got \(node.quotedForMessage)")
            return nil
        }
        return table
    }

    /// `type`, with `length` for strings; bit tables default to and require `bool`.
    static func decodeType(_ map: ConfigMapping, table: ModbusTable) -> ModbusValueType? {
        let lengthNode = map.optional("length")
        let typeNode = table.isBitTable ? map.optional("type") : map.required("type")
        guard let typeNode else { return .bool }
        guard let text = typeNode.string() else { return nil }
        guard let type = ModbusValueType(spelling: text) else {
            typeNode.report("expected a value type (bool, u16, i16, u32, i32, f32, string, sunssf...), got \(typeNode.quotedForMessage)")
            return nil
        }
        if table.isBitTable != (type == .bool) {
            let message = table.isBitTable
                ? "a \(table.rawValue) holds one bit, so its type must be bool"
                : "type bool needs a coil or discrete_input table"
            typeNode.report(message)
            return nil
        }
        guard case .string = type else {
            if let lengthNode {
                lengthNode.report("length applies to string points only")
                return nil
            }
            return type
        }
        guard let lengthNode else {
            map.node.report("missing required key \"length\" for a string point")
            return nil
        }
        return lengthNode.int(in: 1...125).map { .string(registers: $0) }
    }

    /// `scale` or `scale_factor` (the factor point itself is checked once all points are read).
    static func decodeScaling(_ map: ConfigMapping, type: ModbusValueType?) -> PointScaling? {
        let scaleNode = map.optional("scale")
        let factorNode = map.optional("scale_factor")
        if scaleNode != nil, let factorNode {
            factorNode.report("give either scale or scale_factor, not both")
            return nil
        }
        guard let node = scaleNode ?? factorNode else { return PointScaling.none }
        if let type, type == .bool || type.isString {
            node.report("scaling applies to numeric points only")
            return nil
        }
        if let factorNode {
            guard let name = factorNode.string() else { return nil }
            return .scaleFactor(point: name)
        }
        guard let multiplier = scaleNode?.number() else { return nil }
        guard multiplier != 0 else {
            scaleNode?.report("scale must not be 0")
            return nil
        }
        // A register scaled by more than 10^±10 is a typo, and would turn readings into infinities.
        guard (1e-10...1e10).contains(abs(multiplier)) else {
            scaleNode?.report("expected a scale whose size is within 1e-10...1e10, got \(multiplier.compact)")
            return nil
        }
        return .multiplier(multiplier)
    }

    /// `unit`, defaulting to the unit the point name implies.
    static func decodeUnit(_ map: ConfigMapping, name: String) -> PointUnit? {
        let implied = PointUnit.implied(byPointName: name)
        guard let node = map.optional("unit") else { return implied ?? PointUnit.none }
        guard let text = node.string() else { return nil }
        guard let unit = PointUnit(rawValue: text) else {
            let all = PointUnit.allCases.map(\.rawValue).joined(separator: ", ")
            node.report("expected one of \(all), got \(node.quotedForMessage)")
            return nil
        }
        if let implied, implied != unit {
            node.report("the point name \"\(name)\" promises unit \(implied.rawValue), got \(unit.rawValue)")
            return nil
        }
        return unit
    }

    /// `access`, which read-only tables restrict to `read`.
    static func decodeAccess(_ map: ConfigMapping, table: ModbusTable?) -> PointAccess? {
        guard let node = map.optional("access") else { return .read }
        guard let access = node.choice(["read": PointAccess.read, "write": .write, "read_write": .readWrite]) else { return nil }
        if let table, access.canWrite, !table.isWritable {
            node.report("the \(table.rawValue) table is read-only, so access must be read")
            return nil
        }
        return access
    }

    /// `enum`: raw integer values to names.
    static func decodeEnumeration(_ node: ConfigNode, type: ModbusValueType?) -> [Int: String]? {
        guard let map = node.openMapping() else { return nil }
        if let type, type == .bool || type == .f32 || type.isString {
            node.report("enum applies to integer points only")
            return nil
        }
        var values: [Int: String] = [:]
        for (key, valueNode) in map.entries {
            guard let raw = ConfigNode.parseInt(key) else {
                valueNode.report("expected an integer raw value, got \"\(key)\"")
                continue
            }
            if let name = valueNode.string() { values[raw] = name }
        }
        return values
    }

    /// The point fits the address space, or its SunSpec model.
    static func checkExtent(_ map: ConfigMapping, location: PointLocation, type: ModbusValueType, context: Context) {
        switch location {
        case .address(let address):
            if address + type.registerCount - 1 > 65535 {
                map.optional("address")?.report("\(type.registerCount) registers from address \(address) run past 65535")
            }
        case .sunSpec(let modelID, let offset):
            guard let layout = context.sunSpec else { return }
            guard let model = layout.model(modelID) else {
                map.optional("model")?.report("model \(modelID) is not listed in sunspec.models")
                return
            }
            if offset + type.registerCount > model.length {
                map.optional("offset")?.report(
                    "offset \(offset) + \(type.registerCount) register(s) runs past the end of model \(modelID) (length \(model.length))")
            }
        }
    }
}
