extension StationDecoder {
    func decodeEnergy(_ node: ConfigNode) -> EnergyConfiguration? {
        let keys = [
            "time_of_use", "headroom_w", "socket_ramp_a_per_cycle", "battery_ramp_w_per_cycle", "socket_response_s",
            "battery_response_s", "meter_lag_ms",
        ]
        guard let map = node.mapping(allowedKeys: keys) else { return nil }
        let timeOfUse = map.optional("time_of_use").map(decodeTimeOfUse) ?? []
        let headroom = map.optional("headroom_w").map { $0.number(in: 0...1_000_000) } ?? EnergyConfiguration.defaultHeadroomW
        let socketRampNode = map.optional("socket_ramp_a_per_cycle")
        let socketRamp = socketRampNode?.number(in: 0.1...63)
        let batteryRampNode = map.optional("battery_ramp_w_per_cycle")
        let batteryRamp = batteryRampNode?.number(in: 1...10_000_000)
        let socketResponse = map.optional("socket_response_s").map { $0.number(in: 0...60) }
            ?? EnergyConfiguration.defaultSocketResponseS
        let batteryResponse = map.optional("battery_response_s").map { $0.number(in: 0...60) }
            ?? EnergyConfiguration.defaultBatteryResponseS
        let meterLag = map.optional("meter_lag_ms").map { $0.number(in: 0...60_000) } ?? EnergyConfiguration.defaultMeterLagMs
        guard let timeOfUse, let headroom, socketRampNode == nil || socketRamp != nil,
              batteryRampNode == nil || batteryRamp != nil, let socketResponse, let batteryResponse, let meterLag
        else { return nil }
        return EnergyConfiguration(
            timeOfUse: timeOfUse, headroomW: headroom, socketRampAPerCycle: socketRamp, batteryRampWPerCycle: batteryRamp,
            socketResponseS: socketResponse, batteryResponseS: batteryResponse, meterLagMs: meterLag)
    }

    private func decodeTimeOfUse(_ node: ConfigNode) -> [TimeOfUsePrice]? {
        guard let items = node.sequence() else { return nil }
        var prices: [TimeOfUsePrice] = []
        var failed = false
        for item in items {
            guard let map = item.mapping(allowedKeys: ["from", "import_price", "export_price", "renewable_share"]) else {
                failed = true
                continue
            }
            let fromNode = map.required("from")
            let minute = fromNode.flatMap(decodeTimeOfDay)
            if let minute, let fromNode, let last = prices.last, minute <= last.fromMinute {
                fromNode.report("times must increase through the day")
                failed = true
            }
            let importPrice = map.required("import_price")?.number(in: -100...100)
            let exportNode = map.optional("export_price")
            let exportPrice = exportNode?.number(in: -100...100)
            let shareNode = map.optional("renewable_share")
            let share = shareNode?.number(in: 0...1)
            guard let minute, let importPrice, exportNode == nil || exportPrice != nil, shareNode == nil || share != nil else {
                failed = true
                continue
            }
            prices.append(TimeOfUsePrice(fromMinute: minute, importPrice: importPrice, exportPrice: exportPrice, renewableShare: share))
        }
        if !failed, let first = prices.first, first.fromMinute != 0 {
            node.report("the first entry must start at \"00:00\"")
            return nil
        }
        return failed ? nil : prices
    }

    /// "HH:MM" as minutes after midnight.
    private func decodeTimeOfDay(_ node: ConfigNode) -> Int? {
        guard let text = node.string() else { return nil }
        let parts = text.split(separator: ":")
        guard parts.count == 2, let hours = Int(parts[0]), let minutes = Int(parts[1]),
              (0...23).contains(hours), (0...59).contains(minutes), parts[1].count == 2
        else {
            node.report("expected a time of day as \"HH:MM\", got \"\(text)\"")
            return nil
        }
        return hours * 60 + minutes
    }

    func decodeLocalAPI(_ node: ConfigNode) -> LocalAPIConfiguration? {
        guard let map = node.mapping(allowedKeys: ["port"]) else { return nil }
        guard let portNode = map.optional("port") else { return LocalAPIConfiguration() }
        return portNode.int(in: 1...65535).map(LocalAPIConfiguration.init(port:))
    }
}
