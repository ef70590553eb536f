import Foundation
import OCPP
import StationTesting
import Testing

/// Incoming calls: typed handlers, answers in arrival order, and the CALLERRORs for what is not handled.
@Suite(.timeLimit(.minutes(1)))
struct IncomingCallTests {
    @Test func handlerReceivesTheTypedRequestAndItsResponseIsSent() async throws {
        let harness = EndpointHarness<OCPP16>()
        let seen = Recorder<OCPP16.StartTransactionRequest>()
        await harness.endpoint.on(OCPP16.StartTransactionRequest.self) { request in
            await seen.record(request)
            return OCPP16.StartTransactionResponse(idTagInfo: OCPP16.IdTagInfo(status: .accepted), transactionId: 4711)
        }
        let payload = try await harness.callResult(
            answering: #"[2,"s1","StartTransaction",{"connectorId":2,"idTag":"04A2B3","meterStart":1204530,"#
                + #""timestamp":"2027-01-15T08:00:00.123+01:00"}]"#,
            id: "s1")
        #expect(payload == ["idTagInfo": ["status": "Accepted"], "transactionId": 4711])
        let request = try #require(await seen.values.first)
        #expect(request.connectorId == 2)
        #expect(request.meterStart == 1_204_530)
        #expect(request.timestamp == OCPPDateTime.parse("2027-01-15T07:00:00.123Z"))
    }

