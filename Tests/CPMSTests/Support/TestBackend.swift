import CPMS
import Foundation
import Logging
import SQLKit
import Testing

/// The databases the storage tests run on: SQLite always, PostgreSQL when `CPMS_TEST_POSTGRES_URL` is set.
enum TestBackend: String, CustomTestStringConvertible, Sendable {
    case sqlite
    case postgres

    static var available: [TestBackend] {
        [.sqlite] + (ProcessInfo.processInfo.environment["CPMS_TEST_POSTGRES_URL"] == nil ? [] : [.postgres])
    }

    var testDescription: String { rawValue }

    /// A migrated database of the test's own: a new SQLite file, or a new PostgreSQL database in the test cluster.
    /// Suites run in parallel; a shared database let one suite's rows (a calendar, a registered eMSP, a running
    /// push delivery) change another's outcome.
    func open() async throws -> any CPMSDatabase {
        self == .postgres ? try await openPrivate() : try await openShared()
    }

    /// A migrated database: a new SQLite file, or the shared PostgreSQL test database (for the tests of the
    /// migrations themselves, and for `openPrivate`'s administration).
    func openShared() async throws -> any CPMSDatabase {
        let url: DatabaseURL
        switch self {
        case .sqlite:
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cpms-tests-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            url = .sqlite(path: directory.appendingPathComponent("cpms.db").path)
        case .postgres:
            url = try DatabaseURL(ProcessInfo.processInfo.environment["CPMS_TEST_POSTGRES_URL"] ?? "")
        }
        let database = try await openDatabase(url, logger: .quiet)
        try await MigrationQueue.shared.run { try await Migrations.run(on: database, clock: { Date() }, logger: .quiet) }
        return database
    }
}

/// Runs the tests' migrations one at a time: suites that open the shared PostgreSQL database in parallel would
/// otherwise race to create its tables.
actor MigrationQueue {
    static let shared = MigrationQueue()
    private var last: Task<Void, any Error>?

    func run(_ body: @escaping @Sendable () async throws -> Void) async throws {
        let previous = last
        let task = Task {
            _ = try? await previous?.value
            try await body()
        }
        last = task
        try await task.value
    }
}

extension Logger {
    static var quiet: Logger {
        var logger = Logger(label: "cpms.test")
        logger.logLevel = .warning
        return logger
    }
}

/// A station id no other test uses (the PostgreSQL test database is shared).
func uniqueStationID(_ prefix: String = "T") -> String {
    prefix + "-" + UUID().uuidString.prefix(8)
}

extension TestBackend {
    /// A migrated database of the test's own: a new SQLite file, or a new PostgreSQL database in the test cluster.
    func openPrivate() async throws -> any CPMSDatabase {
        guard self == .postgres, let shared = ProcessInfo.processInfo.environment["CPMS_TEST_POSTGRES_URL"],
              let slash = shared.lastIndex(of: "/")
        else { return try await openShared() }
        let name = "cpms_test_" + UUID().uuidString.prefix(8).lowercased()
        let admin = try await openDatabase(try DatabaseURL(shared), logger: .quiet)
        do {
            try await admin.withConnection { try await $0.raw("CREATE DATABASE \(unsafeRaw: name)").run() }
        } catch {
            await admin.shutdown()
            throw error
        }
        await admin.shutdown()
        let database = try await openDatabase(try DatabaseURL(String(shared[..<slash]) + "/" + name), logger: .quiet)
        try await Migrations.run(on: database, clock: { Date() }, logger: .quiet)
        return database
    }
}
