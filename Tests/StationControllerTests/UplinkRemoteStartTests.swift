import Foundation
import Logging
import OCPP
import StationCore
import Testing

@testable import StationController

/// A transaction the CSMS asked for (RequestStartTransaction) is reported with trigger reason RemoteStart and the
/// request's remoteStartId, so the CSMS can tie it to its request; a local start is not.
@Suite struct UplinkRemoteStartTests {
    func commands(_ h: ControllerHarness) async throws -> UplinkCommands {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("remote-start-\(UUID().uuidString).sqlite").path
        let journal = UplinkJournal(outbox: try await Outbox.open(path: path, capacity: 10_000), meterInterval: .seconds(60), restored: [])
        journal.setOnline(true)
        await h.controller.attach(journal)
        return UplinkCommands(
            controller: h.controller, journal: journal, logger: Logger(label: "test"), heartbeat: HeartbeatTrigger(),
            restart: StationRestart())
    }

    func startedEvents(_ journal: UplinkJournal) async throws -> [Int: [String: JSONValue]] {
        try await journal.outbox.flush()
        var started: [Int: [String: JSONValue]] = [:]
        for entry in try await journal.outbox.pending(limit: 10_000) where entry.message.action == "TransactionEvent" {
            let payload = try JSONValue(parsing: entry.message.payload).objectValue ?? [:]
            guard payload["eventType"] == .string("Started"), case .integer(let evse) = payload["evse"]?.objectValue?["id"] else { continue }
            started[evse] = payload
        }
        return started
    }

    func request(evse: Int, remoteStartId: Int) -> OCPP201.RequestStartTransactionRequest {
        OCPP201.RequestStartTransactionRequest(
            evseId: evse, idToken: .init(idToken: "EMSP-TOKEN-1", type: .eMAID), remoteStartId: remoteStartId)
    }

    @Test func aRemoteStartBeforePlugInIsReportedWithItsRemoteStartIdAndALocalStartIsNot() async throws {
        let h = try ControllerHarness()
        let commands = try await commands(h)
        await h.cycle()
        let answer = await commands.start(request(evse: 1, remoteStartId: 42))
        #expect(answer.status == .accepted)
        h.evse[1]!.set("cp_state", 66)  // the driver plugs in after the eMSP's start
        h.evse[2]!.set("cp_state", 66)  // another car, started locally (free vend)
        await h.cycle()
        await h.controller.flushJournal()

        let started = try await startedEvents(commands.journal)
        let remote = try #require(started[1])
        #expect(remote["triggerReason"] == .string("RemoteStart"))
        #expect(remote["transactionInfo"]?.objectValue?["remoteStartId"] == .integer(42))
        #expect(remote["idToken"]?.objectValue?["idToken"] == .string("EMSP-TOKEN-1"))
        let local = try #require(started[2])
        #expect(local["triggerReason"] == .string("CablePluggedIn"))
        #expect(local["transactionInfo"]?.objectValue?["remoteStartId"] == nil)
        await commands.journal.outbox.close()
        await h.stop()
    }

    @Test func aRemoteStartWithTheVehicleWaitingStartsAtOnceWithItsRemoteStartId() async throws {
        let h = try ControllerHarness()
        let commands = try await commands(h)
        await h.cycle()
        // A reservation keeps the plugged-in car from a free-vend session until its token comes.
        let expiry = h.clock.wallTime.addingTimeInterval(3_600)
        _ = try await h.controller.reserve(1, idTag: "EMSP-TOKEN-1", expiresAt: expiry)
        h.evse[1]!.set("cp_state", 66)
        await h.cycle()
        #expect(await h.controller.station.sockets[1]?.session == nil)

        let answer = await commands.start(request(evse: 1, remoteStartId: 43))
        #expect(answer.status == .accepted && answer.transactionId != nil)
        let remote = try #require(try await startedEvents(commands.journal)[1])
        #expect(remote["triggerReason"] == .string("RemoteStart"))
        #expect(remote["transactionInfo"]?.objectValue?["remoteStartId"] == .integer(43))
        await commands.journal.outbox.close()
        await h.stop()
    }

    @Test func aRemoteStartThatTimedOutDoesNotMarkALaterSessionOfTheSameToken() async throws {
        let h = try ControllerHarness()
        let commands = try await commands(h)
        await h.cycle()
        #expect(await commands.start(request(evse: 1, remoteStartId: 44)).status == .accepted)
        // Nobody plugs in; much later the same token starts a session on the socket from the local API.
        h.clock.advance(by: .seconds(3_600))
        await h.cycle()
        try await h.controller.remoteStart(1, idTag: "EMSP-TOKEN-1", authorizedCentrally: true)
        h.evse[1]!.set("cp_state", 66)
        await h.cycle()
        await h.controller.flushJournal()
        let started = try #require(try await startedEvents(commands.journal)[1])
        #expect(started["triggerReason"] == .string("Authorized"))
        #expect(started["transactionInfo"]?.objectValue?["remoteStartId"] == nil)
        await commands.journal.outbox.close()
        await h.stop()
    }
}
