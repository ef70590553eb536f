/// Where and how to reach a Modbus bus: a TCP host or a serial line, and its timeouts.
public struct ModbusEndpoint: Sendable, Hashable, CustomStringConvertible {
    public enum Transport: Sendable, Hashable {
        case tcp(host: String, port: Int)
        case rtu(SerialLine)
    }

    public var transport: Transport
    /// Time allowed for the first byte of an answer.
    public var responseTimeout: Duration
    /// Time allowed between two bytes of one answer.
    public var byteTimeout: Duration

    public init(_ transport: Transport, responseTimeout: Duration = .milliseconds(500), byteTimeout: Duration = .milliseconds(100)) {
        self.transport = transport
        self.responseTimeout = responseTimeout
        self.byteTimeout = byteTimeout
    }

    public static func tcp(host: String, port: Int = 502, responseTimeout: Duration = .milliseconds(500)) -> ModbusEndpoint {
        ModbusEndpoint(.tcp(host: host, port: port), responseTimeout: responseTimeout)
    }

    public static func rtu(_ line: SerialLine, responseTimeout: Duration = .milliseconds(500)) -> ModbusEndpoint {
        ModbusEndpoint(.rtu(line), responseTimeout: responseTimeout)
    }

    public var description: String {
        switch transport {
        case .tcp(let host, let port): return "tcp://\(host):\(port)"
        case .rtu(let line): return "rtu:\(line)"
        }
    }
}

/// An RS-485/RS-232 serial line's settings.
public struct SerialLine: Sendable, Hashable, CustomStringConvertible {
    public enum Parity: String, Sendable, Hashable, CaseIterable {
        case none, even, odd

        var libmodbusCharacter: CChar {
            switch self {
            case .none: return CChar(UInt8(ascii: "N"))
            case .even: return CChar(UInt8(ascii: "E"))
            case .odd: return CChar(UInt8(ascii: "O"))
            }
        }

        /// Accepts `none`/`N`, `even`/`E`, `odd`/`O`.
        public init?(spelling: String) {
            switch spelling.lowercased() {
            case "none", "n": self = .none
            case "even", "e": self = .even
            case "odd", "o": self = .odd
            default: return nil
            }
        }
    }

    public var device: String
    public var baud: Int
    public var parity: Parity
    public var dataBits: Int
    public var stopBits: Int

    public init(device: String, baud: Int = 9600, parity: Parity = .none, dataBits: Int = 8, stopBits: Int = 1) {
        self.device = device
        self.baud = baud
        self.parity = parity
        self.dataBits = dataBits
        self.stopBits = stopBits
    }

    public var description: String {
        "\(device)@\(baud)/\(dataBits)\(parity.rawValue.prefix(1).uppercased())\(stopBits)"
    }
}
