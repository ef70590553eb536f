import ArgumentParser
import Foundation
import Modbus

/// A failure the operator should read; exits with status 1.
struct CommandFailure: Error, CustomStringConvertible {
    let description: String

    init(_ description: String) {
        self.description = description
    }
}

/// A plain-text table with aligned columns.
struct Table {
    let headers: [String]
    let rows: [[String]]

    var rendered: String {
        let all = [headers] + rows
        let widths = headers.indices.map { column in all.map { $0.indices.contains(column) ? $0[column].count : 0 }.max() ?? 0 }
        return all.map { row in
            row.enumerated().map { index, cell in
                index == row.count - 1 ? cell : cell.padding(toLength: widths[index], withPad: " ", startingAt: 0)
            }.joined(separator: "  ")
        }.joined(separator: "\n")
    }
}

/// A Modbus value in JSON: numbers as numbers, text as text.
enum JSONValue: Encodable {
    case number(Double)
    case bool(Bool)
    case text(String)

    init(_ value: ModbusValue) {
        switch value {
        case .bool(let b): self = .bool(b)
        case .string(let s): self = .text(s)
        default: self = .number(value.number ?? 0)
        }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        switch self {
        case .number(let n): try container.encode(n)
        case .bool(let b): try container.encode(b)
        case .text(let t): try container.encode(t)
        }
    }
}

func printJSON(_ value: some Encodable) {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
    encoder.keyEncodingStrategy = .convertToSnakeCase
    if let data = try? encoder.encode(value) {
        print(String(decoding: data, as: UTF8.self))
    }
}

func hex(_ word: UInt16) -> String {
    let digits = String(word, radix: 16, uppercase: true)
    return "0x" + String(repeating: "0", count: 4 - digits.count) + digits
}

func formatNumber(_ value: Double) -> String {
    value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
}
