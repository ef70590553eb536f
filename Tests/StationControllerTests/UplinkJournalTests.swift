import EnergyManagement
import Foundation
import OCPP
import StationController
import StationCore
import Testing

/// Station events become the OCPP 2.0.1 messages the CSMS is owed, each final when staged.
@Suite struct UplinkJournalTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func journal(restored: [OpenTransactionRecord] = [], capacity: Int = 100_000) async throws -> UplinkJournal {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("journal-\(UUID().uuidString).sqlite").path
        let outbox = try await Outbox.open(path: path, capacity: capacity)
        return UplinkJournal(outbox: outbox, meterInterval: .seconds(10), restored: restored)
    }

    func written(_ journal: UplinkJournal) async throws -> [(action: String, payload: [String: JSONValue])] {
        try await journal.outbox.flush()
        return try await journal.outbox.pending(limit: 10_000).map {
            ($0.message.action, try JSONValue(parsing: $0.message.payload).objectValue ?? [:])
        }
    }

    func session(_ id: String = "tx-1", meter: Double = 1_000) -> ChargingSession {
        ChargingSession(id: id, socket: 1, idTag: nil, startedAt: t0, meterStart: WattHours(meter))
    }

    func sample(_ sessions: [ChargingSession], at seconds: Double, grid: ReadingQuality = .fresh) -> UplinkSample {
        UplinkSample(
            time: t0 + seconds, sessions: sessions, gridPower: Watts(5_000), gridEnergy: WattHours(123_456), gridQuality: grid,
            battery: BatteryState(
                soc: 55, capacity: 20_000, maxChargePower: 5_000, maxDischargePower: 5_000, power: Watts(-2_000), quality: .fresh),
            batterySetpoint: Watts(-2_000), mode: .normal)
    }

    @Test func aSessionIsStartedUpdatedAndEndedWithConsecutiveSeqNos() async throws {
        let journal = try await journal()
        journal.setOnline(true)
        var running = session()
        journal.record([.sessionStarted(running)])
        running.record(meter: 1_500, power: 7_000)
        journal.sample(sample([running], at: 5), uptime: .seconds(5))
        journal.sample(sample([running], at: 9), uptime: .seconds(9))  // inside the interval: nothing periodic
        journal.sample(sample([running], at: 15), uptime: .seconds(15))
        running.end(at: t0 + 20, reason: .evDisconnected)
        journal.record([.sessionEnded(running)])

        let events = try await written(journal).filter { $0.action == "TransactionEvent" }.map(\.payload)
        #expect(events.map { $0["eventType"]?.stringValue } == ["Started", "Updated", "Updated", "Ended"])
        #expect(events.map { $0["seqNo"] } == [0, 1, 2, 3].map { JSONValue.integer($0) })
        #expect(events.allSatisfy { $0["offline"] == nil })
        #expect(events[3]["transactionInfo"]?.objectValue?["stoppedReason"] == .string("EVDisconnected"))
        #expect(journal.openSessions.isEmpty)
        await journal.outbox.close()
    }

    @Test func eventsWhileOfflineCarryTheOfflineFlag() async throws {
        let journal = try await journal()
        journal.setOnline(false)
        journal.record([.sessionStarted(session())])
        journal.setOnline(true)
        journal.record([.statusChanged(1, .charging, at: t0 + 1)])
        let messages = try await written(journal)
        #expect(messages[0].action == "TransactionEvent" && messages[0].payload["offline"] == .bool(true))
        #expect(messages[1].action == "StatusNotification" && messages[1].payload["connectorStatus"] == .string("Occupied"))
        await journal.outbox.close()
    }

    @Test func aRestoredTransactionContinuesItsSeqNo() async throws {
        var running = session()
        running.record(meter: 2_000, power: 0)
        let journal = try await journal(restored: [OpenTransactionRecord(session: running, nextSeqNo: 7)])
        #expect(journal.openSessions.map(\.id) == ["tx-1"])
        running.end(at: t0 + 100, reason: .evDisconnected)
        journal.record([.sessionEnded(running)])
        let ended = try await written(journal).filter { $0.action == "TransactionEvent" }
        #expect(ended.map { $0.payload["seqNo"] } == [.integer(7)])
        await journal.outbox.close()
    }

    @Test func connectorStatusIsReportedOnlyWhenItChanges() async throws {
        let journal = try await journal()
        journal.record([
            .statusChanged(1, .preparing, at: t0), .statusChanged(1, .charging, at: t0 + 1), .statusChanged(1, .finishing, at: t0 + 2),
            .statusChanged(1, .available, at: t0 + 3),
        ])
        let statuses = try await written(journal).filter { $0.action == "StatusNotification" }.map(\.payload)
        #expect(statuses.map { $0["connectorStatus"]?.stringValue } == ["Occupied", "Available"])
        #expect(statuses[0]["customData"]?.objectValue?["socket"] == .string("1"))
        await journal.outbox.close()
    }

    @Test func gridMeterAndBatteryGoOutPeriodicallyAndFaultsAsNotifyEvents() async throws {
        let journal = try await journal()
        journal.sample(sample([], at: 0), uptime: .zero)
        journal.sample(sample([], at: 1, grid: .failed), uptime: .seconds(1))
        journal.sample(sample([], at: 2), uptime: .seconds(2))
        let messages = try await written(journal)
        #expect(messages.map(\.action) == ["MeterValues", "DataTransfer", "NotifyEvent", "NotifyEvent"])
        #expect(messages[0].payload["evseId"] == .integer(0))
        let telemetry = messages[1].payload["data"]?.objectValue
        #expect(telemetry?["power_w"] == .number(2_000), "positive = charging in the telemetry")
        #expect(telemetry?["soc_percent"] == .number(55))
        let problem = messages[2].payload["eventData"]?.arrayValue?.first?.objectValue
        #expect(problem?["actualValue"] == .string("true"))
        #expect(problem?["component"]?.objectValue?["name"] == .string("GridMeter"))
        await journal.outbox.close()
    }

    @Test func aFullOutboxTakesNoPeriodicUpdatesSoSeqNosStayWhole() async throws {
        let journal = try await journal(capacity: 1_000)
        journal.setOnline(true)
        let running = session()
        journal.record([.sessionStarted(running)])
        journal.outbox.stage((0..<1_000).map {
            .append(OutboxMessage(action: "Heartbeat", payload: "{}", kind: .notice, createdAt: t0 + Double($0)))
        })
        journal.sample(sample([running], at: 10), uptime: .seconds(10))
        var ended = running
        ended.end(at: t0 + 20, reason: .local)
        journal.record([.sessionEnded(ended)])
        let events = try await written(journal).filter { $0.action == "TransactionEvent" }.map(\.payload)
        #expect(events.map { $0["seqNo"] } == [.integer(0), .integer(1)], "Started and Ended, no gap")
        await journal.outbox.close()
    }
}
