import StationConfig
import StationCore

/// Turns a scenario document into a `Scenario`, checking it against the station when one is given.
struct ScenarioDecoder {
    let station: StationConfiguration?

    static let rootKeys = ["base_load_w", "pv", "battery", "evs", "faults", "devices"]
    /// Largest site load or PV peak a scenario may name, in W.
    static let largestPower = 10_000_000.0

    func decode(_ root: ConfigNode) -> Scenario? {
        guard let map = root.mapping(allowedKeys: Self.rootKeys, unknownKeyHint: .allowedKeys) else { return nil }
        var scenario = Scenario()
        if let node = map.optional("base_load_w"), let load = decodeBaseLoad(node) { scenario.baseLoad = load }
        if let node = map.optional("pv") { scenario.pv = decodePV(node) }
        if let node = map.optional("battery"), let soc = decodeBattery(node) { scenario.batterySoC = soc }
        if let node = map.optional("evs") { scenario.arrivals = node.sequence()?.compactMap(decodeArrival) ?? [] }
        if let node = map.optional("faults") { scenario.faults = node.sequence()?.compactMap(decodeFault) ?? [] }
        if let node = map.optional("devices"), let devices = decodeDevices(node) { scenario.devices = devices }
        return scenario
    }

    /// A constant in W, or a list of `{at, w}` steps of one kind in rising order.
    private func decodeBaseLoad(_ node: ConfigNode) -> LoadProfile? {
        if node.isScalar {
            return node.scenarioNumber(in: 0...Self.largestPower).map { .constant(Watts($0)) }
        }
        guard let elements = node.sequence() else { return nil }
        var steps: [LoadProfile.Step] = []
        for element in elements {
            guard let map = element.mapping(allowedKeys: ["at", "w"], unknownKeyHint: .allowedKeys) else { continue }
            let at = map.required("at", nullCountsAsMissing: true)?.time()
            let power = map.required("w", nullCountsAsMissing: true)?.scenarioNumber(in: 0...Self.largestPower)
            guard let at, let power else { continue }
            if let previous = steps.last {
                guard previous.at.isSameKind(as: at) else {
                    element.report("mix of seconds and times of day; use one kind for every step")
                    continue
                }
                guard previous.at.offset < at.offset else {
                    element.report("steps must be in rising order of \"at\"")
                    continue
                }
            }
            steps.append(LoadProfile.Step(at: at, power: Watts(power)))
        }
        guard !steps.isEmpty else {
            node.report("expected at least one step")
            return nil
        }
        return .steps(steps)
    }

    /// A peak in W, or `{peak_w, sunrise, sunset}`.
    private func decodePV(_ node: ConfigNode) -> PVProfile? {
        if node.isScalar {
            return node.scenarioNumber(in: 0...Self.largestPower).map { PVProfile(peak: Watts($0)) }
        }
        let keys = ["peak_w", "sunrise", "sunset"]
        guard let map = node.mapping(allowedKeys: keys, unknownKeyHint: .allowedKeys) else { return nil }
        let peak = map.required("peak_w", nullCountsAsMissing: true)?.scenarioNumber(in: 0...Self.largestPower)
        let sunrise = map.optional("sunrise").map { $0.time() } ?? PVProfile.defaultSunrise
        let sunset = map.optional("sunset").map { $0.time() } ?? PVProfile.defaultSunset
        guard let peak, let sunrise, let sunset else { return nil }
        guard sunrise.isSameKind(as: sunset), sunrise.offset < sunset.offset else {
            node.report("sunrise and sunset must both be seconds or both times of day, sunrise first")
            return nil
        }
        return PVProfile(peak: Watts(peak), sunrise: sunrise, sunset: sunset)
    }

    /// `{soc_pct}`: the battery's state of charge at the start.
    private func decodeBattery(_ node: ConfigNode) -> StateOfCharge? {
        guard let map = node.mapping(allowedKeys: ["soc_pct"], unknownKeyHint: .allowedKeys) else { return nil }
        if let station, station.battery == nil {
            node.report("the station has no battery")
            return nil
        }
        return map.optional("soc_pct")?.scenarioNumber(in: 0...100).map(StateOfCharge.init)
    }
}
