@testable import CPMS
import Foundation
import OCPP
import SQLKit
import Testing

/// A station's connection closing while its message is stored cancels the storing task: the database must
/// neither be left inside a transaction nor lose what the transaction wrote half-way.
@Suite(.serialized)
struct CancelledTransactionTests {
    @Test(arguments: TestBackend.available)
    func aCancelledCallerLeavesNoTransactionOpenAndItsWorkWhole(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = "CANCEL-\(UUID().uuidString.prefix(8))"
        let (entered, enteredSignal) = AsyncStream<Void>.makeStream()
        let (proceed, proceedSignal) = AsyncStream<Void>.makeStream()
        let storing = Task {
            try await database.transaction { connection in
                try await connection.insert(into: "stations").columns("id", "password_hash", "created_at", "connected", "duplicates")
                    .values(station, "not-a-real-hash", StoredTime.text(OCPPFixtures.start), 0, 0).run()
                enteredSignal.yield()
                for await _ in proceed { break }
                // The caller is cancelled by now: these statements and the COMMIT still run.
                try await connection.raw("UPDATE stations SET duplicates = 7 WHERE id = \(bind: station)").run()
            }
        }
        for await _ in entered { break }
        storing.cancel()
        proceedSignal.yield()
        _ = await storing.result

        // The connection is not inside a transaction: a new one begins and commits.
        var nextTransaction: (any Error)?
        do {
            try await database.transaction { connection in try await connection.raw("SELECT 1").run() }
        } catch {
            nextTransaction = error
        }
        let stored = try? await StationRegistry(database: database).station(station)
        await database.shutdown()
        #expect(nextTransaction == nil, "the next transaction failed: \(String(reflecting: nextTransaction))")
        #expect(stored?.duplicatesIgnored == 7, "the cancelled caller's transaction was committed whole")
    }
}
