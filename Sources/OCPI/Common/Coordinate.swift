/// OCPI's coordinate strings: "-?[0-9]{1,2}\.[0-9]{5,7}" (latitude) and "-?[0-9]{1,3}\.[0-9]{5,7}" (longitude).
enum Coordinate {
    static func isValid(_ text: String, integerDigits: Int, limit: Int) -> Bool {
        var digits = Substring(text)
        if digits.first == "-" { digits = digits.dropFirst() }
        let parts = digits.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 2, (1...integerDigits).contains(parts[0].count), (5...7).contains(parts[1].count),
            parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }), let whole = Int(parts[0])
        else { return false }
        return whole < limit || (whole == limit && parts[1].allSatisfy { $0 == "0" })
    }
}
