@testable import CPMS
import Foundation
import OCPI
import SQLKit
import Testing

/// The enqueuing side of the per-eMSP push queue on SQLite and PostgreSQL: each eMSP's pushes get consecutive
/// sequence numbers in the order given, across enqueues, also when many run at once.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct OCPIPushQueueTests {
    @Test(arguments: TestBackend.available)
    func pushesAreNumberedInOrderPerEMSP(_ backend: TestBackend) async throws {
        let database = try await backend.openPrivate()
        let first = "emsp-\(UUID().uuidString.prefix(8))", second = "emsp-\(UUID().uuidString.prefix(8))"
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let queue = OCPIPushQueue(database: database)
        let put = OCPIPush(objectKey: "tariff/T1", method: .put, target: .module(.tariffs, path: ["DE", "STM", "T1"]), body: Data(#"{"id":"T1"}"#.utf8))
        let result = OCPIPush(objectKey: "command/c1", method: .post, target: .url("http://emsp.test/result/1"), body: Data(#"{"result":"ACCEPTED"}"#.utf8))
        try await queue.enqueue([put, result], for: [first, second], at: now)
        try await queue.enqueue([put], for: [first], at: now)
        await withThrowingTaskGroup(of: Void.self) { group in
            for _ in 0..<10 { group.addTask { try await queue.enqueue([put], for: [first], at: now) } }
        }

        let rows = try await database.withConnection { connection in
            try await connection.select().columns("party", "seq", "object_key", "module", "path_json", "url", "method", "body", "attempts")
                .from("ocpi_push_queue").where("party", .in, [first, second]).orderBy("party").orderBy("seq").all()
        }
        let firsts = try rows.filter { try $0.decode(column: "party", as: String.self) == first }
        #expect(try firsts.map { try $0.decode(column: "seq", as: Int64.self) } == Array(1...13))
        #expect(try firsts[1].decode(column: "url", as: String.self) == "http://emsp.test/result/1")
        #expect(try firsts[1].decodeNil(column: "module"))
        #expect(try firsts[0].decode(column: "path_json", as: String.self) == #"["DE","STM","T1"]"#)
        #expect(try firsts[0].decode(column: "method", as: String.self) == "PUT")
        #expect(try firsts[0].decode(column: "body", as: String.self) == #"{"id":"T1"}"#)
        let seconds = try rows.filter { try $0.decode(column: "party", as: String.self) == second }
        #expect(try seconds.map { try $0.decode(column: "object_key", as: String.self) } == ["tariff/T1", "command/c1"])
        #expect(try seconds.map { try $0.decode(column: "seq", as: Int64.self) } == [1, 2])
        await database.shutdown()
    }
}
