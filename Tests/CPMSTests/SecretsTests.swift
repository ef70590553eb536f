@testable import CPMS
import Testing

/// Secrets handed to operators and stations: base64url of the asked length, and never read as a command-line
/// option (`cpms ... --token -Xy...` failed about once in 64 tokens before).
struct SecretsTests {
    @Test
    func secretsAreBase64URLAndNeverStartWithADash() {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        var firsts = Set<Character>()
        for _ in 0..<4_000 {
            let secret = Secrets.random(bytes: 24)
            #expect(secret.count == 32)
            #expect(secret.allSatisfy(alphabet.contains))
            #expect(!secret.hasPrefix("-"))
            firsts.insert(secret.first ?? " ")
        }
        // Every other first character still occurs: the rule drops only the dash.
        #expect(firsts.count == alphabet.count - 1)
    }
}
