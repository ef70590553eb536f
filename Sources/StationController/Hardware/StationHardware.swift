public import Devices
public import GPIO
import Logging
public import Modbus
public import StationConfig
public import StationCore

/// The station's devices as configured: buses, drivers, and GPIO lines.
public struct StationHardware: Sendable {
    public struct Socket: Sendable {
        public let id: SocketID
        public let controller: EVSEController
        public let pollInterval: Duration
        public let contactor: (any GPIOOutput)?
        public let keySwitch: (any GPIOInput)?
        public let led: (any GPIOOutput)?
    }

    public let buses: [String: ModbusBus]
    public let sockets: [Socket]
    public let battery: (inverter: BatteryInverter, pollInterval: Duration)?
    public let gridMeter: (meter: GridMeter, pollInterval: Duration)
    public let emergencyStop: (any GPIOInput)?
    public let statusLED: (any GPIOOutput)?

    /// Opens the configured buses and GPIO lines; a missing GPIO chip or line is an error naming it.
    public init(configuration config: StationConfiguration, gpio: (any GPIOProvider)?) throws {
        var buses: [String: ModbusBus] = [:]
        for bus in config.buses {
            let transport: ModbusEndpoint.Transport
            switch bus.transport {
            case .tcp(let host, let port):
                transport = .tcp(host: host, port: port)
            case .rtu(let device, let baud, let parity, let dataBits, let stopBits):
                let serialParity = SerialLine.Parity(rawValue: parity.rawValue) ?? .none
                transport = .rtu(SerialLine(device: device, baud: baud, parity: serialParity, dataBits: dataBits, stopBits: stopBits))
            }
            var endpoint = ModbusEndpoint(transport, responseTimeout: bus.responseTimeout)
            if let byteTimeout = bus.byteTimeout { endpoint.byteTimeout = byteTimeout }
            buses[bus.name] = ModbusBus(endpoint)
        }
        func device(_ reference: ModbusDeviceReference, name: String) throws -> ModbusDevice {
            guard let bus = buses[reference.busName], let profile = config.profile(for: reference) else {
                throw StationSetupError("\(name): bus \(reference.busName) or profile \(reference.profileName) missing")
            }
            return ModbusDevice(name: name, profile: profile, bus: bus, unit: UInt8(clamping: reference.unitId))
        }
        let period = config.control.period
        var sockets: [Socket] = []
        for socket in config.sockets {
            sockets.append(Socket(
                id: SocketID(socket.id),
                controller: EVSEController(device: try device(socket.device, name: "socket \(socket.id)")),
                pollInterval: socket.device.pollInterval ?? period,
                contactor: try socket.gpio.contactor.map { try Self.output($0, gpio, "socket \(socket.id) contactor") },
                keySwitch: try socket.gpio.keySwitch.map { try Self.input($0, gpio, "socket \(socket.id) key switch") },
                led: try socket.gpio.led.map { try Self.output($0, gpio, "socket \(socket.id) LED") }))
        }
        self.buses = buses
        self.sockets = sockets
        battery = try config.battery.map {
            (BatteryInverter(device: try device($0.device, name: "battery")), $0.device.pollInterval ?? period)
        }
        gridMeter = (GridMeter(device: try device(config.grid.meter, name: "grid meter")), config.grid.meter.pollInterval ?? period)
        emergencyStop = try config.gpio.emergencyStop.map { try Self.input($0, gpio, "emergency stop") }
        statusLED = try config.gpio.statusLED.map { try Self.output($0, gpio, "status LED") }
    }

    /// Closes every bus.
    public func shutdown() async {
        for bus in buses.values { await bus.shutdown() }
    }

    private static func address(_ line: GPIOLineConfiguration) -> GPIOLineAddress {
        switch line.line {
        case .offset(let offset): return GPIOLineAddress(chip: line.chip, offset: UInt32(clamping: offset), activeLow: line.activeLow)
        case .name(let name): return GPIOLineAddress(chip: line.chip, name: name, activeLow: line.activeLow)
        }
    }

    private static func output(_ line: GPIOLineConfiguration, _ gpio: (any GPIOProvider)?, _ role: String) throws -> any GPIOOutput {
        guard let gpio else { throw StationSetupError("\(role): GPIO line configured but no GPIO is available") }
        do {
            return try gpio.output(address(line), initiallyActive: false)
        } catch {
            throw StationSetupError("\(role): \(error)")
        }
    }

    private static func input(_ line: GPIOLineConfiguration, _ gpio: (any GPIOProvider)?, _ role: String) throws -> any GPIOInput {
        guard let gpio else { throw StationSetupError("\(role): GPIO line configured but no GPIO is available") }
        do {
            return try gpio.input(address(line), debounce: line.debounce ?? .milliseconds(50))
        } catch {
            throw StationSetupError("\(role): \(error)")
        }
    }
}

/// stationd cannot start as configured.
public struct StationSetupError: Error, CustomStringConvertible, Sendable {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}
