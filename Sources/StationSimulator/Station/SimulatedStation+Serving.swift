import Modbus

extension SimulatedStation {
    /// Opens every planned server; fails with `.serving` if one cannot listen (the port is taken, no such tty).
    ///
    /// Does nothing if already started. On failure, servers already opened are closed again.
    public func start() throws(SimulatorError) {
        try servers.withLock { (running) throws(SimulatorError) in
            guard running.isEmpty else { return }
            for planned in plan.servers {
                let server = ModbusServer(planned.listener, units: planned.units)
                do {
                    try server.start()
                } catch {
                    for (_, started) in running { started.stop() }
                    running.removeAll()
                    throw SimulatorError(.serving, "bus \(planned.bus): cannot serve on \(planned.address): \(error)")
                }
                running.append((planned.bus, server))
            }
        }
    }

    /// Closes every server; the simulation itself can go on stepping.
    public func stop() {
        let stopping = servers.withLock { running in
            defer { running.removeAll() }
            return running.map(\.server)
        }
        for server in stopping { server.stop() }
    }

    /// The TCP port each served TCP bus listens on, by bus name, once started.
    public var boundPorts: [String: Int] {
        servers.withLock { running in
            var ports: [String: Int] = [:]
            for (bus, server) in running {
                if case .tcp = server.listener, let port = server.port { ports[bus] = port }
            }
            return ports
        }
    }

    /// Where each bus is served, by bus name: `127.0.0.1:5020`, or the serial line (as planned; TCP port 0 until started).
    public var servedAddresses: [String: String] {
        let ports = boundPorts
        var addresses: [String: String] = [:]
        for server in plan.servers {
            if case .tcp(let host, _) = server.listener, let port = ports[server.bus] {
                addresses[server.bus] = "\(host):\(port)"
            } else {
                addresses[server.bus] = server.address
            }
        }
        return addresses
    }

    /// The devices each served bus hosts, by bus name.
    public var servedDevices: [String: [SimulatedDeviceID]] {
        Dictionary(plan.servers.map { ($0.bus, $0.devices) }, uniquingKeysWith: { first, _ in first })
    }

    /// Devices no server answers for, and why (RTU buses without a serial path, or past the first unit of an RTU bus).
    public var unservedDevices: [SimulatedDeviceID: String] {
        Dictionary(plan.unserved.map { ($0.device, $0.reason) }, uniquingKeysWith: { first, _ in first })
    }

    /// A server's request counter for `bus` (for tests and load reports), once started.
    public func requestsReceived(onBus bus: String) -> Int? {
        servers.withLock { running in running.first { $0.bus == bus }?.server.requestsReceived }
    }
}
