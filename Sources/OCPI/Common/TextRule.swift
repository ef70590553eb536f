/// The OCPI string types and their limits (OCPI types: string(n), CiString(n), URL).
public enum TextRule: Sendable, Equatable {
    /// string(n): any UTF-8 text of at most n characters.
    case string(max: Int)
    /// A string of exactly n characters, such as an ISO 3166 alpha-3 country or ISO 4217 currency.
    case stringOfLength(Int)
    /// CiString(n): printable ASCII of at most n characters, compared without case.
    case ciString(max: Int)
    /// A CiString of exactly n characters, such as a country_code.
    case ciStringOfLength(Int)
    /// URL: string(255) that is an absolute URL.
    case url

    /// What is wrong with `value`, or nil when it follows the rule.
    public func violation(of value: String) -> String? {
        switch self {
        case .string(max: let max):
            return value.count <= max ? nil : "longer than \(max) characters"
        case .stringOfLength(let exactly):
            return value.count == exactly ? nil : "must be \(exactly) characters"
        case .ciString(max: let max):
            if let problem = Self.asciiProblem(value) { return problem }
            return value.utf8.count <= max ? nil : "longer than \(max) characters"
        case .ciStringOfLength(let exactly):
            if let problem = Self.asciiProblem(value) { return problem }
            return value.utf8.count == exactly ? nil : "must be \(exactly) characters"
        case .url:
            if value.count > 255 { return "longer than 255 characters" }
            return Self.isAbsoluteURL(value) ? nil : "must be an absolute URL"
        }
    }

    private static func asciiProblem(_ value: String) -> String? {
        value.utf8.allSatisfy { (0x20...0x7E).contains($0) } ? nil : "must be printable ASCII"
    }

    /// "scheme://host...", the scheme a letter followed by letters, digits, "+", "-" or ".".
    private static func isAbsoluteURL(_ value: String) -> Bool {
        guard let colon = value.firstIndex(of: ":") else { return false }
        let scheme = value[..<colon]
        guard let first = scheme.first, first.isASCII, first.isLetter,
            scheme.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+-.".contains($0)) })
        else { return false }
        let rest = value[value.index(after: colon)...]
        return rest.hasPrefix("//") && rest.count > 2 && !value.contains(where: { $0 == " " || $0.isNewline })
    }
}
