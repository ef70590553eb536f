/// A failed Modbus operation: an exception from the device, a transport failure, or a bad request.
public struct ModbusError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong, as a code that new cases can be added to without breaking callers.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        fileprivate enum Base: Hashable, Sendable {
            case exception(UInt8)
            case timeout, badCRC, badFrame, unexpectedReply, connectionRefused, connectionClosed
            case notConnected, invalidArgument, deviceUnavailable, shutdown, io
        }

        fileprivate let base: Base

        /// A Modbus exception response (function code | 0x80) with this exception code.
        public static func exception(_ code: UInt8) -> Code { Code(base: .exception(code)) }
        public static let illegalFunction = exception(1)
        public static let illegalDataAddress = exception(2)
        public static let illegalDataValue = exception(3)
        public static let serverDeviceFailure = exception(4)
        public static let acknowledge = exception(5)
        public static let serverDeviceBusy = exception(6)
        public static let negativeAcknowledge = exception(7)
        public static let memoryParityError = exception(8)
        public static let gatewayPathUnavailable = exception(10)
        public static let gatewayTargetFailedToRespond = exception(11)

        /// No (complete) answer within the response or byte timeout.
        public static let timeout = Code(base: .timeout)
        /// An RTU frame whose CRC does not match.
        public static let badCRC = Code(base: .badCRC)
        /// A frame that is not valid Modbus (length, header, unit id).
        public static let badFrame = Code(base: .badFrame)
        /// A well-formed answer that does not match the request.
        public static let unexpectedReply = Code(base: .unexpectedReply)
        public static let connectionRefused = Code(base: .connectionRefused)
        /// The peer closed or reset the connection.
        public static let connectionClosed = Code(base: .connectionClosed)
        public static let notConnected = Code(base: .notConnected)
        public static let invalidArgument = Code(base: .invalidArgument)
        /// A serial device that cannot be opened or configured.
        public static let deviceUnavailable = Code(base: .deviceUnavailable)
        /// The bus was shut down.
        public static let shutdown = Code(base: .shutdown)
        /// Any other operating-system I/O failure.
        public static let io = Code(base: .io)

        /// The Modbus exception code, if this is an exception response.
        public var exceptionCode: UInt8? {
            if case .exception(let code) = base { return code }
            return nil
        }

        /// Whether the connection should be dropped and re-established before the next transaction.
        public var breaksConnection: Bool {
            switch base {
            case .connectionRefused, .connectionClosed, .notConnected, .io, .badFrame, .deviceUnavailable: return true
            default: return false
            }
        }

        public var description: String {
            switch base {
            case .exception(let code):
                let names: [UInt8: String] = [
                    1: "illegal function", 2: "illegal data address", 3: "illegal data value",
                    4: "server device failure", 5: "acknowledge", 6: "server device busy",
                    7: "negative acknowledge", 8: "memory parity error", 10: "gateway path unavailable",
                    11: "gateway target device failed to respond",
                ]
                return "exception \(code) (\(names[code] ?? "unknown exception"))"
            case .timeout: return "timeout"
            case .badCRC: return "bad CRC"
            case .badFrame: return "bad frame"
            case .unexpectedReply: return "unexpected reply"
            case .connectionRefused: return "connection refused"
            case .connectionClosed: return "connection closed"
            case .notConnected: return "not connected"
            case .invalidArgument: return "invalid argument"
            case .deviceUnavailable: return "device unavailable"
            case .shutdown: return "bus shut down"
            case .io: return "I/O error"
            }
        }
    }

    public let code: Code
    /// What was being done and with what, for the log and the operator.
    public let detail: String

    public init(_ code: Code, _ detail: String = "") {
        self.code = code
        self.detail = detail
    }

    public var description: String {
        detail.isEmpty ? code.description : "\(code.description): \(detail)"
    }
}
