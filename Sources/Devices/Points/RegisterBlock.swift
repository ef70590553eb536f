public import Modbus

/// Contiguous registers of one table read in one transaction, and the points inside them.
public struct RegisterBlock: Sendable, Hashable {
    public let table: ModbusTable
    public let start: UInt16
    public let count: Int
    public let points: [ResolvedPoint]

    public init(table: ModbusTable, start: UInt16, count: Int, points: [ResolvedPoint]) {
        self.table = table
        self.start = start
        self.count = count
        self.points = points
    }

    /// Groups readable points into as few blocks as the protocol allows, bridging gaps of up to `maxGap` registers.
    public static func plan(_ points: some Sequence<ResolvedPoint>, maxGap: Int = 16) -> [RegisterBlock] {
        var blocks: [RegisterBlock] = []
        let readable = points.filter { $0.access.canRead }
        for table in ModbusTable.allCases {
            let limit = table.isBitTable ? 2000 : 125
            let sorted = readable.filter { $0.table == table }.sorted { ($0.address, $0.name) < ($1.address, $1.name) }
            var current: [ResolvedPoint] = []
            var start = 0
            var end = 0
            for point in sorted {
                if !current.isEmpty, Int(point.address) - end <= maxGap, max(end, point.end) - start <= limit {
                    current.append(point)
                    end = max(end, point.end)
                    continue
                }
                if !current.isEmpty {
                    blocks.append(RegisterBlock(table: table, start: UInt16(start), count: end - start, points: current))
                }
                current = [point]
                start = Int(point.address)
                end = point.end
            }
            if !current.isEmpty {
                blocks.append(RegisterBlock(table: table, start: UInt16(start), count: end - start, points: current))
            }
        }
        return blocks
    }

    /// The registers of `point` inside this block's answer.
    func registers(of point: ResolvedPoint, in answer: [UInt16]) -> ArraySlice<UInt16> {
        let offset = Int(point.address) - Int(start)
        return answer[offset..<offset + point.registerCount]
    }
}
