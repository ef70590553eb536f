import Modbus
import StationConfig

/// Which Modbus server serves which devices: one per TCP bus, one unit per served RTU bus.
struct ServingPlan {
    /// One server to start.
    struct Server {
        var bus: String
        var listener: ModbusServer.Listener
        var units: [UInt8: RegisterBank]
        var devices: [SimulatedDeviceID]

        /// `127.0.0.1:5020` or the serial line.
        var address: String {
            switch listener {
            case .tcp(let host, let port): return "\(host):\(port)"
            case .rtu(let line, _): return line.description
            }
        }
    }

    /// A device on a bus that is not served, and why.
    struct Unserved: Hashable {
        var device: SimulatedDeviceID
        var reason: String
    }

    var servers: [Server] = []
    var unserved: [Unserved] = []

    /// A device to place: its id, where the configuration puts it, and its registers.
    struct Placement {
        var id: SimulatedDeviceID
        var reference: ModbusDeviceReference
        var bank: RegisterBank
    }

    init(buses: [BusConfiguration], devices: [Placement], options: SimulatedStation.Options) throws(SimulatorError) {
        var tcpIndex = 0
        for bus in buses {
            let placed = devices.filter { $0.reference.busName == bus.name }
            guard !placed.isEmpty else { continue }
            switch bus.transport {
            case .tcp(let host, let port):
                var servedPort = port
                if let override = options.port { servedPort = override == 0 ? 0 : override + tcpIndex }
                tcpIndex += 1
                var units: [UInt8: RegisterBank] = [:]
                for device in placed {
                    let unit = try Self.unit(device)
                    guard units[unit] == nil else {
                        throw SimulatorError(.configuration, "bus \(bus.name): two devices use unit id \(unit)")
                    }
                    units[unit] = device.bank
                }
                servers.append(Server(
                    bus: bus.name, listener: .tcp(host: options.host ?? host, port: servedPort), units: units,
                    devices: placed.map(\.id)))
            case .rtu(_, let baud, let parity, let dataBits, let stopBits):
                guard let path = options.serialPaths[bus.name] else {
                    unserved += placed.map { Unserved(device: $0.id, reason: "RTU bus \(bus.name) has no serial path to serve on") }
                    continue
                }
                let first = placed[0]
                let line = SerialLine(
                    device: path, baud: baud, parity: SerialLine.Parity(rawValue: parity.rawValue) ?? .none,
                    dataBits: dataBits, stopBits: stopBits)
                let unit = try Self.unit(first)
                servers.append(Server(
                    bus: bus.name, listener: .rtu(line, unit: unit), units: [unit: first.bank], devices: [first.id]))
                unserved += placed.dropFirst().map {
                    Unserved(device: $0.id, reason: "an RTU server answers one unit; bus \(bus.name) serves \(first.id) only")
                }
            }
        }
    }

    private static func unit(_ device: Placement) throws(SimulatorError) -> UInt8 {
        guard let unit = UInt8(exactly: device.reference.unitId) else {
            throw SimulatorError(.configuration, "\(device.id): unit id \(device.reference.unitId) is not 0...255")
        }
        return unit
    }
}
