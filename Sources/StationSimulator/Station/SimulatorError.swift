/// Why the simulator cannot do what it was asked.
public struct SimulatorError: Error, Sendable, Hashable, CustomStringConvertible {
    public struct Code: Sendable, Hashable {
        fileprivate enum Base: Hashable, Sendable { case configuration, serving, unknownDevice, socketOccupied, invalidFault }
        fileprivate let base: Base

        /// The station configuration cannot be simulated (a profile of the wrong kind, a unit id clash...).
        public static let configuration = Code(base: .configuration)
        /// A bus cannot be served: the port is taken, the serial device cannot be opened.
        public static let serving = Code(base: .serving)
        /// No simulated device has that id.
        public static let unknownDevice = Code(base: .unknownDevice)
        /// An EV is already plugged into the socket.
        public static let socketOccupied = Code(base: .socketOccupied)
        /// A fault specification that cannot be read.
        public static let invalidFault = Code(base: .invalidFault)
    }

    public let code: Code
    public let detail: String

    public init(_ code: Code, _ detail: String) {
        self.code = code
        self.detail = detail
    }

    public var description: String { detail }
}