    @Test func callsAreAnsweredInArrivalOrderEvenWhenTheFirstHandlerIsSlow() async throws {
        let harness = EndpointHarness<OCPP201>()
        let clock = harness.clock
        await harness.endpoint.on(OCPP201.ResetRequest.self) { _ in
            try await clock.sleep(for: .seconds(5))
            return OCPP201.ResetResponse(status: .scheduled)
        }
        await harness.endpoint.on(OCPP201.HeartbeatRequest.self) { _ in
            OCPP201.HeartbeatResponse(currentTime: OCPPSamples.referenceTime)
        }
        await harness.endpoint.receive(#"[2,"slow","Reset",{"type":"OnIdle"}]"#)
        await harness.endpoint.receive(#"[2,"fast","Heartbeat",{}]"#)
        try await clock.waitForSleepers(count: 1)
        #expect(await harness.wire.unread.isEmpty)
        clock.advance(by: .seconds(5))
        #expect(try await harness.wire.nextFrame() == .callResult(id: "slow", payload: ["status": "Scheduled"]))
        guard case .callResult(let id, _) = try await harness.wire.nextFrame() else {
            Issue.record("expected the Heartbeat result")
            return
        }
        #expect(id == "fast")
    }

    @Test func unknownActionIsNotImplementedAndSpecifiedOneWithoutHandlerIsNotSupported() async throws {
        let harness16 = EndpointHarness<OCPP16>()
        let harness201 = EndpointHarness<OCPP201>()
        // Specified in the version but not handled here.
        #expect(try await harness16.callError(answering: #"[2,"1","GetDiagnostics",{}]"#).error.code == .notSupported)
        #expect(try await harness201.callError(answering: #"[2,"1","GetBaseReport",{}]"#).error.code == .notSupported)
        // A 2.0.1 action is unknown to 1.6 and the other way round.
        #expect(try await harness16.callError(answering: #"[2,"2","GetBaseReport",{}]"#).error.code == .notImplemented)
        #expect(try await harness201.callError(answering: #"[2,"2","GetDiagnostics",{}]"#).error.code == .notImplemented)
        #expect(try await harness201.callError(answering: #"[2,"3","Fly",{}]"#).error.code == .notImplemented)
        // A typed action without a handler is as unsupported as any other.
        #expect(try await harness201.callError(answering: #"[2,"4","Heartbeat",{}]"#).error.code == .notSupported)
    }

    @Test func failingHandlerIsAnsweredInternalError() async throws {
        struct Broken: Error {}
        let harness = EndpointHarness<OCPP16>()
        await harness.endpoint.on(OCPP16.HeartbeatRequest.self) { _ in throw Broken() }
        let (id, error) = try await harness.callError(answering: #"[2,"h1","Heartbeat",{}]"#)
        #expect(id == "h1")
        #expect(error.code == .internalError)
        #expect(error.errorDescription == "Heartbeat failed")
    }

    @Test func handlerChoosesItsCallErrorInTheVersionsSpelling() async throws {
        let harness16 = EndpointHarness<OCPP16>()
        await harness16.endpoint.on(OCPP16.DataTransferRequest.self) { _ in
            throw OCPPCallError(.formatViolation, "data is not JSON", details: ["field": "data"])
        }
        let (_, error16) = try await harness16.callError(answering: #"[2,"d1","DataTransfer",{"vendorId":"x","data":"{"}]"#)
        #expect(error16 == OCPPCallError(.formationViolation, "data is not JSON", details: ["field": "data"]))

        let harness201 = EndpointHarness<OCPP201>()
        await harness201.endpoint.on(OCPP201.DataTransferRequest.self) { _ in
            throw OCPPCallError(.occurenceConstraintViolation, "no data")
        }
        let (_, error201) = try await harness201.callError(answering: #"[2,"d1","DataTransfer",{"vendorId":"x"}]"#)
        #expect(error201.code == .occurrenceConstraintViolation)
    }

    @Test func responseThatBreaksItsSchemaIsAnsweredInternalError() async throws {
        let harness = EndpointHarness<OCPP201>()
        await harness.endpoint.on(OCPP201.RequestStartTransactionRequest.self) { _ in
            OCPP201.RequestStartTransactionResponse(status: .accepted, transactionId: String(repeating: "t", count: 40))
        }
        let (_, error) = try await harness.callError(
            answering: #"[2,"r1","RequestStartTransaction",{"idToken":{"idToken":"A1","type":"Central"},"remoteStartId":1}]"#)
        #expect(error.code == .internalError)
    }

    @Test func handlerCanCallThePeerBeforeItAnswers() async throws {
        let harness = EndpointHarness<OCPP16>()
        let endpoint = harness.endpoint
        await endpoint.on(OCPP16.RemoteStartTransactionRequest.self) { request in
            // A charge point reports Preparing before it accepts the remote start.
            _ = try await endpoint.call(
                OCPP16.StatusNotificationRequest(connectorId: request.connectorId ?? 1, errorCode: .noError, status: .preparing))
            return OCPP16.RemoteStartTransactionResponse(status: .accepted)
        }
        await endpoint.receive(#"[2,"rs","RemoteStartTransaction",{"connectorId":1,"idTag":"04A2B3"}]"#)
        let (action, _) = try await harness.answerNextCall(with: [:])
        #expect(action == "StatusNotification")
        #expect(try await harness.wire.nextFrame() == .callResult(id: "rs", payload: ["status": "Accepted"]))
    }

    @Test func unknownPropertiesAreIgnoredWhenConfiguredSo() async throws {
        let harness = EndpointHarness<OCPP201>(configuration: .init(rejectsUnknownProperties: false))
        await harness.endpoint.on(OCPP201.HeartbeatRequest.self) { _ in
            OCPP201.HeartbeatResponse(currentTime: OCPPSamples.referenceTime)
        }
        let payload = try await harness.callResult(answering: #"[2,"x","Heartbeat",{"vendorThing":1}]"#, id: "x")
        #expect(payload == ["currentTime": "2027-01-15T08:00:00.250Z"])
    }

    @Test func longErrorDescriptionsAreCutTo255Characters() async throws {
        let harness = EndpointHarness<OCPP201>()
        await harness.endpoint.on(OCPP201.HeartbeatRequest.self) { _ in
            throw OCPPCallError(.genericError, String(repeating: "e", count: 1_000))
        }
        let (_, error) = try await harness.callError(answering: #"[2,"x","Heartbeat",{}]"#)
        #expect(error.errorDescription.count == 255)
    }
}

/// Collects values from handlers.
actor Recorder<Value: Sendable> {
    private(set) var values: [Value] = []

    func record(_ value: Value) {
        values.append(value)
    }
}
