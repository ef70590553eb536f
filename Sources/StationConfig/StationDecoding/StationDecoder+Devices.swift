extension StationDecoder {
    /// Reads the `device`, `bus` and `unit_id` keys of a device's mapping and checks each reference.
    func decodeDeviceReference(_ map: ConfigMapping, kind: DeviceKind) -> ModbusDeviceReference? {
        let profileName = map.required("device").flatMap { resolveProfile($0, kind: kind) }
        let bus = map.required("bus").flatMap(resolveBus)
        let unitNode = map.required("unit_id")
        let unitId = unitNode.flatMap { decodeUnitId($0, bus: bus) }
        if let unitNode, let unitId, let bus {
            let key = "\(bus.name)#\(unitId)"
            if let user = unitIdUsers[key] {
                unitNode.report("unit id \(unitId) on bus \"\(bus.name)\" is already used by \(user)")
                return nil
            }
            unitIdUsers[key] = map.node.keyPath
        }
        let pollNode = map.optional("poll_interval_ms")
        let pollInterval = pollNode.flatMap { $0.milliseconds(in: 100...60_000) }
        guard let profileName, let bus, let unitId, pollNode == nil || pollInterval != nil else { return nil }
        return ModbusDeviceReference(profileName: profileName, busName: bus.name, unitId: unitId, pollInterval: pollInterval)
    }

    /// The profile name, once the profile loaded and has the expected kind.
    private func resolveProfile(_ node: ConfigNode, kind: DeviceKind) -> String? {
        guard let name = node.string() else { return nil }
        guard ProfileResolver.isValidName(name) else {
            node.report("invalid profile name \"\(name)\": use lower-case letters, digits, '.', '_' and '-'")
            return nil
        }
        switch resolver.resolve(name) {
        case .missing:
            node.report("unknown profile \"\(name)\"")
            return nil
        case .invalid:
            return nil
        case .loaded(let profile):
            guard profile.kind == kind else {
                node.report("profile \"\(name)\" has kind \(profile.kind.rawValue), expected \(kind.rawValue)")
                return nil
            }
            return name
        }
    }

    /// A unit id in 1...247, or 255 on a TCP bus (the Modbus/TCP "unit not used" value).
    private func decodeUnitId(_ node: ConfigNode, bus: BusConfiguration?) -> Int? {
        guard let unitId = node.int() else { return nil }
        if (1...247).contains(unitId) { return unitId }
        let onTCP = bus?.transport.isTCP
        if unitId == 255, onTCP != false { return unitId }
        node.report("expected an integer in 1...247\(onTCP == true ? " or 255" : ""), got \(unitId)")
        return nil
    }
}
