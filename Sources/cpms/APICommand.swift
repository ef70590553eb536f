import ArgumentParser
import CPMS
import Foundation

/// `cpms command NAME STATION` and `cpms api GET PATH`: the running server's API from the shell.
struct APICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "command",
        abstract: "Send a command to a station through the running cpms (POST /api/stations/STATION/commands/NAME).",
        discussion: """
            Commands: start, stop, availability, reserve, cancel-reservation, reset, trigger, grid-cap, price-schedule,
            get-variables, set-variables. The body is JSON (snake_case), e.g.
              cpms command availability CS-1 --data '{"evse_id": 1, "operative": false}'
              cpms command grid-cap CS-1 --delete
            """)

    @Argument(help: "The command name.")
    var name: String

    @Argument(help: "The station id.")
    var station: String

    @Option(help: "The JSON body.")
    var data = "{}"

    @Flag(help: "Send DELETE instead of POST (grid-cap: clear the cap).")
    var delete = false

    @Option(help: "The cpms base URL.")
    var url = "http://127.0.0.1:8300"

    @Option(help: "The API token; default $CPMS_TOKEN.")
    var token: String?

    func validate() throws {
        guard URL(string: url)?.scheme?.hasPrefix("http") == true else { throw ValidationError("--url must be an http:// or https:// URL") }
        guard token ?? ProcessInfo.processInfo.environment["CPMS_TOKEN"] != nil else {
            throw ValidationError("give --token or set CPMS_TOKEN")
        }
        guard (try? JSONSerialization.jsonObject(with: Data(data.utf8))) is [String: Any] else {
            throw ValidationError("--data must be a JSON object")
        }
    }

    func run() async throws {
        guard let base = URL(string: url), let token = token ?? ProcessInfo.processInfo.environment["CPMS_TOKEN"] else {
            throw ExitCode.validationFailure
        }
        let path = "/api/stations/\(station.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed) ?? station)/commands/\(name)"
        let client = APIClient(baseURL: base, token: token)
        let result: (status: Int, body: Data)
        do {
            result = try await client.send(method: delete ? "DELETE" : "POST", path: path, body: delete ? nil : Data(data.utf8))
        } catch {
            throw fail("\(error)")
        }
        let text = String(decoding: result.body, as: UTF8.self)
        guard (200..<300).contains(result.status) else { throw fail("HTTP \(result.status): \(text)") }
        print(text)
    }
}
