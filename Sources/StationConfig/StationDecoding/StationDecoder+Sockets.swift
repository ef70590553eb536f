extension StationDecoder {
    static let socketKeys = [
        "id", "device", "bus", "unit_id", "poll_interval_ms", "max_current_a", "phases", "connector", "authorization", "gpio",
    ]

    /// The sockets that decoded (possibly fewer than listed, when some have problems).
    func decodeSockets(_ node: ConfigNode) -> [SocketConfiguration]? {
        guard let items = node.sequence() else { return nil }
        if items.isEmpty { node.report("expected at least one socket") }
        var idUsers: [Int: String] = [:]
        var decoded: [SocketConfiguration] = []
        for item in items {
            guard let map = item.mapping(allowedKeys: Self.socketKeys) else { continue }
            var id: Int?
            if let idNode = map.required("id"), let value = idNode.int() {
                if value < 1 {
                    idNode.report("expected a positive integer, got \(value)")
                } else if let first = idUsers[value] {
                    idNode.report("duplicate socket id \(value) (first at \(first))")
                } else {
                    idUsers[value] = item.keyPath
                    id = value
                }
            }
            let device = decodeDeviceReference(map, kind: .evse)
            let maxCurrent = map.required("max_current_a")?.number(in: 6...63)
            let phases = map.required("phases").flatMap(decodePhases)
            let connector = map.optional("connector").map {
                $0.choice(["type2": ConnectorType.type2, "type2_cable": .type2Cable, "type1_cable": .type1Cable])
            } ?? .type2
            if connector == .type1Cable, let phases, phases != 1 {
                map.optional("phases")?.report("a type1_cable connector carries one phase, so phases must be 1")
            }
            let gpio = map.optional("gpio").map(decodeSocketGPIO) ?? SocketGPIOConfiguration()
            let authorization = map.optional("authorization").map {
                $0.choice(["free": SocketAuthorization.free, "token": .token])
            } ?? .free
            guard let id, let device, let maxCurrent, let phases, let connector, let gpio, let authorization,
                  connector != .type1Cable || phases == 1
            else { continue }
            decoded.append(SocketConfiguration(
                id: id, device: device, maxCurrentA: maxCurrent, phases: phases, connector: connector,
                authorization: authorization, gpio: gpio))
        }
        return decoded
    }

    private func decodePhases(_ node: ConfigNode) -> Int? {
        guard let phases = node.int() else { return nil }
        guard phases == 1 || phases == 3 else {
            node.report("expected 1 or 3, got \(phases)")
            return nil
        }
        return phases
    }
}
