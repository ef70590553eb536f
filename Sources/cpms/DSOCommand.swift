import ArgumentParser
import CPMS
import Foundation

/// `cpms dso ...`: the DSO registry, through the running cpms's API.
struct DSOCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dso", abstract: "DSOs and energy suppliers: register one (its contract and feeds), list, show, change, remove.",
        discussion: "Every subcommand calls the running cpms's API (--url, --token or $CPMS_TOKEN) and prints its JSON answer. The DSO JSON is described in docs/energy-supply.md.",
        subcommands: [Add.self, Update.self, List.self, Show.self, Remove.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a DSO from a JSON file (- for standard input).")

        @Argument(help: "The DSO JSON: id, name, contract, feeds.")
        var file: String

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("POST", "/api/dsos", body: try DSOCommand.read(file))
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Replace a DSO's name, contract and feeds from a JSON file (- for standard input).")

        @Argument(help: "The DSO JSON; its id names the DSO.")
        var file: String

        @OptionGroup var api: APIOptions

        func run() async throws {
            let body = try DSOCommand.read(file)
            guard let id = body["id"] as? String else { throw ValidationError("the DSO JSON has no id") }
            try await api.call("PUT", "/api/dsos/\(APIOptions.encode(id))", body: body)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the DSOs.")

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/dsos")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one DSO.")

        @Argument var id: String

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/dsos/\(APIOptions.encode(id))")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove a DSO: its feeds stop, its forecasts are deleted; the plan's past stays.")

        @Argument var id: String

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("DELETE", "/api/dsos/\(APIOptions.encode(id))")
        }
    }

    /// A JSON object from a file or standard input.
    static func read(_ file: String) throws -> [String: Any] {
        let data: Data
        if file == "-" {
            data = FileHandle.standardInput.readDataToEndOfFile()
        } else {
            guard let contents = FileManager.default.contents(atPath: file) else { throw ValidationError("cannot read \(file)") }
            data = contents
        }
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ValidationError("\(file) is not a JSON object")
        }
        return object
    }
}
