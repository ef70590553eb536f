import CModbus
import Synchronization

/// The four tables of one simulated Modbus device, shared by its server thread and its simulator.
///
/// Every table spans the whole address space (0...65535). Reads and writes from any thread are safe.
public final class RegisterBank: Sendable {
    /// A master wrote `count` entries of `table` starting at `address`.
    public typealias WriteHook = @Sendable (_ table: ModbusTable, _ address: UInt16, _ count: Int) -> Void

    struct State: ~Copyable {
        let mapping: UnsafeMutablePointer<modbus_mapping_t>
        var hooks: [WriteHook] = []
        var fault: ModbusFault?

        deinit { modbus_mapping_free(mapping) }
    }

    let state: Mutex<State>

    /// Creates a bank; fails only if memory for the tables cannot be had.
    public init() throws(ModbusError) {
        guard let mapping = modbus_mapping_new(65536, 65536, 65536, 65536) else {
            throw ModbusError(.io, "cannot allocate register tables")
        }
        state = Mutex(State(mapping: mapping))
    }

    /// The fault the device shows its masters, or nil for normal answers.
    public var fault: ModbusFault? {
        get { state.withLock { $0.fault } }
        set { state.withLock { $0.fault = newValue } }
    }

    /// Calls `hook` after every write by a master, on the server's thread.
    public func onWrite(_ hook: @escaping WriteHook) {
        state.withLock { $0.hooks.append(hook) }
    }

    /// Reads `count` entries; bits are 0 or 1.
    public func get(_ table: ModbusTable, _ address: UInt16, count: Int = 1) -> [UInt16] {
        let range = Self.clamped(address, count)
        return state.withLock { state in
            let m = state.mapping.pointee
            switch table {
            case .coil: return range.map { UInt16(m.tab_bits[$0]) }
            case .discreteInput: return range.map { UInt16(m.tab_input_bits[$0]) }
            case .holdingRegister: return range.map { m.tab_registers[$0] }
            case .inputRegister: return range.map { m.tab_input_registers[$0] }
            }
        }
    }

    /// Stores entries from `address` on; values past 65535 are dropped. Does not call write hooks.
    public func set(_ table: ModbusTable, _ address: UInt16, _ values: [UInt16]) {
        let range = Self.clamped(address, values.count)
        state.withLock { state in
            let m = state.mapping.pointee
            for (offset, index) in range.enumerated() {
                let value = values[offset]
                switch table {
                case .coil: m.tab_bits[index] = value != 0 ? 1 : 0
                case .discreteInput: m.tab_input_bits[index] = value != 0 ? 1 : 0
                case .holdingRegister: m.tab_registers[index] = value
                case .inputRegister: m.tab_input_registers[index] = value
                }
            }
        }
    }

    /// Reads one typed value.
    public func value(
        _ table: ModbusTable, _ address: UInt16, as type: ModbusValueType, wordOrder: WordOrder = .highFirst
    ) throws(ModbusError) -> ModbusValue {
        try RegisterCodec.decode(get(table, address, count: type.registerCount), as: type, wordOrder: wordOrder)
    }

    /// Stores one typed value.
    public func set(
        _ table: ModbusTable, _ address: UInt16, _ value: ModbusValue, as type: ModbusValueType,
        wordOrder: WordOrder = .highFirst
    ) throws(ModbusError) {
        set(table, address, try RegisterCodec.encode(value, as: type, wordOrder: wordOrder))
    }

    private static func clamped(_ address: UInt16, _ count: Int) -> Range<Int> {
        let start = Int(address)
        return start..<min(65536, start + max(0, count))
    }
}

/// How a simulated device misbehaves.
public enum ModbusFault: Sendable, Hashable {
    /// Answers after this delay.
    case delay(Duration)
    /// Answers every request with this exception code.
    case exception(UInt8)
    /// Never answers.
    case noAnswer
}
