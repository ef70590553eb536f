extension StationDecoder {
    /// The IEC 61851-1 minimum charging current.
    static let minimumChargingCurrentA = 6.0

    /// Decodes `safety` and checks it against the sockets and the grid limit.
    func decodeSafety(
        _ node: ConfigNode, control: ControlConfiguration, sockets: [SocketConfiguration], grid: GridConfiguration?
    ) -> SafetyConfiguration? {
        guard let map = node.mapping(allowedKeys: ["safe_socket_current_a", "stale_after_ms"]) else { return nil }
        let safeCurrent = map.required("safe_socket_current_a").flatMap {
            decodeSafeCurrent($0, sockets: sockets, grid: grid)
        }
        let periodMs = Int(control.period.components.seconds * 1000 + control.period.components.attoseconds / 1_000_000_000_000_000)
        let staleAfter = map.optional("stale_after_ms").map { $0.milliseconds(in: periodMs...600_000) }
            ?? .milliseconds(3 * periodMs)
        guard let safeCurrent, let staleAfter else { return nil }
        return SafetyConfiguration(safeSocketCurrentA: safeCurrent, staleAfter: staleAfter)
    }

    private func decodeSafeCurrent(_ node: ConfigNode, sockets: [SocketConfiguration], grid: GridConfiguration?) -> Double? {
        guard let current = node.number() else { return nil }
        if current < Self.minimumChargingCurrentA {
            node.report("expected at least 6 A (the IEC 61851-1 minimum), got \(current.compact)")
            return nil
        }
        if let smallest = sockets.map(\.maxCurrentA).min(), current > smallest {
            node.report("expected at most \(smallest.compact) A (the smallest socket max_current_a), got \(current.compact)")
            return nil
        }
        if let grid {
            let draw = sockets.reduce(0.0) { $0 + current * Double($1.phases) * grid.nominalVoltageV }
            if draw > grid.connectionLimitW {
                node.report(
                    "all sockets at the safe current draw \(draw.compact) W, more than grid.connection_limit_w (\(grid.connectionLimitW.compact))")
                return nil
            }
        }
        return current
    }
}
