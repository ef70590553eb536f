import Modbus

/// Chooses SunSpec scale factors for simulated values.
enum ScaleFactor {
    /// The smallest non-negative exponent with which `magnitude` fits in a register of `type`.
    static func exponent(toFit magnitude: Double, in type: ModbusValueType) -> Int {
        let limit: Double
        switch type {
        case .u16: limit = Double(UInt16.max)
        case .i16: limit = Double(Int16.max)
        case .u32: limit = Double(UInt32.max)
        case .i32: limit = Double(Int32.max)
        default: return 0
        }
        var exponent = 0
        var scaled = abs(magnitude)
        while scaled > limit, exponent < 10 {
            scaled /= 10
            exponent += 1
        }
        return exponent
    }
}
