import Foundation
import OCPP
import StationTesting
import Synchronization
import Testing

/// Calls answered at once by `triage(_:)`, on the transport's thread, and what is left for `receive(_:)`.
@Suite(.timeLimit(.minutes(1)))
struct ImmediateAnswerTests {
    static let meterValues =
        #"[2,"m1","MeterValues",{"connectorId":1,"meterValue":[{"timestamp":"2027-01-15T08:00:00Z","#
        + #""sampledValue":[{"value":"7360","measurand":"Power.Active.Import","unit":"W"}]}]}]"#

    @Test func callWithAnImmediateHandlerIsAnsweredWithoutTheEndpoint() throws {
        let harness = EndpointHarness<OCPP16>()
        let seen = Mutex<[OCPP16.MeterValuesRequest]>([])
        harness.endpoint.onImmediate(OCPP16.MeterValuesRequest.self) { request in
            seen.withLock { $0.append(request) }
            return .init()
        }
        guard case .answered(let answer) = harness.endpoint.triage(Self.meterValues) else {
            Issue.record("MeterValues was not answered at once")
            return
        }
        #expect(try OCPPFrame.parse(answer) == .callResult(id: "m1", payload: [:]))
        let request = try #require(seen.withLock { $0.first })
        #expect(request.connectorId == 1)
        #expect(request.meterValues.first?.sampledValues.first?.measurand == .powerActiveImport)
    }

    @Test func violationsAndHandlerErrorsAreAnsweredAtOnceWithTheVersionsCodes() throws {
        let harness16 = EndpointHarness<OCPP16>()
        harness16.endpoint.onImmediate(OCPP16.HeartbeatRequest.self) { _ in .init(currentTime: OCPPSamples.referenceTime) }
        guard case .answered(let unknownProperty) = harness16.endpoint.triage(#"[2,"h1","Heartbeat",{"extra":1}]"#) else {
            Issue.record("the violation was not answered at once")
            return
        }
        guard case .callError(_, let error16) = try OCPPFrame.parse(unknownProperty) else {
            Issue.record("expected a CALLERROR, got \(unknownProperty)")
            return
        }
        #expect(error16.code == .formationViolation)

        let harness201 = EndpointHarness<OCPP201>()
        harness201.endpoint.onImmediate(OCPP201.HeartbeatRequest.self) { _ in
            throw OCPPCallError(.securityError, "not now")
        }
        guard case .answered(let refused) = harness201.endpoint.triage(#"[2,"h2","Heartbeat",{}]"#),
              case .callError(let id, let error201) = try OCPPFrame.parse(refused)
        else {
            Issue.record("the handler's error was not answered at once")
            return
        }
        #expect(id == "h2")
        #expect(error201.code == .securityError)
        #expect(error201.errorDescription == "not now")
    }

    @Test func otherFramesAreLeftForTheEndpointWhichAnswersThemInOrder() async throws {
        let harness = EndpointHarness<OCPP16>()
        harness.endpoint.onImmediate(OCPP16.HeartbeatRequest.self) { _ in .init(currentTime: OCPPSamples.referenceTime) }
        await harness.endpoint.on(OCPP16.AuthorizeRequest.self) { _ in .init(idTagInfo: .init(status: .accepted)) }
        for text in [#"[2,"a1","Authorize",{"idTag":"04A2B3"}]"#, #"not json"#, #"[3,"nobody",{}]"#, #"[2,"x1","Fly",{}]"#] {
            guard case .forEndpoint(let frame) = harness.endpoint.triage(text) else {
                Issue.record("\(text) was answered at once")
                continue
            }
            await harness.endpoint.receive(frame)
        }
        #expect(try await harness.wire.nextFrame() == .callResult(id: "a1", payload: ["idTagInfo": ["status": "Accepted"]]))
        guard case .callError(let id, let error) = try await harness.wire.nextFrame() else {
            Issue.record("expected the CALLERROR for the unknown action")
            return
        }
        #expect(id == "x1")
        #expect(error.code == .notImplemented)
    }

    @Test func anImmediateHandlerAlsoAnswersOnTheOrdinaryPathAndTakesPrecedence() async throws {
        let harness = EndpointHarness<OCPP16>()
        await harness.endpoint.on(OCPP16.HeartbeatRequest.self) { _ in
            .init(currentTime: OCPPSamples.referenceTime.addingTimeInterval(60))
        }
        harness.endpoint.onImmediate(OCPP16.HeartbeatRequest.self) { _ in .init(currentTime: OCPPSamples.referenceTime) }
        await harness.endpoint.receive(#"[2,"h1","Heartbeat",{}]"#)
        guard case .callResult(_, let payload) = try await harness.wire.nextFrame() else {
            Issue.record("expected the Heartbeat result")
            return
        }
        #expect(payload == ["currentTime": .string(OCPPDateTime.format(OCPPSamples.referenceTime))])
    }
}
