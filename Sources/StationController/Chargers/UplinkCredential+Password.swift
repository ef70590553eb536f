import Foundation
import StationConfig

extension UplinkCredential {
    /// The password as written in the station file, or read from its file (surrounding whitespace trimmed).
    /// Returns nil when the file cannot be read.
    func password() -> String? {
        switch self {
        case .password(let password):
            return password
        case .passwordFile(let path):
            return (try? String(contentsOfFile: path, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }
}

extension UplinkCredential {
    /// The password file, for messages.
    var filePath: String? {
        if case .passwordFile(let path) = self { return path }
        return nil
    }
}
