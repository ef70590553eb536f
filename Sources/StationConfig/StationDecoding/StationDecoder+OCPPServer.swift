extension StationDecoder {
    static let ocppServerKeys = [
        "host", "port", "unknown_chargers", "heartbeat_interval_s", "call_timeout_ms", "max_frame_bytes", "chargers",
    ]

    func decodeOCPPServer(_ node: ConfigNode, modbusSockets: [SocketConfiguration]) -> OCPPServerConfiguration? {
        guard let map = node.mapping(allowedKeys: Self.ocppServerKeys) else { return nil }
        var config = OCPPServerConfiguration()
        var failed = false
        if let host = map.optional("host") {
            if let value = host.string() { config.host = value } else { failed = true }
        }
        if let port = map.optional("port") {
            if let value = port.int(in: 1...65535) { config.port = value } else { failed = true }
        }
        if let unknown = map.optional("unknown_chargers") {
            if let value = unknown.choice(["reject": OCPPServerConfiguration.UnknownChargers.reject, "pending": .pending]) {
                config.unknownChargers = value
            } else {
                failed = true
            }
        }
        if let heartbeat = map.optional("heartbeat_interval_s") {
            if let value = heartbeat.int(in: 10...86_400) { config.heartbeatInterval = .seconds(value) } else { failed = true }
        }
        if let timeout = map.optional("call_timeout_ms") {
            if let value = timeout.milliseconds(in: 1_000...600_000) { config.callTimeout = value } else { failed = true }
        }
        if let size = map.optional("max_frame_bytes") {
            if let value = size.int(in: 1_024...16_777_216) { config.maxFrameBytes = value } else { failed = true }
        }
        var socketUsers: [Int: String] = [:]
        for socket in modbusSockets { socketUsers[socket.id] = "a Modbus socket" }
        if let chargers = map.optional("chargers") {
            if let decoded = decodeChargers(chargers, socketUsers: &socketUsers) { config.chargers = decoded } else { failed = true }
        }
        return failed ? nil : config
    }

    private func decodeChargers(_ node: ConfigNode, socketUsers: inout [Int: String]) -> [ChargerConfiguration]? {
        guard let items = node.sequence() else { return nil }
        var chargers: [ChargerConfiguration] = []
        var ids: Set<String> = []
        var failed = false
        for item in items {
            guard let map = item.mapping(allowedKeys: ["id", "password", "password_file", "connectors"]) else {
                failed = true
                continue
            }
            let idNode = map.required("id")
            var id = idNode.flatMap { decodeStationId($0, what: "charger id") }
            if let value = id, let idNode, !ids.insert(value).inserted {
                idNode.report("duplicate charger id \"\(value)\"")
                id = nil
            }
            let credential = decodeCredential(map)
            let connectors = map.required("connectors").flatMap { decodeConnectors($0, charger: id ?? "?", socketUsers: &socketUsers) }
            guard let id, let credential, let connectors else {
                failed = true
                continue
            }
            chargers.append(ChargerConfiguration(id: id, credential: credential, connectors: connectors))
        }
        return failed ? nil : chargers
    }

    private func decodeConnectors(
        _ node: ConfigNode, charger: String, socketUsers: inout [Int: String]
    ) -> [ChargerConnectorConfiguration]? {
        guard let items = node.sequence() else { return nil }
        if items.isEmpty { node.report("expected at least one connector") }
        var connectors: [ChargerConnectorConfiguration] = []
        var numbers: Set<Int> = []
        var failed = items.isEmpty
        for item in items {
            guard let map = item.mapping(allowedKeys: ["connector", "socket", "max_current_a", "phases"]) else {
                failed = true
                continue
            }
            let connectorNode = map.required("connector")
            var connector = connectorNode?.int(in: 1...99)
            if let value = connector, let connectorNode, !numbers.insert(value).inserted {
                connectorNode.report("duplicate connector \(value) on charger \(charger)")
                connector = nil
            }
            let socketNode = map.required("socket")
            var socket = socketNode?.int(in: 1...9999)
            if let value = socket, let socketNode {
                if let user = socketUsers[value] {
                    socketNode.report("socket \(value) is already \(user)")
                    socket = nil
                } else {
                    socketUsers[value] = "connector \(connector ?? 0) of charger \(charger)"
                }
            }
            let maxCurrent = map.required("max_current_a")?.number(in: 6...63)
            let phases = map.required("phases")?.int(in: 1...3)
            if let phases, phases == 2 { map.optional("phases")?.report("expected 1 or 3, got 2") }
            guard let connector, let socket, let maxCurrent, let phases, phases != 2 else {
                failed = true
                continue
            }
            connectors.append(ChargerConnectorConfiguration(connector: connector, socket: socket, maxCurrentA: maxCurrent, phases: phases))
        }
        return failed ? nil : connectors
    }

    func decodeLocalAuthorization(_ node: ConfigNode) -> [LocalAuthorization]? {
        guard let map = node.mapping(allowedKeys: ["local_list"]) else { return nil }
        guard let listNode = map.optional("local_list") else { return [] }
        guard let items = listNode.sequence() else { return nil }
        var entries: [LocalAuthorization] = []
        var tags: Set<String> = []
        var failed = false
        for item in items {
            guard let entry = item.mapping(allowedKeys: ["id_tag", "status"]) else {
                failed = true
                continue
            }
            let tagNode = entry.required("id_tag")
            var tag = tagNode?.string()
            if let value = tag, let tagNode {
                if value.isEmpty || value.count > 20 {
                    tagNode.report("expected an id tag of 1 to 20 characters (OCPP 1.6 IdToken)")
                    tag = nil
                } else if !tags.insert(value).inserted {
                    tagNode.report("duplicate id tag \"\(value)\"")
                    tag = nil
                }
            }
            let status = entry.optional("status").map {
                $0.choice(["accepted": LocalAuthorization.Status.accepted, "blocked": .blocked, "expired": .expired, "invalid": .invalid])
            } ?? .accepted
            guard let tag, let status else {
                failed = true
                continue
            }
            entries.append(LocalAuthorization(idTag: tag, status: status))
        }
        return failed ? nil : entries
    }
}
