/// One Modbus bus the station masters: a TCP connection or a serial line.
public struct BusConfiguration: Sendable, Equatable {
    public var name: String
    public var transport: BusTransport
    /// How long to wait for a response before the transaction fails.
    public var responseTimeout: Duration
    /// Largest gap allowed between bytes of one response; `nil` keeps libmodbus' default.
    public var byteTimeout: Duration?

    public static let defaultResponseTimeout = Duration.milliseconds(500)

    public init(name: String, transport: BusTransport, responseTimeout: Duration = BusConfiguration.defaultResponseTimeout, byteTimeout: Duration? = nil) {
        self.name = name
        self.transport = transport
        self.responseTimeout = responseTimeout
        self.byteTimeout = byteTimeout
    }
}

/// How a bus reaches its devices.
public enum BusTransport: Sendable, Hashable {
    /// Modbus TCP.
    case tcp(host: String, port: Int)
    /// Modbus RTU over a serial line (RS-485).
    case rtu(device: String, baud: Int, parity: SerialParity, dataBits: Int, stopBits: Int)

    /// Whether this is a TCP bus.
    public var isTCP: Bool {
        if case .tcp = self { return true }
        return false
    }
}

/// Serial parity.
public enum SerialParity: String, Sendable, Hashable, CaseIterable {
    case none
    case even
    case odd
}
