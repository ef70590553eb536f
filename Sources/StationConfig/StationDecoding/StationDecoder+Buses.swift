extension StationDecoder {
    static let standardBaudRates = [1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200]

    /// The buses that decoded; registers every bus name for later references.
    func decodeBuses(_ node: ConfigNode) -> [BusConfiguration]? {
        guard let items = node.sequence() else { return nil }
        if items.isEmpty { node.report("expected at least one bus") }
        var decoded: [BusConfiguration] = []
        var firstUse: [String: String] = [:]
        var serialDevices: [String: String] = [:]
        for item in items {
            guard let map = item.mapping(allowedKeys: ["name", "tcp", "rtu", "response_timeout_ms", "byte_timeout_ms"]) else { continue }
            var name: String?
            if let nameNode = map.required("name"), let text = nameNode.string() {
                if let first = firstUse[text] {
                    nameNode.report("duplicate bus name \"\(text)\" (first at \(first))")
                } else {
                    firstUse[text] = item.keyPath
                    busNames.insert(text)
                    name = text
                }
            }
            let transport = decodeTransport(map, serialDevices: &serialDevices)
            let responseTimeout = map.optional("response_timeout_ms").map { $0.milliseconds(in: 10...10000) }
                ?? BusConfiguration.defaultResponseTimeout
            let byteTimeoutNode = map.optional("byte_timeout_ms")
            let byteTimeout = byteTimeoutNode.flatMap { $0.milliseconds(in: 1...1000) }
            guard let name, let transport, let responseTimeout, byteTimeoutNode == nil || byteTimeout != nil else { continue }
            let bus = BusConfiguration(name: name, transport: transport, responseTimeout: responseTimeout, byteTimeout: byteTimeout)
            buses[name] = bus
            decoded.append(bus)
        }
        return decoded
    }

    private func decodeTransport(_ map: ConfigMapping, serialDevices: inout [String: String]) -> BusTransport? {
        switch (map.optional("tcp"), map.optional("rtu")) {
        case (.some, .some(let rtu)):
            rtu.report("give either tcp or rtu, not both")
            return nil
        case (.none, .none):
            map.node.report("missing required key \"tcp\" or \"rtu\"")
            return nil
        case (.some(let tcp), .none):
            return decodeTCP(tcp)
        case (.none, .some(let rtu)):
            return decodeRTU(rtu, serialDevices: &serialDevices)
        }
    }

    private func decodeTCP(_ node: ConfigNode) -> BusTransport? {
        guard let map = node.mapping(allowedKeys: ["host", "port"]) else { return nil }
        let host = map.required("host")?.string()
        let port = map.optional("port").map { $0.int(in: 1...65535) } ?? 502
        guard let host, let port else { return nil }
        return .tcp(host: host, port: port)
    }

    private func decodeRTU(_ node: ConfigNode, serialDevices: inout [String: String]) -> BusTransport? {
        guard let map = node.mapping(allowedKeys: ["device", "baud", "parity", "data_bits", "stop_bits"]) else { return nil }
        var device: String?
        if let deviceNode = map.required("device"), let path = deviceNode.string() {
            if !path.hasPrefix("/") {
                deviceNode.report("expected an absolute device path such as /dev/ttyUSB0, got \(deviceNode.quotedForMessage)")
            } else if let first = serialDevices[path] {
                deviceNode.report("serial device \(path) is already used by \(first)")
            } else {
                serialDevices[path] = map.node.keyPath
                device = path
            }
        }
        let baud = map.required("baud").flatMap(decodeBaud)
        let parity = map.required("parity")?.choice(["none": SerialParity.none, "even": .even, "odd": .odd])
        let dataBits = map.optional("data_bits").map { $0.choice(["7": 7, "8": 8]) } ?? 8
        let stopBits = map.optional("stop_bits").map { $0.choice(["1": 1, "2": 2]) } ?? 1
        guard let device, let baud, let parity, let dataBits, let stopBits else { return nil }
        return .rtu(device: device, baud: baud, parity: parity, dataBits: dataBits, stopBits: stopBits)
    }

    private func decodeBaud(_ node: ConfigNode) -> Int? {
        guard let baud = node.int() else { return nil }
        guard Self.standardBaudRates.contains(baud) else {
            let rates = Self.standardBaudRates.map(String.init).joined(separator: ", ")
            node.report("expected a standard baud rate (\(rates)), got \(baud)")
            return nil
        }
        return baud
    }

    /// The bus a device's `bus` key names; reports unknown names (but not names of buses with their own problems).
    func resolveBus(_ node: ConfigNode) -> BusConfiguration? {
        guard let name = node.string() else { return nil }
        if let bus = buses[name] { return bus }
        if !busNames.contains(name) { node.report("unknown bus \"\(name)\"") }
        return nil
    }
}
