public import Modbus

/// A device that cannot be read or driven as its profile says.
public struct DeviceError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable {
        fileprivate enum Base: Hashable, Sendable { case communication, modelMissing, configuration, nonsense, notWritable }
        fileprivate let base: Base

        /// The bus transaction failed (see the underlying Modbus error).
        public static let communication = Code(base: .communication)
        /// A SunSpec model the profile needs is not on the device.
        public static let modelMissing = Code(base: .modelMissing)
        public static let configuration = Code(base: .configuration)
        /// The device answered with values outside any plausible range.
        public static let nonsense = Code(base: .nonsense)
        public static let notWritable = Code(base: .notWritable)
    }

    public let code: Code
    public let detail: String
    public let modbus: ModbusError?

    public init(_ code: Code, _ detail: String, modbus: ModbusError? = nil) {
        self.code = code
        self.detail = detail
        self.modbus = modbus
    }

    public init(_ modbus: ModbusError, device: String) {
        self.init(.communication, "\(device): \(modbus)", modbus: modbus)
    }

    public var description: String { detail }
}
