import Modbus
import Testing

@Suite struct TCPRoundTripTests {
    @Test func readsEveryTable() async throws {
        let loop = try LoopbackServer()
        let bank = try #require(loop.banks[1])
        bank.set(.coil, 10, [1, 0, 1])
        bank.set(.discreteInput, 20, [0, 1])
        bank.set(.holdingRegister, 100, [11, 22, 33])
        bank.set(.inputRegister, 200, [44, 55])
        let bus = loop.bus()

        #expect(try await bus.readCoils(unit: 1, address: 10, count: 3) == [true, false, true])
        #expect(try await bus.readDiscreteInputs(unit: 1, address: 20, count: 2) == [false, true])
        #expect(try await bus.readHoldingRegisters(unit: 1, address: 100, count: 3) == [11, 22, 33])
        #expect(try await bus.readInputRegisters(unit: 1, address: 200, count: 2) == [44, 55])
        await bus.shutdown()
        loop.server.stop()
    }

    @Test func writesWithEveryWriteFunctionCode() async throws {
        let loop = try LoopbackServer()
        let bank = try #require(loop.banks[1])
        let bus = loop.bus()

        try await bus.writeCoil(unit: 1, address: 5, value: true)
        try await bus.writeRegister(unit: 1, address: 6, value: 0xABCD)
        try await bus.writeCoils(unit: 1, address: 100, values: [true, true, false, true])
        try await bus.writeRegisters(unit: 1, address: 300, values: [1, 2, 3, 4, 5])

        #expect(bank.get(.coil, 5) == [1])
        #expect(bank.get(.holdingRegister, 6) == [0xABCD])
        #expect(bank.get(.coil, 100, count: 4) == [1, 1, 0, 1])
        #expect(bank.get(.holdingRegister, 300, count: 5) == [1, 2, 3, 4, 5])
        loop.server.stop()
    }

    @Test(arguments: [WordOrder.highFirst, .lowFirst])
    func typedValuesRoundTripInBothWordOrders(order: WordOrder) async throws {
        let loop = try LoopbackServer()
        let bank = try #require(loop.banks[1])
        let bus = loop.bus()
        let cases: [(ModbusValue, ModbusValueType)] = [
            (.u16(65_000), .u16), (.i16(-1234), .i16), (.u32(4_000_000_000), .u32),
            (.i32(-70_000), .i32), (.f32(230.5), .f32), (.string("CHARX-1"), .string(registers: 4)),
        ]
        var address: UInt16 = 1000
        for (value, type) in cases {
            try await bus.write(unit: 1, table: .holdingRegister, address: address, value: value, type: type, wordOrder: order)
            #expect(try bank.value(.holdingRegister, address, as: type, wordOrder: order) == value)
            bank.set(.inputRegister, address, bank.get(.holdingRegister, address, count: type.registerCount))
            #expect(try await bus.read(unit: 1, table: .inputRegister, address: address, type: type, wordOrder: order) == value)
            address += 10
        }
        loop.server.stop()
    }

    @Test func writeHooksSeeWhatTheMasterWrote() async throws {
        let loop = try LoopbackServer()
        let bank = try #require(loop.banks[1])
        let seen = Recorder<String>()
        bank.onWrite { table, address, count in seen.append("\(table.rawValue) \(address) x\(count)") }
        let bus = loop.bus()

        try await bus.writeRegisters(unit: 1, address: 528, values: [16, 0])
        try await bus.writeCoil(unit: 1, address: 400, value: true)

        #expect(seen.values == ["holding 528 x2", "coil 400 x1"])
        loop.server.stop()
    }

    @Test func refusesCountsOutsideTheProtocolLimits() async throws {
        let loop = try LoopbackServer()
        let bus = loop.bus()
        await #expect(throws: ModbusError(.invalidArgument, "read holding: count 126 is outside 1...125")) {
            try await bus.readHoldingRegisters(unit: 1, address: 0, count: 126)
        }
        await #expect(throws: ModbusError.self) { try await bus.readHoldingRegisters(unit: 1, address: 65530, count: 10) }
        #expect(try await bus.readHoldingRegisters(unit: 1, address: 0, count: 125).count == 125)
        loop.server.stop()
    }
}
