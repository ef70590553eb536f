import CModbus

/// One Modbus bus (a TCP connection or a serial line) shared by the devices on it.
///
/// Every transaction runs on the bus's own thread, one at a time, in the order callers arrive,
/// so several unit ids can share one RTU line. The connection is opened on first use and
/// re-opened after the peer went away.
public actor ModbusBus {
    public nonisolated let endpoint: ModbusEndpoint
    private let executor: DedicatedThreadExecutor
    private let connection: LibmodbusClientConnection
    private var isShutDown = false

    public nonisolated var unownedExecutor: UnownedSerialExecutor {
        executor.asUnownedSerialExecutor()
    }

    public init(_ endpoint: ModbusEndpoint) {
        self.endpoint = endpoint
        self.executor = DedicatedThreadExecutor(name: "modbus \(endpoint)")
        self.connection = LibmodbusClientConnection(endpoint: endpoint)
    }

    deinit {
        executor.stop()
    }

    /// The bus's thread as a task executor.
    ///
    /// Code that runs many transactions (a device poller) can run there with
    /// `withTaskExecutorPreference(bus.thread) { ... }` and saves two thread switches a transaction.
    /// It must not block that thread with other work.
    public nonisolated var thread: any TaskExecutor { executor }

    /// Whether the last transaction left the connection open.
    public var isConnected: Bool { connection.isConnected }

    /// Closes the connection; later calls fail with `.shutdown`.
    public func shutdown() {
        isShutDown = true
        connection.close()
    }

    // MARK: Function codes 1-4

    /// Function code 1.
    public func readCoils(unit: UInt8, address: UInt16, count: Int) throws(ModbusError) -> [Bool] {
        try readBits(unit: unit, address: address, count: count, table: .coil)
    }

    /// Function code 2.
    public func readDiscreteInputs(unit: UInt8, address: UInt16, count: Int) throws(ModbusError) -> [Bool] {
        try readBits(unit: unit, address: address, count: count, table: .discreteInput)
    }

    /// Function code 3.
    public func readHoldingRegisters(unit: UInt8, address: UInt16, count: Int) throws(ModbusError) -> [UInt16] {
        try readWords(unit: unit, address: address, count: count, table: .holdingRegister)
    }

    /// Function code 4.
    public func readInputRegisters(unit: UInt8, address: UInt16, count: Int) throws(ModbusError) -> [UInt16] {
        try readWords(unit: unit, address: address, count: count, table: .inputRegister)
    }

    // MARK: Function codes 5, 6, 15, 16

    /// Function code 5.
    public func writeCoil(unit: UInt8, address: UInt16, value: Bool) throws(ModbusError) {
        try checkOpen()
        try connection.transact(unit: unit, "write coil \(address)") { ctx in
            (modbus_write_bit(ctx, Int32(address), value ? 1 : 0), ())
        }
    }

    /// Function code 6.
    public func writeRegister(unit: UInt8, address: UInt16, value: UInt16) throws(ModbusError) {
        try checkOpen()
        try connection.transact(unit: unit, "write register \(address)") { ctx in
            (modbus_write_register(ctx, Int32(address), value), ())
        }
    }

    /// Function code 15.
    public func writeCoils(unit: UInt8, address: UInt16, values: [Bool]) throws(ModbusError) {
        try checkOpen()
        try checkCount(values.count, max: Int(MODBUS_MAX_WRITE_BITS), address: address, "write coils")
        var bits = values.map { UInt8($0 ? 1 : 0) }
        try connection.transact(unit: unit, "write \(values.count) coils at \(address)") { ctx in
            (modbus_write_bits(ctx, Int32(address), Int32(bits.count), &bits), ())
        }
    }

    /// Function code 16.
    public func writeRegisters(unit: UInt8, address: UInt16, values: [UInt16]) throws(ModbusError) {
        try checkOpen()
        try checkCount(values.count, max: Int(MODBUS_MAX_WRITE_REGISTERS), address: address, "write registers")
        var words = values
        try connection.transact(unit: unit, "write \(values.count) registers at \(address)") { ctx in
            (modbus_write_registers(ctx, Int32(address), Int32(words.count), &words), ())
        }
    }

    // MARK: Tables and typed values

    /// Reads `count` entries of any table; bits come back as 0 or 1.
    public func read(unit: UInt8, table: ModbusTable, address: UInt16, count: Int) throws(ModbusError) -> [UInt16] {
        if table.isBitTable {
            return try readBits(unit: unit, address: address, count: count, table: table).map { $0 ? 1 : 0 }
        }
        return try readWords(unit: unit, address: address, count: count, table: table)
    }

    /// Writes entries of a writable table; for coils any non-zero value is on. One entry uses function code 5 or 6.
    public func write(unit: UInt8, table: ModbusTable, address: UInt16, values: [UInt16]) throws(ModbusError) {
        switch (table, values.count) {
        case (.coil, 1): try writeCoil(unit: unit, address: address, value: values[0] != 0)
        case (.coil, _): try writeCoils(unit: unit, address: address, values: values.map { $0 != 0 })
        case (.holdingRegister, 1): try writeRegister(unit: unit, address: address, value: values[0])
        case (.holdingRegister, _): try writeRegisters(unit: unit, address: address, values: values)
        default: throw ModbusError(.invalidArgument, "the \(table.rawValue) table is read-only")
        }
    }

    /// Reads one typed value.
    public func read(
        unit: UInt8, table: ModbusTable, address: UInt16, type: ModbusValueType, wordOrder: WordOrder = .highFirst
    ) throws(ModbusError) -> ModbusValue {
        let raw = try read(unit: unit, table: table, address: address, count: type.registerCount)
        return try RegisterCodec.decode(raw, as: type, wordOrder: wordOrder)
    }

    /// Writes one typed value.
    public func write(
        unit: UInt8, table: ModbusTable, address: UInt16, value: ModbusValue, type: ModbusValueType,
        wordOrder: WordOrder = .highFirst
    ) throws(ModbusError) {
        let raw = try RegisterCodec.encode(value, as: type, wordOrder: wordOrder)
        try write(unit: unit, table: table, address: address, values: raw)
    }

    // MARK: Helpers

    private func readBits(unit: UInt8, address: UInt16, count: Int, table: ModbusTable) throws(ModbusError) -> [Bool] {
        try checkOpen()
        try checkCount(count, max: Int(MODBUS_MAX_READ_BITS), address: address, "read \(table.rawValue)")
        var bits = [UInt8](repeating: 0, count: count)
        try connection.transact(unit: unit, "read \(count) \(table.rawValue) at \(address)") { ctx in
            let rc = table == .coil
                ? modbus_read_bits(ctx, Int32(address), Int32(count), &bits)
                : modbus_read_input_bits(ctx, Int32(address), Int32(count), &bits)
            return (rc, ())
        }
        return bits.map { $0 != 0 }
    }

    private func readWords(unit: UInt8, address: UInt16, count: Int, table: ModbusTable) throws(ModbusError) -> [UInt16] {
        try checkOpen()
        try checkCount(count, max: Int(MODBUS_MAX_READ_REGISTERS), address: address, "read \(table.rawValue)")
        var words = [UInt16](repeating: 0, count: count)
        try connection.transact(unit: unit, "read \(count) \(table.rawValue) at \(address)") { ctx in
            let rc = table == .holdingRegister
                ? modbus_read_registers(ctx, Int32(address), Int32(count), &words)
                : modbus_read_input_registers(ctx, Int32(address), Int32(count), &words)
            return (rc, ())
        }
        return words
    }

    private func checkOpen() throws(ModbusError) {
        if isShutDown { throw ModbusError(.shutdown, "\(endpoint)") }
    }

    private func checkCount(_ count: Int, max: Int, address: UInt16, _ operation: String) throws(ModbusError) {
        guard (1...max).contains(count) else {
            throw ModbusError(.invalidArgument, "\(operation): count \(count) is outside 1...\(max)")
        }
        guard Int(address) + count <= 65536 else {
            throw ModbusError(.invalidArgument, "\(operation): \(count) entries from \(address) pass address 65535")
        }
    }
}
