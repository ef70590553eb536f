import Foundation
import Hummingbird
import HummingbirdTesting
import SQLiteNIO
import StationAPI
import StationCore
import Testing

@testable import StationController

/// The outbox under cancellation and failing writes: it is never left inside a transaction and drops nothing.
@Suite struct OutboxFaultTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func temporaryPath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("outbox-\(UUID().uuidString)/outbox.sqlite").path
    }

    func message(_ n: Int) -> OutboxMessage {
        OutboxMessage(action: "TransactionEvent", payload: "{\"n\":\(n)}", kind: .transaction, createdAt: t0 + Double(n))
    }

    func session(_ id: String) -> ChargingSession {
        ChargingSession(id: id, socket: 1, idTag: nil, startedAt: t0, meterStart: 0)
    }

    /// Makes every write of the outbox's connection fail ("attempt to write a readonly database") or work again.
    func setWritable(_ outbox: Outbox, _ writable: Bool) async throws {
        _ = try await outbox.connection.query("PRAGMA query_only = \(writable ? 0 : 1)", [])
    }

    @Test func cancelledFlushesAndReadsNeitherWedgeTheOutboxNorDropAMessage() async throws {
        let path = temporaryPath()
        let outbox = try await Outbox.open(path: path)
        // The uplink's task is cancelled when its connection closes, at any point of a flush or a read.
        for n in 0..<60 {
            outbox.stage([.append(message(n)), .openTransaction(OpenTransactionRecord(session: session("tx"), nextSeqNo: n + 1))])
            let flush = Task { try await outbox.flush() }
            let read = Task { _ = try await outbox.pending(limit: 10) }
            if n % 3 != 2 { flush.cancel() }
            if n % 2 == 0 { read.cancel() }
            if n % 4 == 1 { await Task.yield() }
            _ = await flush.result
            _ = await read.result
        }
        try await outbox.flush()
        let entries = try await outbox.pending(limit: 1_000)
        #expect(entries.map(\.message.payload) == (0..<60).map { "{\"n\":\($0)}" }, "every staged message written once, in order")
        #expect(outbox.health.consecutiveFailures == 0)
        await outbox.close()

        let reopened = try await Outbox.open(path: path)
        #expect(try await reopened.pending(limit: 1_000).count == 60)
        #expect(try await reopened.openTransactions().map(\.nextSeqNo) == [60])
        await reopened.close()
    }

    @Test func concurrentFlushesAndReadsNeverMeetInsideOneTransaction() async throws {
        let outbox = try await Outbox.open(path: temporaryPath())
        try await withThrowingTaskGroup(of: Void.self) { group in
            for n in 0..<40 {
                group.addTask {
                    outbox.stage([.append(message(n))])
                    try await outbox.flush()
                }
                group.addTask {
                    // The uplink acknowledges in order, one message after the other.
                    if n % 3 == 0, let oldest = try await outbox.pending(limit: 1).first { outbox.acknowledge(oldest.sequence) }
                }
            }
            try await group.waitForAll()
        }
        try await outbox.flush()
        #expect(outbox.health.totalFailures == 0, "no write met another's transaction: \(outbox.health.lastError ?? "")")
        let remaining = try await outbox.pending(limit: 1_000)
        #expect(remaining.count == outbox.queuedCount)
        #expect(remaining.map(\.sequence) == remaining.map(\.sequence).sorted())
        await outbox.close()
    }

    @Test func aFailingWriteKeepsItsMessagesStagedRetriesAndShowsInHealth() async throws {
        let path = temporaryPath()
        let outbox = try await Outbox.open(path: path)
        outbox.stage([.append(message(0))])
        try await outbox.flush()
        try await setWritable(outbox, false)

        outbox.stage([.append(message(1)), .openTransaction(OpenTransactionRecord(session: session("tx-1"), nextSeqNo: 1))])
        await #expect(throws: OutboxError.self) { try await outbox.flush() }
        outbox.stage([.append(message(2))])
        await #expect(throws: OutboxError.self) { try await outbox.flush() }
        let failing = outbox.health
        #expect(failing.isFailing)
        #expect(failing.consecutiveFailures == 2)
        #expect(failing.staged == 3, "the changes of both failed writes are still staged")
        #expect(failing.lastError?.contains("readonly") == true)
        #expect(failing.oldestUnsentAt == t0, "the oldest unsent message is the stored one")
        #expect(outbox.queuedCount == 3)

        try await setWritable(outbox, true)
        try await outbox.flush()
        let healthy = outbox.health
        #expect(!healthy.isFailing)
        #expect(healthy.totalFailures == 2)
        #expect(healthy.staged == 0)
        await outbox.close()

        let reopened = try await Outbox.open(path: path)
        #expect(try await reopened.pending().map(\.message.payload) == ["{\"n\":0}", "{\"n\":1}", "{\"n\":2}"])
        #expect(try await reopened.openTransactions().map(\.session.id) == ["tx-1"])
        await reopened.close()
    }

    @Test func aFailedAcknowledgementWriteStillLetsTheQueueBeRead() async throws {
        let outbox = try await Outbox.open(path: temporaryPath())
        outbox.stage((0..<3).map { .append(message($0)) })
        try await outbox.flush()
        outbox.acknowledge(try await outbox.pending(limit: 1)[0].sequence)
        try await setWritable(outbox, false)
        #expect(try await outbox.pending().map(\.message.payload) == ["{\"n\":1}", "{\"n\":2}"])
        #expect(outbox.health.isFailing)
        try await setWritable(outbox, true)
        try await outbox.flush()
        #expect(!outbox.health.isFailing)
        #expect(outbox.health.oldestUnsentAt == t0 + 1)
        await outbox.close()
    }

    @Test func deadLettersAreCountedInHealthAcrossRestarts() async throws {
        let path = temporaryPath()
        let outbox = try await Outbox.open(path: path)
        outbox.stage([.append(message(0)), .append(message(1))])
        try await outbox.flush()
        try await outbox.setAside(try await outbox.pending(limit: 1)[0], error: "FormatViolation")
        #expect(outbox.health.deadLetters == 1)
        await outbox.close()
        let reopened = try await Outbox.open(path: path)
        #expect(reopened.health.deadLetters == 1)
        #expect(reopened.health.oldestUnsentAt == t0 + 1)
        await reopened.close()
    }

    @Test func aFailingOutboxRaisesAFaultNotifyEventOnceItWritesAgainThenClearsIt() async throws {
        let outbox = try await Outbox.open(path: temporaryPath())
        let journal = UplinkJournal(outbox: outbox, meterInterval: .seconds(60), restored: [])
        try await setWritable(outbox, false)
        journal.record([.sessionStarted(session("tx-9"))])
        await #expect(throws: OutboxError.self) { try await outbox.flush() }
        journal.reportOutboxHealth(at: t0 + 5)
        journal.reportOutboxHealth(at: t0 + 6)  // still failing: raised once
        try await setWritable(outbox, true)
        try await outbox.flush()
        journal.reportOutboxHealth(at: t0 + 7)
        try await outbox.flush()

        let entries = try await outbox.pending()
        #expect(entries.map(\.message.action) == ["TransactionEvent", "NotifyEvent", "NotifyEvent"])
        let notices = entries.filter { $0.message.action == "NotifyEvent" }.map(\.message.payload)
        #expect(notices[0].contains("\"Outbox\"") && notices[0].contains("readonly") && notices[0].contains("\"actualValue\":\"true\""))
        #expect(notices[1].contains("\"Outbox\"") && notices[1].contains("\"cleared\":true"))
        await outbox.close()
    }

    @Test func statusAndMetricsShowAFailingOutboxAndItsOldestUnsentMessage() async throws {
        let h = try ControllerHarness()
        let outbox = try await Outbox.open(path: temporaryPath())
        await h.controller.attach(UplinkJournal(outbox: outbox, meterInterval: .seconds(60), restored: []))
        try await setWritable(outbox, false)
        _ = await h.cycle()
        _ = await h.cycle()
        let metrics = StationMetrics()
        try await Application(router: LocalAPI(controller: h.controller, metrics: metrics).router()).test(.router) { client in
            try await client.execute(uri: "/api/status", method: .get) { response in
                let status = try StationAPIJSON.decoder().decode(StationStatusDocument.self, from: Data(buffer: response.body))
                let health = try #require(status.uplink?.outbox)
                #expect(health.writeFailing)
                #expect(health.consecutiveWriteFailures == 2)
                #expect(health.lastError?.contains("readonly") == true)
                #expect(health.oldestUnsentAgeSeconds == 1, "the first cycle's messages wait since one cycle")
                #expect(health.deadLetters == 0)
                #expect(status.uplink?.queued ?? 0 > 0)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains("stationd_outbox_write_failing 1"))
                #expect(text.contains("stationd_outbox_consecutive_write_failures 2"))
                #expect(text.contains("stationd_outbox_oldest_unsent_age_seconds 1"))
                #expect(text.contains("stationd_open_descriptors"))
            }
        }
        try await setWritable(outbox, true)
        _ = await h.cycle()
        #expect(!outbox.health.isFailing)
        #expect(try await outbox.pending(limit: 1_000).contains { $0.message.action == "NotifyEvent" && $0.message.payload.contains("\"Outbox\"") })
        await outbox.close()
        await h.stop()
    }
}
