import Foundation

/// A message cpms cannot take: answered 400 with `reason`, and nothing is changed.
struct OSCPMessageError: Error, Sendable, CustomStringConvertible {
    var reason: String
    var description: String { reason }

    init(_ reason: String) {
        self.reason = reason
    }
}

enum OSCPCoding {
    /// The largest body read.
    static let maxBodyBytes = 1 << 20

    static func decode<T: Decodable>(_ type: T.Type, from data: Data) throws(OSCPMessageError) -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data.isEmpty ? Data("{}".utf8) : data)
        } catch let error as DecodingError {
            throw OSCPMessageError(describe(error))
        } catch {
            throw OSCPMessageError("not JSON: \(error)")
        }
    }

    /// The failure with the path of the field, `forecasted_blocks[0].unit: must be one of ...`.
    static func describe(_ error: DecodingError) -> String {
        func path(_ keys: [any CodingKey]) -> String {
            var text = ""
            for key in keys {
                if let index = key.intValue {
                    text += "[\(index)]"
                } else {
                    text += (text.isEmpty ? "" : ".") + key.stringValue
                }
            }
            return text.isEmpty ? "body" : text
        }
        switch error {
        case .keyNotFound(let key, let context): return "\(path(context.codingPath + [key])): missing"
        case .typeMismatch(let type, let context): return "\(path(context.codingPath)): must be \(type == String.self ? "a string" : type == Double.self ? "a number" : "\(type)")"
        case .valueNotFound(_, let context): return "\(path(context.codingPath)): must not be null"
        case .dataCorrupted(let context): return context.codingPath.isEmpty ? "not JSON" : "\(path(context.codingPath)): \(context.debugDescription)"
        @unknown default: return "\(error)"
        }
    }

    static func encode(_ value: some Encodable) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }
}
