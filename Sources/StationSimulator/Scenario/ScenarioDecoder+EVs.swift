import StationConfig
import StationCore

extension ScenarioDecoder {
    static let evKeys = [
        "socket", "arrive_s", "leave_s", "leave_when_full", "capacity_kwh", "soc_pct", "max_current_a", "phases",
    ]

    /// One entry of `evs`: which socket, when, and the vehicle.
    func decodeArrival(_ node: ConfigNode) -> EVArrival? {
        guard let map = node.mapping(allowedKeys: Self.evKeys, unknownKeyHint: .allowedKeys) else { return nil }
        let socketNode = map.required("socket", nullCountsAsMissing: true)
        var socket = socketNode?.scenarioInt(in: 1...Int(Int32.max))
        if let socketNode, let id = socket, let station, station.socket(id: id) == nil {
            let known = station.sockets.map { String($0.id) }.joined(separator: ", ")
            socketNode.report("the station has no socket \(id) (sockets: \(known))")
            socket = nil
        }
        let arrive = map.required("arrive_s", nullCountsAsMissing: true)?.scenarioNumber(in: 0...Double(Int32.max))
        let leaveNode = map.optional("leave_s")
        let leave = leaveNode?.scenarioNumber(in: 0...Double(Int32.max))
        let whenFull = map.optional("leave_when_full")?.bool() ?? false
        let capacity = map.optional("capacity_kwh").map { $0.scenarioNumber(in: 1...1000) } ?? 60
        let soc = map.optional("soc_pct").map { $0.scenarioNumber(in: 0...100) } ?? 30
        let current = map.optional("max_current_a").map { $0.scenarioNumber(in: 1...100) } ?? 16
        let phases = map.optional("phases").map { $0.scenarioInt(in: 1...3) } ?? 3
        var departure: SimulatedEV.Departure? = whenFull ? .whenFull : .stays
        if let leaveNode {
            departure = nil
            if whenFull {
                leaveNode.report("give either leave_s or leave_when_full, not both")
            } else if let leave, let arrive {
                if leave > arrive {
                    departure = .after(.seconds(leave - arrive))
                } else {
                    leaveNode.report("leave_s must be after arrive_s (\(arrive.formatted1))")
                }
            }
        }
        guard let socket, let arrive, let departure, let capacity, let soc, let current, let phases else { return nil }
        let ev = SimulatedEV(
            capacity: WattHours(capacity * 1000), soc: StateOfCharge(soc), maxCurrent: Amperes(current), phases: phases,
            departure: departure)
        return EVArrival(socket: socket, at: .seconds(arrive), ev: ev)
    }
}
