import Crypto
import Foundation

/// Random secrets and their digests: station passwords and API tokens.
enum Secrets {
    /// `bytes` random bytes as base64url without padding (24 bytes give 32 characters, within OCPP's 40).
    ///
    /// Never starting with "-": a token given as `--token -x...` on a command line reads as an option.
    static func random(bytes: Int) -> String {
        var generator = SystemRandomNumberGenerator()
        while true {
            let data = Data((0..<bytes).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
            let text = data.base64EncodedString()
                .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
                .replacingOccurrences(of: "=", with: "")
            if !text.hasPrefix("-") { return text }
        }
    }

    /// The SHA-256 of `text` as lowercase hex.
    static func sha256Hex(_ text: String) -> String {
        SHA256.hash(data: Data(text.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
