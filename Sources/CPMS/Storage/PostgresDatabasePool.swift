import Logging
import NIOPosix
import PostgresKit

/// PostgreSQL through postgres-nio's `PostgresClient`, its maintained connection pool (postgres-kit's own
/// documentation advises it over the legacy async-kit pool); SQLKit runs on the leased connection.
///
/// The client's `run()` is owned by the pool, so the CLI and the server use it alike.
final class PostgresDatabasePool: CPMSDatabase {
    let kind = DatabaseKind.postgres
    /// Ingestion batches written side by side, each on its own connection.
    let concurrentWriters = 6
    private let client: PostgresClient
    private let running: Task<Void, Never>

    private init(client: PostgresClient) {
        self.client = client
        running = Task { await client.run() }
    }

    static func open(url: String, logger: Logger) async throws -> PostgresDatabasePool {
        let configuration = try SQLPostgresConfiguration(url: url).coreConfiguration
        guard let host = configuration.host else {
            throw DatabaseOpenError(description: "\(DatabaseURL.redacted(url)): a PostgreSQL URL needs a host")
        }
        try await probe(configuration, url: url, logger: logger)
        var options = PostgresClient.Configuration.Options()
        options.maximumConnections = 20
        options.minimumConnections = 2
        let clientConfiguration = PostgresClient.Configuration(
            host: host, port: configuration.port ?? 5432, username: configuration.username,
            password: configuration.password, database: configuration.database, tls: .disable)
        var withOptions = clientConfiguration
        withOptions.options = options
        return PostgresDatabasePool(client: PostgresClient(configuration: withOptions, backgroundLogger: logger))
    }

    /// Connects once outside the pool, whose own failure (a tripped circuit breaker) would hide the reason.
    private static func probe(_ configuration: PostgresConnection.Configuration, url: String, logger: Logger) async throws {
        var plain = configuration
        plain.tls = .disable
        do {
            let connection = try await PostgresConnection.connect(
                on: MultiThreadedEventLoopGroup.singleton.next(), configuration: plain, id: 0, logger: logger
            ).get()
            try await connection.close().get()
        } catch {
            throw DatabaseOpenError(description: "cannot connect to \(DatabaseURL.redacted(url)): \(PostgresFailure.describe(error))")
        }
    }

    func withConnection<T: Sendable>(_ body: @escaping @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql(queryLogLevel: nil))
        }
    }

    func shutdown() async {
        running.cancel()
        await running.value
    }
}

/// What went wrong talking to PostgreSQL, in words (`PSQLError`'s own description is deliberately generic).
enum PostgresFailure {
    static func describe(_ error: any Error) -> String {
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return "PostgreSQL says: \(message)"
            }
            if let underlying = error.underlying { return "\(underlying)" }
            return "\(error.code)"
        }
        return "\(error)"
    }
}
