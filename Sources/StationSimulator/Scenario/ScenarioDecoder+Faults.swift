import StationConfig

extension ScenarioDecoder {
    static let faultKeys = ["device", "kind", "code", "delay_ms", "from_s", "to_s"]
    static let faultKinds = ["no_answer", "exception", "nonsense", "delay"]
    /// Exception code when none is given: 4, server device failure.
    static let defaultExceptionCode: UInt8 = 4

    /// One entry of `faults`: which device, what fault, and when.
    func decodeFault(_ node: ConfigNode) -> FaultWindow? {
        guard let map = node.mapping(allowedKeys: Self.faultKeys, unknownKeyHint: .allowedKeys) else { return nil }
        let device = map.required("device", nullCountsAsMissing: true).flatMap(decodeDevice)
        let fault = map.required("kind", nullCountsAsMissing: true).flatMap { decodeKind($0, map) }
        let from = map.optional("from_s").map { $0.scenarioNumber(in: 0...Double(Int32.max)) } ?? 0
        let toNode = map.optional("to_s")
        let to = toNode?.scenarioNumber(in: 0...Double(Int32.max))
        guard let device, let fault, let from else { return nil }
        var window = FaultWindow(device: device, fault: fault, from: .seconds(from))
        if let toNode {
            guard let to else { return nil }
            guard to > from else {
                toNode.report("to_s must be after from_s (\(from.formatted1))")
                return nil
            }
            window.to = .seconds(to)
        }
        return window
    }

    func decodeDevice(_ node: ConfigNode) -> SimulatedDeviceID? {
        guard let text = node.scalarText, let device = SimulatedDeviceID(spelling: text) else {
            node.report("expected grid_meter, battery or socket:<id>, got \(node.quotedForMessage)")
            return nil
        }
        guard let station else { return device }
        switch device {
        case .socket(let id) where station.socket(id: id) == nil:
            node.report("the station has no socket \(id)")
            return nil
        case .battery where station.battery == nil:
            node.report("the station has no battery")
            return nil
        default:
            return device
        }
    }

    private func decodeKind(_ node: ConfigNode, _ map: ConfigMapping) -> SimulatedFault? {
        let code = map.optional("code")
        let delay = map.optional("delay_ms")
        switch node.scalarText {
        case "no_answer"?, "nonsense"?:
            code?.report("only an exception fault has a code")
            delay?.report("only a delay fault has delay_ms")
            return node.scalarText == "no_answer" ? .noAnswer : .nonsense
        case "exception"?:
            delay?.report("only a delay fault has delay_ms")
            guard let code else { return .exception(Self.defaultExceptionCode) }
            return code.scenarioInt(in: 1...255).map { .exception(UInt8($0)) }
        case "delay"?:
            code?.report("only an exception fault has a code")
            return map.required("delay_ms", nullCountsAsMissing: true)?
                .scenarioInt(in: 1...600_000).map { .delay(.milliseconds($0)) }
        default:
            node.report("expected one of \(Self.faultKinds.joined(separator: ", ")), got \(node.quotedForMessage)")
            return nil
        }
    }
}
