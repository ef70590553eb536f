import ArgumentParser
import CPMS
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// `cpms user add|list|disable|password`: the portal's accounts, on the database directly.
struct UserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "user", abstract: "Operator portal accounts (admin, technician, viewer).",
        subcommands: [Add.self, List.self, Disable.self, Password.self])

    /// Where a password comes from: `--password-file FILE` or standard input, never the command line.
    struct PasswordSource: ParsableArguments {
        @Option(help: ArgumentHelp("Read the password from the first line of this file (default: standard input).", valueName: "file"))
        var passwordFile: String?

        @Option(help: "bcrypt cost (4...16).")
        var bcryptCost: UInt8 = 12

        func validate() throws {
            guard (4...16).contains(bcryptCost) else { throw ValidationError("--bcrypt-cost must be 4...16") }
        }

        func read() throws -> String {
            let line: String?
            if let passwordFile {
                guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else { throw fail("cannot read \(passwordFile)") }
                line = text.split(separator: "\n", maxSplits: 1, omittingEmptySubsequences: false).first.map(String.init)
            } else if isatty(0) != 0, let prompted = getpass("Password: ") {
                line = String(cString: prompted)
            } else {
                line = readLine(strippingNewline: true)
            }
            let password = (line ?? "").hasSuffix("\r") ? String((line ?? "").dropLast()) : (line ?? "")
            if let problem = PasswordPolicy.problem(in: password) { throw fail("password refused: \(problem)") }
            return password
        }
    }

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add a portal user; the password is read from --password-file or standard input.")

        @Argument(help: "The user name (letters, digits, '.', '_', '-', '@').")
        var name: String

        @Option(help: "admin, technician or viewer.")
        var role: String

        @OptionGroup var password: PasswordSource
        @OptionGroup var database: DatabaseOption

        func validate() throws {
            if let problem = PortalUser.problem(inName: name) { throw ValidationError(problem) }
            guard PortalRole(rawValue: role) != nil else { throw ValidationError("--role must be admin, technician or viewer") }
        }

        func run() async throws {
            let secret = try password.read()
            let role = PortalRole(rawValue: role) ?? .viewer
            let hash = try await PasswordHasher(cost: password.bcryptCost).hash(secret)
            try await withDatabase(database) { store in
                try await PortalAccounts(database: store).add(name: name, role: role, passwordHash: hash, by: .commandLine, at: Date())
                print("added \(role.rawValue) \(name)")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the portal users.")

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await withDatabase(database) { store in
                for user in try await PortalUserStore(database: store).all() {
                    print("\(user.name)\t\(user.role.rawValue)\t\(user.disabled ? "disabled" : "active")\t\(user.createdAt.formatted(.iso8601))")
                }
            }
        }
    }

    struct Disable: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable a portal user and end its sessions.")

        @Argument var name: String
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await withDatabase(database) { store in
                guard try await PortalAccounts(database: store).disable(name: name, by: .commandLine, at: Date()) else {
                    throw fail("no user \(name)")
                }
                print("disabled \(name)")
            }
        }
    }

    struct Password: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a portal user's password (from --password-file or standard input) and end its sessions.")

        @Argument var name: String
        @OptionGroup var password: PasswordSource
        @OptionGroup var database: DatabaseOption

        func run() async throws {
            let secret = try password.read()
            let hash = try await PasswordHasher(cost: password.bcryptCost).hash(secret)
            try await withDatabase(database) { store in
                guard try await PortalAccounts(database: store).setPassword(name: name, hash: hash, by: .commandLine, at: Date()) else {
                    throw fail("no user \(name)")
                }
                print("password of \(name) changed")
            }
        }
    }
}
