import ArgumentParser
import CPMS
import Foundation
import Logging

/// `--database URL`, shared by every subcommand that opens the database.
struct DatabaseOption: ParsableArguments {
    @Option(help: ArgumentHelp(
        "sqlite://PATH (relative or absolute) or postgres://user:pass@host:port/db; default $CPMS_DATABASE or sqlite://cpms.db",
        valueName: "url"))
    var database: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel = "notice"

    var url: String {
        database ?? ProcessInfo.processInfo.environment["CPMS_DATABASE"] ?? "sqlite://cpms.db"
    }

    func validate() throws {
        do {
            _ = try DatabaseURL(url)
        } catch {
            throw ValidationError("--database: \(error)")
        }
        guard Logger.Level(rawValue: logLevel) != nil else {
            throw ValidationError("--log-level must be one of trace, debug, info, notice, warning, error, critical")
        }
    }

    var logger: Logger {
        var logger = Logger(label: "cpms")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .notice
        return logger
    }

    /// Opens the database and applies the migrations.
    func open() async throws -> any CPMSDatabase {
        let logger = logger
        let database = try await openDatabase(try DatabaseURL(url), logger: logger)
        do {
            try await Migrations.run(on: database, clock: { Date() }, logger: logger)
        } catch {
            await database.shutdown()
            throw error
        }
        return database
    }
}

/// Prints a failure to standard error and exits with status 1.
func fail(_ message: String) -> ExitCode {
    FileHandle.standardError.write(Data("cpms: \(message)\n".utf8))
    return ExitCode.failure
}

/// Runs `body` with the database open, closing it afterwards; a failure is printed and exits with 1.
func withDatabase(_ option: DatabaseOption, _ body: (any CPMSDatabase) async throws -> Void) async throws {
    let database: any CPMSDatabase
    do {
        database = try await option.open()
    } catch {
        throw fail("\(error)")
    }
    do {
        try await body(database)
    } catch let exit as ExitCode {
        await database.shutdown()
        throw exit
    } catch {
        await database.shutdown()
        throw fail("\(error)")
    }
    await database.shutdown()
}
