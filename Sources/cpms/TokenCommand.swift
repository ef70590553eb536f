import ArgumentParser
import CPMS
import Foundation

/// `cpms token add NAME`.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "token", abstract: "API bearer tokens.", subcommands: [Add.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create an API token and print it (only its SHA-256 is stored).")

        @Argument(help: "Who or what the token is for.")
        var name: String

        @OptionGroup var database: DatabaseOption

        func validate() throws {
            guard (1...100).contains(name.count) else { throw ValidationError("the token name must be 1 to 100 characters") }
        }

        func run() async throws {
            try await withDatabase(database) { store in
                print(try await APITokenStore(database: store).add(name: name, at: Date()))
            }
        }
    }
}
