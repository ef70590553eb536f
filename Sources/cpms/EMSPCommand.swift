import ArgumentParser
import CPMS
import Foundation

/// `cpms emsp ...`: the eMSPs cpms is the CPO for, through the running cpms's API.
///
/// Through the API like `cpms calendar`: the running server publishes the OCPI URLs (`--public-url`) and must
/// serve the eMSP's calls during cpms's own registration, with the token B it offers.
struct EMSPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "emsp", abstract: "eMSPs (OCPI 2.2.1): add one, register at one, list, remove, see the pushes owed to each.",
        discussion: "Every subcommand calls the running cpms's API (--url, --token or $CPMS_TOKEN) and prints its JSON answer.",
        subcommands: [Add.self, Register.self, List.self, Show.self, Remove.self, Queue.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Add an eMSP that will register at cpms: prints its token A (shown once) and cpms's versions URL.")

        @Argument(help: "A name for the eMSP (letters, digits, -, _, ., *).")
        var name: String

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("POST", "/api/emsps", body: ["name": name])
        }
    }

    struct Register: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register cpms at an eMSP that gave it a token A and its versions URL.",
            discussion: "Example: cpms emsp register tnm --versions-url https://emsp.example/ocpi/versions --token-a 3f1c...")

        @Argument(help: "A name for the eMSP.")
        var name: String

        @Option(help: "The eMSP's OCPI versions URL.")
        var versionsUrl: String

        @Option(name: .customLong("token-a"), help: "The token A the eMSP gave for the registration.")
        var tokenA: String

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("POST", "/api/emsps/\(APIOptions.encode(name))/register", body: ["versions_url": versionsUrl, "token": tokenA])
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the eMSPs with their status, roles and endpoints.")

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/emsps")
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one eMSP.")

        @Argument var name: String

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/emsps/\(APIOptions.encode(name))")
        }
    }

    struct Remove: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Remove an eMSP: its tokens stop working at once.")

        @Argument var name: String

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("DELETE", "/api/emsps/\(APIOptions.encode(name))")
        }
    }

    struct Queue: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The OCPI pushes owed to the eMSPs: per eMSP the queue's length, oldest age, attempts, last error and dead letters.",
            discussion: "With a NAME: that eMSP's summary and its waiting pushes (paged); with --dead-letters, the pushes set aside.")

        @Argument(help: "An eMSP's name: its pushes rather than every eMSP's summary.")
        var name: String?

        @Flag(help: "List the eMSP's dead letters (pushes it refused for good) instead of its waiting pushes.")
        var deadLetters = false

        @Option(help: "Skip this many pushes.")
        var offset = 0

        @Option(help: "List at most this many pushes (1 to 500).")
        var limit = 50

        @OptionGroup var api: APIOptions

        func run() async throws {
            guard let name else {
                if deadLetters { throw ValidationError("--dead-letters needs an eMSP's NAME") }
                try await api.call("GET", "/api/ocpi/queue")
                return
            }
            let path = "/api/ocpi/queue/\(APIOptions.encode(name))" + (deadLetters ? "/dead-letters" : "")
            try await api.call("GET", path, query: [("offset", String(offset)), ("limit", String(limit))])
        }
    }
}
