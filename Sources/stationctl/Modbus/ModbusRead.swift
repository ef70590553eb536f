import ArgumentParser
import Modbus

struct ModbusRead: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "read", abstract: "Read values of one type from consecutive addresses.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var point: PointOptions

    @Option(help: "How many values of the type to read.")
    var count: Int = 1

    @Option(help: "Multiply each numeric value by this factor.")
    var scale: Double?

    func validate() throws {
        let type = point.valueType
        let registers = type.registerCount * count
        let limit = point.modbusTable.isBitTable ? 2000 : 125
        guard count >= 1, registers <= limit else {
            throw ValidationError("--count \(count) of \(type.spelling) is \(registers) entries; at most \(limit) in one read")
        }
        if point.modbusTable.isBitTable && type != .bool {
            throw ValidationError("the \(point.modbusTable.rawValue) table holds bits; use --type bool")
        }
    }

    func run() async throws {
        let endpoint = try connection.endpoint()
        let bus = ModbusBus(endpoint)
        let type = point.valueType
        let table = point.modbusTable
        let raw: [UInt16]
        do {
            raw = try await bus.read(
                unit: connection.unitID, table: table, address: UInt16(point.address), count: type.registerCount * count)
        } catch {
            await bus.shutdown()
            throw CommandFailure(error.description)
        }
        await bus.shutdown()

        var rows: [ReadRow] = []
        for index in 0..<count {
            let start = index * type.registerCount
            let words = Array(raw[start..<start + type.registerCount])
            let value = try RegisterCodec.decode(words, as: type, wordOrder: point.order)
            let scaled = scale.flatMap { factor in value.number.map { $0 * factor } }
            rows.append(ReadRow(
                address: point.address + start, raw: words, value: value, scaled: scaled))
        }
        if connection.json {
            printJSON(ReadReport(
                endpoint: endpoint.description, unit: connection.unit, table: table.rawValue,
                type: type.spelling, wordOrder: point.order.rawValue, values: rows.map(\.json)))
        } else {
            print(Table(
                headers: ["address", "raw", "\(type.spelling)"] + (scale == nil ? [] : ["scaled"]),
                rows: rows.map { row in
                    [String(row.address), row.raw.map { hex($0) }.joined(separator: " "), row.value.description]
                        + (scale == nil ? [] : [row.scaled.map { formatNumber($0) } ?? "-"])
                }
            ).rendered)
        }
    }
}

struct ReadRow {
    let address: Int
    let raw: [UInt16]
    let value: ModbusValue
    let scaled: Double?

    var json: ReadReport.Value {
        ReadReport.Value(address: address, raw: raw.map(Int.init), value: JSONValue(value), scaled: scaled)
    }
}

struct ReadReport: Encodable {
    struct Value: Encodable {
        let address: Int
        let raw: [Int]
        let value: JSONValue
        let scaled: Double?

        private enum CodingKeys: String, CodingKey { case address, raw, value, scaled }

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(address, forKey: .address)
            try container.encode(raw, forKey: .raw)
            try container.encode(value, forKey: .value)
            try container.encode(scaled, forKey: .scaled)
        }
    }

    let endpoint: String
    let unit: Int
    let table: String
    let type: String
    let wordOrder: String
    let values: [Value]
}
