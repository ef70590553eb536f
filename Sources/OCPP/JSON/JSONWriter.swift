/// Writes `JSONValue`s as compact JSON text, object keys sorted so equal values give equal text.
enum JSONWriter {
    static func write(_ value: JSONValue, into text: inout String) {
        switch value {
        case .null: text += "null"
        case .bool(let flag): text += flag ? "true" : "false"
        case .integer(let integer): text += String(integer)
        case .number(let number): writeNumber(number, into: &text)
        case .string(let string): writeString(string, into: &text)
        case .array(let elements):
            text += "["
            for (position, element) in elements.enumerated() {
                if position > 0 { text += "," }
                write(element, into: &text)
            }
            text += "]"
        case .object(let members):
            text += "{"
            for (position, key) in members.keys.sorted().enumerated() {
                if position > 0 { text += "," }
                writeString(key, into: &text)
                text += ":"
                if let member = members[key] { write(member, into: &text) }
            }
            text += "}"
        }
    }

    /// Shortest text that reads back as the same `Double`; non-finite numbers (which JSON cannot carry) as `null`.
    private static func writeNumber(_ number: Double, into text: inout String) {
        guard number.isFinite else {
            text += "null"
            return
        }
        text += "\(number)"
    }

    private static func writeString(_ string: String, into text: inout String) {
        text += "\""
        for scalar in string.unicodeScalars {
            switch scalar {
            case "\"": text += "\\\""
            case "\\": text += "\\\\"
            case "\n": text += "\\n"
            case "\r": text += "\\r"
            case "\t": text += "\\t"
            case "\u{08}": text += "\\b"
            case "\u{0C}": text += "\\f"
            case "\u{00}"..."\u{1F}":
                let hex = String(scalar.value, radix: 16)
                text += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            default: text.unicodeScalars.append(scalar)
            }
        }
        text += "\""
    }
}

extension JSONValue {
    /// Compact JSON text of this value (object keys sorted).
    public var jsonText: String {
        var text = ""
        JSONWriter.write(self, into: &text)
        return text
    }
}

extension JSONValue: CustomStringConvertible {
    public var description: String { jsonText }
}
