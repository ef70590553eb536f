import ArgumentParser
import CPMS
import Foundation

/// `--url` and `--token`: the running cpms whose API a subcommand calls.
struct APIOptions: ParsableArguments {
    @Option(help: "The cpms base URL.")
    var url = "http://127.0.0.1:8300"

    @Option(help: "The API token; default $CPMS_TOKEN.")
    var token: String?

    func validate() throws {
        guard URL(string: url)?.scheme?.hasPrefix("http") == true else { throw ValidationError("--url must be an http:// or https:// URL") }
        guard token ?? ProcessInfo.processInfo.environment["CPMS_TOKEN"] != nil else { throw ValidationError("give --token or set CPMS_TOKEN") }
    }

    /// Calls the API and prints the JSON answer; a failure (not 2xx, or no answer) is printed and exits with 1.
    func call(_ method: String, _ path: String, query: [(String, String?)] = [], body: [String: Any]? = nil) async throws {
        guard let base = URL(string: url), let token = token ?? ProcessInfo.processInfo.environment["CPMS_TOKEN"] else {
            throw ExitCode.validationFailure
        }
        let parameters = query.compactMap { name, value in value.map { "\(name)=\(Self.encode($0))" } }
        let target = parameters.isEmpty ? path : path + "?" + parameters.joined(separator: "&")
        let data = try body.map { try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]) }
        let result: (status: Int, body: Data)
        do {
            result = try await APIClient(baseURL: base, token: token).send(method: method, path: target, body: data)
        } catch {
            throw fail("\(error)")
        }
        let text = String(decoding: result.body, as: UTF8.self)
        guard (200..<300).contains(result.status) else { throw fail("HTTP \(result.status): \(text)") }
        print(text)
    }

    /// A path segment or query value, percent-encoded (a `+` in a time offset included).
    static func encode(_ text: String) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
