extension StationDecoder {
    func decodeSocketGPIO(_ node: ConfigNode) -> SocketGPIOConfiguration? {
        guard let map = node.mapping(allowedKeys: ["contactor", "key_switch", "led"]) else { return nil }
        let contactor = decodeOptionalLine(map, "contactor", direction: .output)
        let keySwitch = decodeOptionalLine(map, "key_switch", direction: .input)
        let led = decodeOptionalLine(map, "led", direction: .output)
        guard let contactor, let keySwitch, let led else { return nil }
        return SocketGPIOConfiguration(contactor: contactor, keySwitch: keySwitch, led: led)
    }

    func decodeStationGPIO(_ node: ConfigNode) -> StationGPIOConfiguration? {
        guard let map = node.mapping(allowedKeys: ["emergency_stop", "status_led"]) else { return nil }
        let emergencyStop = decodeOptionalLine(map, "emergency_stop", direction: .input)
        let statusLED = decodeOptionalLine(map, "status_led", direction: .output)
        guard let emergencyStop, let statusLED else { return nil }
        return StationGPIOConfiguration(emergencyStop: emergencyStop, statusLED: statusLED)
    }

    /// `.some(nil)` when the key is absent, `nil` when the line has a problem.
    private func decodeOptionalLine(_ map: ConfigMapping, _ key: String, direction: GPIODirection) -> GPIOLineConfiguration?? {
        guard let node = map.optional(key) else { return .some(nil) }
        return decodeLine(node, direction: direction).map { .some($0) }
    }

    /// One line spec: `chip`, `line` (offset or name), `active_low`, and `debounce_ms` for inputs.
    private func decodeLine(_ node: ConfigNode, direction: GPIODirection) -> GPIOLineConfiguration? {
        guard let map = node.mapping(allowedKeys: ["chip", "line", "active_low", "debounce_ms"]) else { return nil }
        let chip = map.optional("chip").map { $0.string() } ?? GPIOLineConfiguration.defaultChip
        let line = map.required("line").flatMap(decodeLineSelector)
        let activeLow = map.optional("active_low").map { $0.bool() } ?? false
        var debounce: Duration?? = .some(nil)
        if let debounceNode = map.optional("debounce_ms") {
            if direction == .output {
                debounceNode.report("debounce_ms applies to inputs only")
                debounce = nil
            } else {
                debounce = debounceNode.milliseconds(in: 0...1000).map { .some($0) }
            }
        }
        guard let chip, let line, let activeLow, let debounce else { return nil }
        let key = "\(chip)#\(line)"
        if let user = gpioLineUsers[key] {
            map.optional("line")?.report("gpio line \(line) on \(chip) is already used by \(user)")
            return nil
        }
        gpioLineUsers[key] = node.keyPath
        return GPIOLineConfiguration(chip: chip, line: line, direction: direction, activeLow: activeLow, debounce: debounce)
    }

    /// A plain integer is an offset; anything else is a line name.
    private func decodeLineSelector(_ node: ConfigNode) -> GPIOLineSelector? {
        if case .scalar(let scalar) = node.node, scalar.style == .plain, let offset = ConfigNode.parseInt(scalar.string) {
            guard (0...1023).contains(offset) else {
                node.report("expected an integer in 0...1023, got \(offset)")
                return nil
            }
            return .offset(offset)
        }
        return node.string().map(GPIOLineSelector.name)
    }
}
