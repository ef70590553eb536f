/// EVSE IDs as OCPI wants them: eMI3 ("BE*BEC*E041503001", separators optional) or the older DIN SPEC 91286
/// ("+49*810*000*438"). Compared without case.
public enum EVSEIdentifier {
    public static func isValid(_ text: String) -> Bool {
        let value = Array(text.uppercased().utf8)
        return isEMI3(value) || isDIN(value)
    }

    private static func isAlphanumeric(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte) || isDigit(byte)
    }

    private static func isDigit(_ byte: UInt8) -> Bool { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) }

    private static let star = UInt8(ascii: "*")

    /// [A-Z]{2}\*?[A-Z0-9]{3}\*?E[A-Z0-9\*]{1,30}
    private static func isEMI3(_ value: [UInt8]) -> Bool {
        var index = 0
        guard value.count >= 2, value[0...1].allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else { return false }
        index = 2
        if index < value.count, value[index] == star { index += 1 }
        guard value.count >= index + 3, value[index..<(index + 3)].allSatisfy(isAlphanumeric) else { return false }
        index += 3
        if index < value.count, value[index] == star { index += 1 }
        guard index < value.count, value[index] == UInt8(ascii: "E") else { return false }
        let outlet = value[(index + 1)...]
        return (1...30).contains(outlet.count) && outlet.allSatisfy { isAlphanumeric($0) || $0 == star }
    }

    /// \+?[0-9]{1,3}\*[0-9]{3}\*[0-9\*]{1,32}
    private static func isDIN(_ value: [UInt8]) -> Bool {
        var rest = value[...]
        if rest.first == UInt8(ascii: "+") { rest = rest.dropFirst() }
        let country = rest.prefix(while: isDigit)
        guard (1...3).contains(country.count) else { return false }
        rest = rest.dropFirst(country.count)
        guard rest.first == star else { return false }
        rest = rest.dropFirst()
        guard rest.count >= 4, rest.prefix(3).allSatisfy(isDigit), rest.dropFirst(3).first == star else { return false }
        rest = rest.dropFirst(4)
        return (1...32).contains(rest.count) && rest.allSatisfy { isDigit($0) || $0 == star }
    }
}
