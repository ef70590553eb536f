public import Logging
import Hummingbird
import StationCore

/// `cpms serve`: opens the database, builds the application and runs it until SIGTERM or SIGINT.
public enum CPMSServer {
    public static func run(configuration: CPMSConfiguration, database url: DatabaseURL, logger: Logger) async throws {
        let database = try await openDatabase(url, logger: logger)
        let app: any ApplicationProtocol
        do {
            app = try await buildCPMSApplication(configuration: configuration, database: database, clock: SystemStationClock(), logger: logger)
        } catch {
            await database.shutdown()
            throw error
        }
        logger.notice("cpms \(CPMSRelease.version) listening on \(configuration.host):\(configuration.port), database \(url)")
        try await app.runService(gracefulShutdownSignals: [.sigterm, .sigint])
    }
}
