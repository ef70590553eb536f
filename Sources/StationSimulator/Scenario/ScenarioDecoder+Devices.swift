import StationConfig

extension ScenarioDecoder {
    static let socketResponseKeys = ["device", "response_delay_s", "ramp_a_per_s", "noise_pct"]
    static let batteryResponseKeys = ["device", "response_delay_s", "ramp_w_per_s", "noise_pct"]
    static let meterResponseKeys = ["device", "update_interval_ms", "latency_ms", "noise_w"]

    /// `devices`: a list of `{device, ...}` entries, each saying how slow and noisy one device is.
    func decodeDevices(_ node: ConfigNode) -> DeviceResponses? {
        guard let entries = node.sequence() else { return nil }
        var responses = DeviceResponses()
        var failed = false
        for entry in entries {
            guard let map = entry.mapping(
                allowedKeys: Self.socketResponseKeys + Self.batteryResponseKeys + Self.meterResponseKeys,
                unknownKeyHint: .allowedKeys),
                let device = map.required("device", nullCountsAsMissing: true).flatMap(decodeDevice)
            else {
                failed = true
                continue
            }
            let allowed: [String]
            switch device {
            case .socket: allowed = Self.socketResponseKeys
            case .battery: allowed = Self.batteryResponseKeys
            case .gridMeter: allowed = Self.meterResponseKeys
            }
            guard entry.mapping(allowedKeys: allowed, unknownKeyHint: .allowedKeys) != nil else {
                failed = true
                continue
            }
            switch device {
            case .socket(let id):
                guard let response = decodeResponse(map, ramp: "ramp_a_per_s", largestRamp: 1_000) else {
                    failed = true
                    continue
                }
                responses.sockets[id] = response
            case .battery:
                guard let response = decodeResponse(map, ramp: "ramp_w_per_s", largestRamp: Self.largestPower) else {
                    failed = true
                    continue
                }
                responses.battery = response
            case .gridMeter:
                let interval = map.optional("update_interval_ms").map { $0.scenarioNumber(in: 0...3_600_000) } ?? 0
                let latency = map.optional("latency_ms").map { $0.scenarioNumber(in: 0...3_600_000) } ?? 0
                let noise = map.optional("noise_w").map { $0.scenarioNumber(in: 0...Self.largestPower) } ?? 0
                guard let interval, let latency, let noise else {
                    failed = true
                    continue
                }
                responses.gridMeter = MeterResponse(
                    updateInterval: .milliseconds(interval), latency: .milliseconds(latency), noiseW: noise)
            }
        }
        return failed ? nil : responses
    }

    private func decodeResponse(_ map: ConfigMapping, ramp key: String, largestRamp: Double) -> DeviceResponse? {
        let delay = map.optional("response_delay_s").map { $0.scenarioNumber(in: 0...3_600) } ?? 0
        let rampNode = map.optional(key)
        let ramp = rampNode?.scenarioNumber(in: 0.001...largestRamp)
        let noise = map.optional("noise_pct").map { $0.scenarioNumber(in: 0...100) } ?? 0
        guard let delay, let noise, rampNode == nil || ramp != nil else { return nil }
        return DeviceResponse(delay: .milliseconds(delay * 1000), rampPerSecond: ramp, noise: noise / 100)
    }
}
