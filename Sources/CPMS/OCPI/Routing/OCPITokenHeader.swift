import Foundation

/// Reads OCPI's `Authorization: Token ...` header.
enum OCPITokenHeader {
    /// The tokens the header may carry, most likely first: OCPI 2.2.1 sends the token base64-encoded, older
    /// parties (and some 2.2.1 ones) send it plain, so both the decoded and the plain text are candidates.
    static func candidates(_ header: String?) -> [String] {
        guard let header else { return [] }
        let trimmed = header.trimmingCharacters(in: .whitespaces)
        guard trimmed.lowercased().hasPrefix("token ") else { return [] }
        let value = String(trimmed.dropFirst("token ".count)).trimmingCharacters(in: .whitespaces)
        guard !value.isEmpty else { return [] }
        var result: [String] = []
        if let data = Data(base64Encoded: value), let decoded = String(data: data, encoding: .utf8), !decoded.isEmpty,
            decoded.allSatisfy({ $0.isASCII && !$0.isWhitespace && !$0.isNewline })
        {
            result.append(decoded)
        }
        result.append(value)
        return result
    }

    /// The header cpms sends: `Token <base64(token)>`, as OCPI 2.2.1 asks.
    static func value(for token: String) -> String {
        "Token " + Data(token.utf8).base64EncodedString()
    }
}
