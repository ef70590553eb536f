import CModbus
import Glibc

extension ModbusError {
    /// The error libmodbus left in `errno` after a failed call, with what was being done.
    static func fromErrno(_ operation: @autoclosure () -> String) -> ModbusError {
        fromErrno(cmodbus_errno(), operation())
    }

    static func fromErrno(_ number: Int32, _ operation: String) -> ModbusError {
        let base = cmodbus_enobase()
        let text = String(cString: modbus_strerror(number))
        let offset = number - base
        if (1...11).contains(offset) {
            return ModbusError(.exception(UInt8(offset)), operation)
        }
        switch number {
        case cmodbus_embbadcrc(): return ModbusError(.badCRC, operation)
        case cmodbus_embbaddata(), cmodbus_embbadslave(): return ModbusError(.unexpectedReply, "\(operation): \(text)")
        case cmodbus_embbadexc(), base + 15: return ModbusError(.badFrame, "\(operation): \(text)")
        case cmodbus_embmdata(): return ModbusError(.invalidArgument, "\(operation): \(text)")
        case ETIMEDOUT: return ModbusError(.timeout, operation)
        case ECONNREFUSED: return ModbusError(.connectionRefused, operation)
        case ECONNRESET, EPIPE, ENOTCONN, EBADF: return ModbusError(.connectionClosed, "\(operation): \(text)")
        case EINVAL: return ModbusError(.invalidArgument, "\(operation): \(text)")
        case ENOENT, EACCES, ENODEV, ENXIO, EBUSY: return ModbusError(.deviceUnavailable, "\(operation): \(text)")
        default: return ModbusError(.io, "\(operation): \(text)")
        }
    }
}

extension Duration {
    /// Seconds and microseconds, as libmodbus' timeout setters take them.
    var secondsAndMicroseconds: (UInt32, UInt32) {
        let (seconds, attoseconds) = components
        let clampedSeconds = UInt32(clamping: max(0, seconds))
        let micros = UInt32(clamping: max(0, attoseconds / 1_000_000_000_000))
        return (clampedSeconds, micros)
    }
}
