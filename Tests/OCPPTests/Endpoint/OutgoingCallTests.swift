import Foundation
import Logging
import Synchronization
import OCPP
import StationTesting
import Testing

/// Outgoing calls: one on the wire at a time, a FIFO queue behind it, timeouts on the manual clock.
@Suite(.timeLimit(.minutes(1)))
struct OutgoingCallTests {
    typealias Heartbeat = OCPP201.HeartbeatRequest
    static let heartbeatAnswer: JSONValue = ["currentTime": "2027-01-15T08:00:00Z"]

    @Test func callReturnsTheTypedResponse() async throws {
        let harness = EndpointHarness<OCPP16>()
        async let response = harness.endpoint.call(
            OCPP16.BootNotificationRequest(chargePointVendor: "Stationmaster", chargePointModel: "SM-AC22"))
        guard case .call(let id, let action, let payload) = try await harness.wire.nextFrame() else {
            Issue.record("expected a CALL")
            return
        }
        #expect(action == "BootNotification")
        #expect(payload == ["chargePointVendor": "Stationmaster", "chargePointModel": "SM-AC22"])
        #expect(id.count == 36)
        await harness.endpoint.receive(
            #"[3,""# + id + #"",{"status":"Accepted","currentTime":"2027-01-15T08:00:00.5Z","interval":300}]"#)
        let answer = try await response
        #expect(answer.status == .accepted)
        #expect(answer.interval == 300)
        #expect(answer.currentTime == ManualClock.wallTimeOrigin.addingTimeInterval(0.5))
    }

    @Test func secondCallWaitsUntilTheFirstIsAnswered() async throws {
        let harness = EndpointHarness<OCPP201>()
        async let first = harness.endpoint.call(Heartbeat())
        guard case .call(let firstID, _, _) = try await harness.wire.nextFrame() else { return }
        async let second = harness.endpoint.call(
            OCPP201.StatusNotificationRequest(
                timestamp: OCPPSamples.referenceTime, connectorStatus: .available, evseId: 1, connectorId: 1))
        // The second call is queued, not sent, while the first is outstanding.
        try await waitUntil { await harness.endpoint.pendingCallCount == 2 }
        #expect(await harness.wire.unread.isEmpty)

        await harness.endpoint.receive(OCPPFrame.callResult(id: firstID, payload: Self.heartbeatAnswer).text)
        _ = try await first
        let (action, secondID) = try await harness.answerNextCall(with: [:])
        #expect(action == "StatusNotification")
        #expect(secondID != firstID)
        _ = try await second
        #expect(await harness.endpoint.pendingCallCount == 0)
    }

    @Test func unansweredCallTimesOutAndTheQueueMovesOn() async throws {
        let harness = EndpointHarness<OCPP201>(configuration: .init(callTimeout: .seconds(10)))
        let first = Task { try await harness.endpoint.call(Heartbeat()) }
        guard case .call(let firstID, _, _) = try await harness.wire.nextFrame() else { return }
        let second = Task { try await harness.endpoint.call(Heartbeat()) }
        try await waitUntil { await harness.endpoint.pendingCallCount == 2 }

        try await harness.clock.waitForSleepers(count: 1)
        harness.clock.advance(by: .seconds(9))
        #expect(await harness.endpoint.pendingCallCount == 2)
        harness.clock.advance(by: .seconds(1))
        await #expect(throws: OCPPError.self) { try await first.value }
        if case .failure(let error) = await first.result, let error = error as? OCPPError {
            guard case .timeout(let action, let after) = error else {
                Issue.record("expected a timeout, got \(error)")
                return
            }
            #expect(action == "Heartbeat")
            #expect(after == .seconds(10))
        }

        // The second call goes out; a late answer to the first is dropped and does not complete it.
        guard case .call(let secondID, _, _) = try await harness.wire.nextFrame() else { return }
        await harness.endpoint.receive(OCPPFrame.callResult(id: firstID, payload: Self.heartbeatAnswer).text)
        #expect(await harness.endpoint.pendingCallCount == 1)
        await harness.endpoint.receive(OCPPFrame.callResult(id: secondID, payload: Self.heartbeatAnswer).text)
        #expect(try await second.value.currentTime == OCPPDateTime.parse("2027-01-15T08:00:00Z"))
    }

    @Test func answersArriveOutOfOrderOrForUnknownIdsAndAreDropped() async throws {
        let harness = EndpointHarness<OCPP16>()
        async let response = harness.endpoint.call(OCPP16.HeartbeatRequest())
        guard case .call(let id, _, _) = try await harness.wire.nextFrame() else { return }
        await harness.endpoint.receive(#"[3,"not-ours",{"currentTime":"2027-01-15T08:00:00Z"}]"#)
        await harness.endpoint.receive(#"[4,"also-not-ours","InternalError","",{}]"#)
        #expect(await harness.endpoint.pendingCallCount == 1)
        await harness.endpoint.receive(#"[3,""# + id + #"",{"currentTime":"2027-01-15T09:30:00Z"}]"#)
        #expect(try await response.currentTime == OCPPDateTime.parse("2027-01-15T09:30:00Z"))
        #expect(await harness.wire.unread.isEmpty)
    }

    @Test func callErrorReachesTheCaller() async throws {
        let harness = EndpointHarness<OCPP16>()
        async let response = harness.endpoint.call(OCPP16.ResetRequest(type: .hard))
        guard case .call(let id, _, _) = try await harness.wire.nextFrame() else { return }
        await harness.endpoint.receive(#"[4,""# + id + #"","NotSupported","no resets today",{"hint":"later"}]"#)
        do {
            _ = try await response
            Issue.record("expected a CALLERROR")
        } catch let error as OCPPError {
            guard case .callError(let callError) = error else {
                Issue.record("expected a CALLERROR, got \(error)")
                return
            }
            #expect(callError == OCPPCallError(.notSupported, "no resets today", details: ["hint": "later"]))
        }
    }

    @Test func answerThatBreaksTheResponseSchemaFailsTheCall() async throws {
        let harness = EndpointHarness<OCPP201>()
        async let response = harness.endpoint.call(Heartbeat())
        guard case .call(let id, _, _) = try await harness.wire.nextFrame() else { return }
        await harness.endpoint.receive(#"[3,""# + id + #"",{"currentTime":"soon"}]"#)
        do {
            _ = try await response
            Issue.record("expected an invalid response")
        } catch let error as OCPPError {
            guard case .invalidResponse(let violation) = error else {
                Issue.record("expected an invalid response, got \(error)")
                return
            }
            #expect(violation.fault == .invalidValue)
            #expect(violation.path == "currentTime")
        }
    }

    @Test func malformedAnswerToTheOutstandingCallFailsItWithoutReply() async throws {
        let harness = EndpointHarness<OCPP201>()
        async let response = harness.endpoint.call(Heartbeat())
        guard case .call(let id, _, _) = try await harness.wire.nextFrame() else { return }
        await harness.endpoint.receive(#"[3,""# + id + #""]"#)
        do {
            _ = try await response
            Issue.record("expected a malformed response")
        } catch let error as OCPPError {
            guard case .malformedResponse = error else {
                Issue.record("expected a malformed response, got \(error)")
                return
            }
        }
        #expect(await harness.wire.unread.isEmpty)
    }

    @Test func requestThatBreaksItsSchemaIsNotSent() async throws {
        let harness = EndpointHarness<OCPP16>()
        do {
            _ = try await harness.endpoint.call(OCPP16.AuthorizeRequest(idTag: "123456789012345678901"))
            Issue.record("expected an invalid request")
        } catch {
            guard case .invalidRequest(let violation) = error else {
                Issue.record("expected an invalid request, got \(error)")
                return
            }
            #expect(violation == PayloadViolation(.invalidValue, at: "idTag", "longer than 20 characters"))
        }
        #expect(await harness.wire.total == 0)
        #expect(await harness.endpoint.pendingCallCount == 0)
    }

    @Test func sendFailureFailsTheCallAndTheNextOneStillGoesOut() async throws {
        let wire = SentFrames()
        let failures = FailingSends(count: 1)
        var logger = Logger(label: "ocpp-test")
        logger.logLevel = .critical
        let endpoint = OCPP201Endpoint(clock: ManualClock(), logger: logger) { text in
            try failures.check()
            try await wire.send(text)
        }
        do {
            _ = try await endpoint.call(Heartbeat())
            Issue.record("expected a transport error")
        } catch {
            guard case .transport = error else {
                Issue.record("expected a transport error, got \(error)")
                return
            }
        }
        async let second = endpoint.call(Heartbeat())
        guard case .call(let id, _, _) = try await wire.nextFrame() else { return }
        await endpoint.receive(OCPPFrame.callResult(id: id, payload: Self.heartbeatAnswer).text)
        _ = try await second
    }

    @Test func closingFailsTheOutstandingAndQueuedCalls() async throws {
        let harness = EndpointHarness<OCPP201>()
        let first = Task { try await harness.endpoint.call(Heartbeat()) }
        _ = try await harness.wire.nextFrame()
        let second = Task { try await harness.endpoint.call(Heartbeat()) }
        try await waitUntil { await harness.endpoint.pendingCallCount == 2 }
        await harness.endpoint.close()
        for task in [first, second] {
            guard case .failure(let error) = await task.result, case .closed? = error as? OCPPError else {
                Issue.record("expected the call to fail as closed")
                continue
            }
        }
        await #expect(throws: OCPPError.self) { try await harness.endpoint.call(Heartbeat()) }
        await harness.endpoint.receive(#"[2,"late","Heartbeat",{}]"#)
        #expect(await harness.wire.unread.isEmpty)
        #expect(await harness.endpoint.isClosed)
    }

    @Test func cancellingAQueuedCallWithdrawsIt() async throws {
        let harness = EndpointHarness<OCPP201>()
        let first = Task { try await harness.endpoint.call(Heartbeat()) }
        guard case .call(let firstID, _, _) = try await harness.wire.nextFrame() else { return }
        let second = Task { try await harness.endpoint.call(Heartbeat()) }
        try await waitUntil { await harness.endpoint.pendingCallCount == 2 }
        second.cancel()
        guard case .failure(let error) = await second.result, case .cancelled? = error as? OCPPError else {
            Issue.record("expected the queued call to be cancelled")
            return
        }
        #expect(await harness.endpoint.pendingCallCount == 1)
        await harness.endpoint.receive(OCPPFrame.callResult(id: firstID, payload: Self.heartbeatAnswer).text)
        _ = try await first.value
        #expect(await harness.endpoint.pendingCallCount == 0)
        #expect(await harness.wire.unread.isEmpty)
    }

    @Test func messageIDsAreDistinctUUIDs() async throws {
        let harness = EndpointHarness<OCPP16>()
        var ids: Set<String> = []
        for _ in 0..<20 {
            async let response = harness.endpoint.call(OCPP16.HeartbeatRequest())
            let (_, id) = try await harness.answerNextCall(with: ["currentTime": "2027-01-15T08:00:00Z"])
            _ = try await response
            #expect(id.count == 36)
            #expect(UUID(uuidString: id) != nil)
            ids.insert(id)
        }
        #expect(ids.count == 20)
    }
}

/// Fails the first `count` sends.
final class FailingSends: Sendable {
    struct TransportDown: Error {}
    private let remaining: Mutex<Int>

    init(count: Int) {
        remaining = Mutex(count)
    }

    func check() throws {
        let fail = remaining.withLock { remaining in
            defer { remaining -= 1 }
            return remaining > 0
        }
        if fail { throw TransportDown() }
    }
}

/// Yields until `condition` holds (the suite's time limit bounds it); no clock involved.
func waitUntil(_ condition: @Sendable () async -> Bool) async throws {
    while !(await condition()) {
        try Task.checkCancellation()
        await Task.yield()
    }
}
