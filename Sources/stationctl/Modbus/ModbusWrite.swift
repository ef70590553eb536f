import ArgumentParser
import Modbus

struct ModbusWrite: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "write",
        abstract: "Write values of one type to consecutive addresses of a coil or holding table.")

    @OptionGroup var connection: ConnectionOptions
    @OptionGroup var point: PointOptions

    @Argument(
        parsing: .allUnrecognized,
        help: "Values to write: numbers (negative ones too), true/false/on/off for coils, text for strings.")
    var values: [String]

    /// The values, without the `--` terminator that scripts may put before negative numbers.
    private var valueTexts: [String] {
        guard let terminator = values.firstIndex(of: "--") else { return values }
        var texts = values
        texts.remove(at: terminator)
        return texts
    }

    func validate() throws {
        guard !valueTexts.isEmpty else { throw ValidationError("give at least one value to write") }
        guard point.modbusTable.isWritable else {
            throw ValidationError("the \(point.modbusTable.rawValue) table is read-only; write to coil or holding")
        }
        _ = try encodedValues()
    }

    func run() async throws {
        let endpoint = try connection.endpoint()
        let words = try encodedValues()
        let bus = ModbusBus(endpoint)
        do {
            try await bus.write(
                unit: connection.unitID, table: point.modbusTable, address: UInt16(point.address), values: words)
        } catch {
            await bus.shutdown()
            throw CommandFailure(error.description)
        }
        await bus.shutdown()
        if connection.json {
            printJSON(WriteReport(
                endpoint: endpoint.description, unit: connection.unit, table: point.modbusTable.rawValue,
                address: point.address, type: point.valueType.spelling, raw: words.map(Int.init), written: true))
        } else {
            print("wrote \(valueTexts.count) \(point.valueType.spelling) to \(point.modbusTable.rawValue) \(point.address) "
                + "(\(words.map { hex($0) }.joined(separator: " "))) on unit \(connection.unit) at \(endpoint)")
        }
    }

    private func encodedValues() throws -> [UInt16] {
        let type = point.valueType
        var words: [UInt16] = []
        for text in valueTexts {
            do {
                words += try RegisterCodec.encode(try parse(text, as: type), as: type, wordOrder: point.order)
            } catch let error as ModbusError {
                throw ValidationError(error.description)
            }
        }
        let limit = point.modbusTable == .coil ? 1968 : 123
        guard words.count <= limit else {
            throw ValidationError("\(words.count) entries in one write; at most \(limit)")
        }
        return words
    }

    private func parse(_ text: String, as type: ModbusValueType) throws -> ModbusValue {
        switch type {
        case .bool:
            switch text.lowercased() {
            case "1", "true", "on": return .bool(true)
            case "0", "false", "off": return .bool(false)
            default: throw ValidationError("\"\(text)\" is not a bit value (true/false/on/off/1/0)")
            }
        case .string:
            return .string(text)
        case .f32:
            guard let number = Float(text) else { throw ValidationError("\"\(text)\" is not a number") }
            return .f32(number)
        default:
            guard let number = Double(text) else { throw ValidationError("\"\(text)\" is not a number") }
            return try integer(number, text, type)
        }
    }

    private func integer(_ number: Double, _ text: String, _ type: ModbusValueType) throws -> ModbusValue {
        guard number == number.rounded() else { throw ValidationError("\(type.spelling) needs a whole number, not \(text)") }
        let words = try RegisterCodec.encode(number: number, as: type, wordOrder: .highFirst)
        return try RegisterCodec.decode(words, as: type, wordOrder: .highFirst)
    }
}

struct WriteReport: Encodable {
    let endpoint: String
    let unit: Int
    let table: String
    let address: Int
    let type: String
    let raw: [Int]
    let written: Bool
}
