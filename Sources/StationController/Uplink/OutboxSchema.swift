import SQLiteNIO

/// The outbox file's tables and settings.
enum OutboxSchema {
    static let statements = [
        // A file held by another stationd fails within two seconds instead of waiting.
        "PRAGMA busy_timeout = 2000",
        // One process owns the file: a second stationd on it fails instead of sending the same messages.
        "PRAGMA locking_mode = EXCLUSIVE",
        "PRAGMA journal_mode = WAL",
        "PRAGMA synchronous = FULL",
        """
        CREATE TABLE IF NOT EXISTS outbox (
          seq INTEGER PRIMARY KEY AUTOINCREMENT,
          action TEXT NOT NULL,
          payload TEXT NOT NULL,
          kind INTEGER NOT NULL,
          created_at REAL NOT NULL)
        """,
        "CREATE TABLE IF NOT EXISTS open_transactions (id TEXT PRIMARY KEY, record TEXT NOT NULL)",
        "CREATE TABLE IF NOT EXISTS central_inputs (name TEXT PRIMARY KEY, value TEXT NOT NULL)",
        """
        CREATE TABLE IF NOT EXISTS dead_letters (
          seq INTEGER PRIMARY KEY,
          action TEXT NOT NULL,
          payload TEXT NOT NULL,
          error TEXT NOT NULL,
          set_aside_at REAL NOT NULL)
        """,
    ]

    static func prepare(_ connection: SQLiteConnection) async throws {
        for statement in statements {
            _ = try await connection.query(statement, [])
        }
        let mode = try await connection.query("PRAGMA journal_mode", []).first?.column("journal_mode")?.string
        guard mode?.lowercased() == "wal" else { throw SchemaError(message: "cannot switch to WAL (journal_mode is \(mode ?? "?"))") }
    }

    static func count(_ connection: SQLiteConnection) async throws -> Int {
        try await connection.query("SELECT COUNT(*) AS n FROM outbox", []).first?.column("n")?.integer ?? 0
    }

    static func firstSequence(_ connection: SQLiteConnection) async throws -> Int64? {
        try await connection.query("SELECT MIN(seq) AS s FROM outbox", []).first?.column("s")?.integer.map(Int64.init)
    }

    static func deadLetterCount(_ connection: SQLiteConnection) async throws -> Int {
        try await connection.query("SELECT COUNT(*) AS n FROM dead_letters", []).first?.column("n")?.integer ?? 0
    }

    static func changes(_ connection: SQLiteConnection) async throws -> Int {
        try await connection.query("SELECT changes() AS n", []).first?.column("n")?.integer ?? 0
    }

    struct SchemaError: Error, CustomStringConvertible {
        let message: String
        var description: String { message }
    }
}
