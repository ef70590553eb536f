@testable import CPMS
import Foundation
import SQLKit
import Testing

/// SQLite's read-only connection beside the one that writes: a portal page reads while a transaction is under
/// way on the writer (a supply plan being rewritten), sees only what is committed, and cannot write.
@Suite
struct SQLiteReadConnectionTests {
    @Test
    func aReadIsNotHeldUpByATransactionUnderWayAndSeesOnlyWhatIsCommitted() async throws {
        let database = try await TestBackend.sqlite.open()
        let station = uniqueStationID("READ")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "not-a-real-hash", at: Date())
        let (inserted, insertedSignal) = AsyncStream.makeStream(of: Void.self)
        let (release, releaseSignal) = AsyncStream.makeStream(of: Void.self)
        let writer = Task {
            try await database.transaction { connection in
                try await connection.update("stations").set("model", to: "uncommitted").where("id", .equal, station).run()
                insertedSignal.yield()
                for await _ in release { break }
            }
        }
        for await _ in inserted { break }
        // The writer holds cpms's one writing connection inside its transaction; the read goes ahead.
        let model = try await database.withReadConnection { connection in
            try await connection.select().column("model").from("stations").where("id", .equal, station).first()?
                .decode(column: "model", as: String?.self)
        }
        #expect(model == nil)
        releaseSignal.yield()
        try await writer.value
        let committed = try await database.withReadConnection { connection in
            try await connection.select().column("model").from("stations").where("id", .equal, station).first()?
                .decode(column: "model", as: String?.self)
        }
        #expect(committed == "uncommitted")
        await database.shutdown()
    }

    @Test
    func theReadConnectionRefusesToWrite() async throws {
        let database = try await TestBackend.sqlite.open()
        await #expect(throws: (any Error).self) {
            try await database.withReadConnection { connection in
                try await connection.raw("CREATE TABLE written_by_a_reader (x BIGINT)").run()
            }
        }
        await database.shutdown()
    }
}
