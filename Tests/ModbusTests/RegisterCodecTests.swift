import Modbus
import Testing

@Suite struct RegisterCodecTests {
    @Test(arguments: [
        (ModbusValue.u16(0xBEEF), ModbusValueType.u16, WordOrder.highFirst, [UInt16(0xBEEF)]),
        (.i16(-2), .i16, .highFirst, [0xFFFE]),
        (.u32(0x1234_5678), .u32, .highFirst, [0x1234, 0x5678]),
        (.u32(0x1234_5678), .u32, .lowFirst, [0x5678, 0x1234]),
        (.i32(-100_000), .i32, .highFirst, [0xFFFE, 0x7960]),
        (.i32(-100_000), .i32, .lowFirst, [0x7960, 0xFFFE]),
        (.f32(1.5), .f32, .highFirst, [0x3FC0, 0x0000]),
        (.f32(-230.25), .f32, .lowFirst, [0x4000, 0xC366]),
        (.bool(true), .bool, .highFirst, [1]),
        (.string("SunS"), .string(registers: 2), .highFirst, [0x5375, 0x6E53]),
    ])
    func encodesAndDecodesKnownVectors(value: ModbusValue, type: ModbusValueType, order: WordOrder, registers: [UInt16]) throws {
        #expect(try RegisterCodec.encode(value, as: type, wordOrder: order) == registers)
        #expect(try RegisterCodec.decode(registers, as: type, wordOrder: order) == value)
    }

    @Test func stringsArePaddedWithNulAndTrimmedOfPadding() throws {
        let registers = try RegisterCodec.encode(.string("EVSE"), as: .string(registers: 4))
        #expect(registers == [0x4556, 0x5345, 0, 0])
        #expect(try RegisterCodec.decode([0x4142, 0x2020], as: .string(registers: 2)) == .string("AB"))
    }

    @Test func refusesValuesThatDoNotFit() {
        #expect(throws: ModbusError.self) { try RegisterCodec.encode(number: 70_000, as: .u16) }
        #expect(throws: ModbusError.self) { try RegisterCodec.encode(number: -1, as: .u32) }
        #expect(throws: ModbusError.self) { try RegisterCodec.encode(number: .nan, as: .f32) }
        #expect(throws: ModbusError.self) { try RegisterCodec.encode(.string("toolong"), as: .string(registers: 2)) }
        #expect(throws: ModbusError.self) { try RegisterCodec.decode([1], as: .u32) }
    }

    @Test func integerTypesRoundToNearest() throws {
        #expect(try RegisterCodec.encode(number: 15.6, as: .u16) == [16])
        #expect(try RegisterCodec.encode(number: -2.4, as: .i16) == [0xFFFE])
    }

    @Test func scalingAppliesMultipliersAndSunSpecScaleFactors() {
        #expect(Scaling.powerOfTen(-2).apply(to: 4523) == 45.23)
        #expect(Scaling.powerOfTen(2).apply(to: 15) == 1500)
        #expect(Scaling.multiplier(0.1).apply(to: 160) == 16)
        #expect(Scaling.powerOfTen(-1).unapply(16) == 160)
        #expect(Scaling.none.unapply(7) == 7)
    }

    @Test func spellingsFromVendorDocumentsAreUnderstood() {
        #expect(ModbusValueType(spelling: "uint32") == .u32)
        #expect(ModbusValueType(spelling: "sunssf") == .i16)
        #expect(ModbusValueType(spelling: "float32") == .f32)
        #expect(ModbusTable(spelling: "holding_registers") == .holdingRegister)
        #expect(ModbusTable(spelling: "3x") == .inputRegister)
        #expect(WordOrder(spelling: "cdab") == .lowFirst)
        #expect(ModbusValueType(spelling: "double") == nil)
    }
}
