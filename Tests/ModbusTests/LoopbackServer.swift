import Modbus

/// A project-own libmodbus server on 127.0.0.1 with one bank per unit id, and a bus to it.
struct LoopbackServer {
    let server: ModbusServer
    let port: Int
    var banks: [UInt8: RegisterBank]

    init(units: [UInt8] = [1], port: Int = 0) throws {
        var banks: [UInt8: RegisterBank] = [:]
        for unit in units { banks[unit] = try RegisterBank() }
        server = ModbusServer(.tcp(host: "127.0.0.1", port: port), units: banks)
        self.port = try server.start()
        self.banks = banks
    }

    func bus(timeout: Duration = .milliseconds(500)) -> ModbusBus {
        ModbusBus(.tcp(host: "127.0.0.1", port: port, responseTimeout: timeout))
    }
}
