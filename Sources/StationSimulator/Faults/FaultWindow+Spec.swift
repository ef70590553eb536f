extension FaultWindow {
    /// Parses the command line's `device:kind[@from-[to]]`, times in seconds.
    ///
    /// Devices: `grid_meter`, `battery`, `socket:<id>`. Kinds: `no_answer`, `nonsense`, `exception[:code]`
    /// (code 4, server device failure, by default), `delay:<ms>`. Without `@` the fault starts at once and lasts.
    /// Examples: `grid_meter:no_answer@30-60`, `socket:1:exception:6@10-`, `battery:nonsense`.
    public init(spec: String) throws(SimulatorError) {
        let parts = spec.split(separator: "@", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        var words = parts[0].split(separator: ":", omittingEmptySubsequences: false).map(String.init)
        let device: SimulatedDeviceID?
        if words.first == "socket", words.count >= 2 {
            device = SimulatedDeviceID(spelling: "socket:\(words[1])")
            words.removeFirst(2)
        } else {
            device = words.first.flatMap { SimulatedDeviceID(spelling: $0) }
            if !words.isEmpty { words.removeFirst() }
        }
        guard let device else {
            throw SimulatorError(.invalidFault, "\"\(spec)\": expected grid_meter, battery or socket:<id> before the first ':'")
        }
        guard let fault = Self.fault(words) else {
            throw SimulatorError(
                .invalidFault, "\"\(spec)\": expected a fault no_answer, nonsense, exception[:code] or delay:<ms> after the device")
        }
        var window = FaultWindow(device: device, fault: fault)
        if parts.count == 2 {
            let times = parts[1].split(separator: "-", maxSplits: 1, omittingEmptySubsequences: false)
            guard times.count == 2, let from = Double(times[0]), from >= 0 else {
                throw SimulatorError(.invalidFault, "\"\(spec)\": expected @<from>-<to> in seconds, e.g. @30-60 (or @30- to keep it)")
            }
            window.from = .seconds(from)
            if !times[1].isEmpty {
                guard let to = Double(times[1]), to > from else {
                    throw SimulatorError(.invalidFault, "\"\(spec)\": the end must be a number of seconds after the start")
                }
                window.to = .seconds(to)
            }
        }
        self = window
    }

    private static func fault(_ words: [String]) -> SimulatedFault? {
        switch (words.first, words.count) {
        case ("no_answer", 1): return .noAnswer
        case ("nonsense", 1): return .nonsense
        case ("exception", 1): return .exception(4)
        case ("exception", 2): return UInt8(words[1]).flatMap { $0 > 0 ? .exception($0) : nil }
        case ("delay", 2):
            let text = words[1].hasSuffix("ms") ? String(words[1].dropLast(2)) : words[1]
            return Int(text).flatMap { $0 > 0 ? .delay(.milliseconds($0)) : nil }
        default: return nil
        }
    }
}
