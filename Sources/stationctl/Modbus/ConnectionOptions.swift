import ArgumentParser
import Modbus

/// How to reach the device: TCP or a serial line, its unit id and timeouts.
struct ConnectionOptions: ParsableArguments {
    @Option(help: ArgumentHelp("Modbus TCP device or gateway.", valueName: "host[:port]"))
    var tcp: String?

    @Option(help: ArgumentHelp("Serial device for Modbus RTU.", valueName: "device"))
    var rtu: String?

    @Option(help: "RTU baud rate.")
    var baud: Int = 9600

    @Option(help: "RTU parity: none, even or odd.")
    var parity: String = "none"

    @Option(name: .customLong("data-bits"), help: "RTU data bits (7 or 8).")
    var dataBits: Int = 8

    @Option(name: .customLong("stop-bits"), help: "RTU stop bits (1 or 2).")
    var stopBits: Int = 1

    @Option(help: "Unit id (slave address), 0-247 (0-255 over TCP).")
    var unit: Int = 1

    @Option(name: .customLong("timeout-ms"), help: "Response timeout in milliseconds.")
    var timeoutMilliseconds: Int = 1000

    @Flag(help: "Print JSON instead of a table.")
    var json = false

    func validate() throws {
        guard (tcp == nil) != (rtu == nil) else {
            throw ValidationError("give exactly one of --tcp host[:port] or --rtu device")
        }
        if rtu != nil {
            guard SerialLine.Parity(spelling: parity) != nil else {
                throw ValidationError("--parity must be none, even or odd, not \"\(parity)\"")
            }
            guard [7, 8].contains(dataBits) else { throw ValidationError("--data-bits must be 7 or 8") }
            guard [1, 2].contains(stopBits) else { throw ValidationError("--stop-bits must be 1 or 2") }
            guard (0...247).contains(unit) else { throw ValidationError("--unit must be 0-247 on RTU, not \(unit)") }
        } else {
            guard (0...255).contains(unit) else { throw ValidationError("--unit must be 0-255, not \(unit)") }
        }
        guard (1...60_000).contains(timeoutMilliseconds) else {
            throw ValidationError("--timeout-ms must be 1-60000")
        }
        _ = try endpoint()
    }

    func endpoint() throws -> ModbusEndpoint {
        let timeout = Duration.milliseconds(timeoutMilliseconds)
        if let rtu {
            let line = SerialLine(
                device: rtu, baud: baud, parity: SerialLine.Parity(spelling: parity) ?? .none,
                dataBits: dataBits, stopBits: stopBits)
            return .rtu(line, responseTimeout: timeout)
        }
        let address = tcp ?? ""
        var host = address
        var port = 502
        if let colon = address.lastIndex(of: ":"), !address.hasPrefix("[") || address.hasSuffix("]") == false {
            guard let parsed = Int(address[address.index(after: colon)...]), (1...65535).contains(parsed) else {
                throw ValidationError("--tcp: \"\(address)\" has no valid port after ':'")
            }
            host = String(address[..<colon])
            port = parsed
        }
        guard !host.isEmpty else { throw ValidationError("--tcp needs a host") }
        return .tcp(host: host, port: port, responseTimeout: timeout)
    }

    var unitID: UInt8 { UInt8(clamping: unit) }
}

/// Where and what to read or write.
struct PointOptions: ParsableArguments {
    @Option(help: "Table: coil, discrete_input, holding or input.")
    var table: String = "holding"

    @Option(help: "Register (or bit) address, 0-65535, as on the wire (no 4xxxx offset).")
    var address: Int

    @Option(help: "Value type: u16, i16, u32, i32, f32, string or bool.")
    var type: String?

    @Option(name: .customLong("word-order"), help: "Word order of 32-bit values: big (ABCD) or little (CDAB).")
    var wordOrder: String = "big"

    @Option(help: "Registers of a string value.")
    var length: Int = 1

    func validate() throws {
        guard ModbusTable(spelling: table) != nil else {
            throw ValidationError("--table must be coil, discrete_input, holding or input, not \"\(table)\"")
        }
        guard (0...65535).contains(address) else { throw ValidationError("--address must be 0-65535") }
        if let type, ModbusValueType(spelling: type) == nil {
            throw ValidationError("--type must be u16, i16, u32, i32, f32, string or bool, not \"\(type)\"")
        }
        guard WordOrder(spelling: wordOrder) != nil else {
            throw ValidationError("--word-order must be big or little, not \"\(wordOrder)\"")
        }
        guard (1...125).contains(length) else { throw ValidationError("--length must be 1-125") }
    }

    var modbusTable: ModbusTable { ModbusTable(spelling: table) ?? .holdingRegister }
    var order: WordOrder { WordOrder(spelling: wordOrder) ?? .highFirst }

    /// The value type, defaulting to bool on bit tables and u16 on registers.
    var valueType: ModbusValueType {
        guard let type, let parsed = ModbusValueType(spelling: type) else {
            return modbusTable.isBitTable ? .bool : .u16
        }
        if case .string = parsed { return .string(registers: length) }
        return parsed
    }
}
