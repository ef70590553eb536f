import Foundation
import StationController
import StationCore
import Testing

@Suite struct OutboxTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)/outbox.sqlite").path
    }

    func message(_ n: Int, kind: OutboxMessage.Kind = .transaction) -> OutboxMessage {
        OutboxMessage(action: "TransactionEvent", payload: "{\"n\":\(n)}", kind: kind, createdAt: t0 + Double(n))
    }

    func payloads(_ entries: [OutboxEntry]) -> [String] { entries.map(\.message.payload) }

    @Test func flushedMessagesComeBackInOrderAfterReopening() async throws {
        let path = temporaryPath()
        let outbox = try await Outbox.open(path: path)
        outbox.stage((0..<5).map { .append(message($0)) })
        #expect(outbox.queuedCount == 5, "staged messages count before the flush")
        try await outbox.flush()
        outbox.stage([.append(message(5))])
        await outbox.close()  // flushes what is staged

        let reopened = try await Outbox.open(path: path)
        let entries = try await reopened.pending(limit: 100)
        #expect(payloads(entries) == (0..<6).map { "{\"n\":\($0)}" })
        #expect(entries.map(\.sequence) == entries.map(\.sequence).sorted())
        #expect(entries.map(\.message.createdAt) == (0..<6).map { t0 + Double($0) })
        await reopened.close()
    }

    @Test func acknowledgedMessagesAreGoneAfterReopening() async throws {
        let path = temporaryPath()
        let outbox = try await Outbox.open(path: path)
        outbox.stage((0..<4).map { .append(message($0)) })
        try await outbox.flush()
        let first = try await outbox.pending(limit: 2)
        for entry in first { outbox.acknowledge(entry.sequence) }
        #expect(payloads(try await outbox.pending(limit: 10)) == ["{\"n\":2}", "{\"n\":3}"])
        #expect(outbox.queuedCount == 2)
        await outbox.close()

        let reopened = try await Outbox.open(path: path)
        #expect(payloads(try await reopened.pending(limit: 10)) == ["{\"n\":2}", "{\"n\":3}"])
        #expect(reopened.queuedCount == 2)
        await reopened.close()
    }

    @Test func aSecondProcessCannotOpenAnOutboxInUse() async throws {
        let path = temporaryPath()
        let outbox = try await Outbox.open(path: path)
        outbox.stage([.append(message(0))])
        try await outbox.flush()
        await #expect(throws: OutboxError.self) {
            let intruder = try await Outbox.open(path: path)
            intruder.stage([.append(message(1))])
            try await intruder.flush()
        }
        await outbox.close()
    }

    @Test func fullOutboxThinsMeterValuesButKeepsEveryTransactionEvent() async throws {
        let outbox = try await Outbox.open(path: temporaryPath(), capacity: 1_000)
        var staged: [Outbox.Change] = []
        for n in 0..<1_000 { staged.append(.append(message(n, kind: n % 2 == 0 ? .transaction : .meterValues))) }
        outbox.stage(staged)
        try await outbox.flush()
        #expect(outbox.isFull)
        outbox.stage((1_000..<1_100).map { .append(message($0)) })
        try await outbox.flush()

        let entries = try await outbox.pending(limit: 10_000)
        let transactions = entries.filter { $0.message.kind == .transaction }.count
        let meterValues = entries.filter { $0.message.kind == .meterValues }.count
        #expect(transactions == 600, "every transaction event is kept")
        #expect(meterValues < 500 && meterValues >= 400, "some meter values were thinned, got \(meterValues)")
        #expect(await outbox.thinnedCount == 500 - meterValues)
        #expect(entries.count <= 1_000 || meterValues == 0)
        #expect(entries.map(\.sequence) == entries.map(\.sequence).sorted())
        await outbox.close()
    }

    @Test func fullOutboxOfTransactionEventsKeepsGrowing() async throws {
        let outbox = try await Outbox.open(path: temporaryPath(), capacity: 1_000)
        outbox.stage((0..<1_050).map { .append(message($0)) })
        try await outbox.flush()
        #expect(try await outbox.pending(limit: 5_000).count == 1_050)
        await outbox.close()
    }

    @Test func openTransactionsAreWrittenWithTheMessages() async throws {
        let path = temporaryPath()
        let outbox = try await Outbox.open(path: path)
        let session = ChargingSession(id: "tx-1", socket: 1, idTag: "TAG", startedAt: t0, meterStart: 100)
        outbox.stage([
            .append(message(0)), .openTransaction(OpenTransactionRecord(session: session, nextSeqNo: 1)),
            .openTransaction(OpenTransactionRecord(session: session, nextSeqNo: 4)),
            .openTransaction(OpenTransactionRecord(session: ChargingSession(id: "tx-2", socket: 2, idTag: nil, startedAt: t0, meterStart: nil), nextSeqNo: 1)),
            .closeTransaction(id: "tx-2"),
        ])
        await outbox.close()
        let reopened = try await Outbox.open(path: path)
        let open = try await reopened.openTransactions()
        #expect(open == [OpenTransactionRecord(session: session, nextSeqNo: 4)])
        await reopened.close()
    }

    @Test func aMessageRefusedAgainAndAgainIsSetAsideNotLost() async throws {
        let outbox = try await Outbox.open(path: temporaryPath())
        outbox.stage([.append(message(0)), .append(message(1))])
        try await outbox.flush()
        let first = try await outbox.pending(limit: 1)[0]
        try await outbox.setAside(first, error: "FormatViolation")
        #expect(payloads(try await outbox.pending()) == ["{\"n\":1}"])
        #expect(try await outbox.setAsideCount() == 1)
        await outbox.close()
    }

    @Test func anUnwritableLocationIsAClearError() async throws {
        let blocker = temporaryPath()
        try FileManager.default.createDirectory(
            atPath: (blocker as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: blocker, contents: Data("not a directory".utf8))
        await #expect {
            _ = try await Outbox.open(path: blocker + "/outbox.sqlite")
        } throws: { error in
            "\(error)".contains(blocker)
        }
    }
}
