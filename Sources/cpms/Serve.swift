import ArgumentParser
import Foundation
import CPMS
import Logging

/// `cpms serve`: the station gateway and the API until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the OCPP 2.0.1 station gateway and the JSON API.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8300

    @Option(help: "Heartbeat interval given to stations, in seconds.")
    var heartbeatInterval = 60

    @Option(help: "How long a command waits for the station's answer, in seconds.")
    var callTimeout = 30

    @Option(help: "Accept only the id tokens in this file (one per line) in Authorize and TransactionEvent; default: every token.")
    var tokenList: String?

    @OptionGroup var database: DatabaseOption

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be 1...65535") }
        guard (1...86_400).contains(heartbeatInterval) else { throw ValidationError("--heartbeat-interval must be 1...86400 seconds") }
        guard (1...600).contains(callTimeout) else { throw ValidationError("--call-timeout must be 1...600 seconds") }
    }

    func run() async throws {
        let logger = database.logger
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logger.logLevel
            return handler
        }
        var acceptedTokens: Set<String>?
        if let tokenList {
            guard let text = try? String(contentsOfFile: tokenList, encoding: .utf8) else { throw fail("cannot read token list \(tokenList)") }
            acceptedTokens = Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        let configuration = CPMSConfiguration(
            host: host, port: port,
            gateway: GatewaySettings(
                heartbeatInterval: .seconds(heartbeatInterval), callTimeout: .seconds(callTimeout), acceptedTokens: acceptedTokens))
        do {
            try await CPMSServer.run(configuration: configuration, database: try DatabaseURL(database.url), logger: logger)
        } catch {
            throw fail("\(error)")
        }
    }
}
