import Devices
import Modbus
import StationConfig
import Testing

@Suite struct RegisterBlockTests {
    func point(_ name: String, _ table: ModbusTable, _ address: UInt16, _ type: ModbusValueType = .u16, access: PointAccess = .read) -> ResolvedPoint {
        ResolvedPoint(name: name, table: table, address: address, type: type, wordOrder: .highFirst, scaling: .none, access: access)
    }

    @Test func nearbyPointsShareOneBlockAndTablesNeverMix() {
        let blocks = RegisterBlock.plan([
            point("a", .holdingRegister, 100), point("b", .holdingRegister, 101, .u32),
            point("c", .holdingRegister, 110), point("d", .inputRegister, 100), point("e", .coil, 400),
        ])
        #expect(blocks.count == 3)
        let holding = blocks.first { $0.table == .holdingRegister }
        #expect(holding?.start == 100)
        #expect(holding?.count == 11)
        #expect(holding?.points.map(\.name) == ["a", "b", "c"])
    }

    @Test func wideGapsAndTheProtocolLimitSplitBlocks() {
        let far = RegisterBlock.plan([point("a", .holdingRegister, 0), point("b", .holdingRegister, 40)])
        #expect(far.count == 2)
        let many = RegisterBlock.plan((0..<20).map { point("p\($0)", .inputRegister, UInt16($0 * 10)) })
        #expect(many.allSatisfy { $0.count <= 125 })
        #expect(many.count == 2)
    }

    @Test func writeOnlyPointsAreNotRead() {
        let blocks = RegisterBlock.plan([point("w", .holdingRegister, 5, access: .write)])
        #expect(blocks.isEmpty)
    }
}
