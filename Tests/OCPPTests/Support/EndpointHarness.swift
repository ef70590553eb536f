import Foundation
import Logging
import OCPP
import StationTesting
import Testing

/// An endpoint of one version with a manual clock and a recorder of what it sends.
struct EndpointHarness<Version: OCPPProtocolVersion> {
    let clock = ManualClock()
    let wire = SentFrames()
    let endpoint: OCPPEndpoint<Version>

    init(configuration: OCPPEndpoint<Version>.Configuration = .init()) {
        var logger = Logger(label: "ocpp-test")
        logger.logLevel = .critical
        endpoint = OCPPEndpoint<Version>(configuration: configuration, clock: clock, logger: logger, send: wire.send)
    }

    /// Feeds `text` to the endpoint and returns the CALLERROR it answers with.
    func callError(answering text: String) async throws -> (id: String, error: OCPPCallError) {
        await endpoint.receive(text)
        let frame = try await wire.nextFrame()
        guard case .callError(let id, let error) = frame else {
            Issue.record("expected a CALLERROR, got \(frame)")
            return ("", OCPPCallError(.genericError))
        }
        return (id, error)
    }

    /// Feeds `text` to the endpoint and returns the CALLRESULT payload it answers with.
    func callResult(answering text: String, id: String) async throws -> JSONValue {
        await endpoint.receive(text)
        let frame = try await wire.nextFrame()
        guard case .callResult(let answeredID, let payload) = frame, answeredID == id else {
            Issue.record("expected the CALLRESULT for \(id), got \(frame)")
            return .null
        }
        return payload
    }

    /// Sends the CALL the endpoint just put on the wire its answer; returns that CALL's action and id.
    func answerNextCall(with payload: JSONValue) async throws -> (action: String, id: String) {
        guard case .call(let id, let action, _) = try await wire.nextFrame() else {
            Issue.record("expected a CALL")
            return ("", "")
        }
        await endpoint.receive(OCPPFrame.callResult(id: id, payload: payload).text)
        return (action, id)
    }
}

extension EndpointHarness where Version == OCPP16 {
    /// Registers the handlers a central system answering the corpus needs: Heartbeat, Authorize,
    /// StatusNotification.
    func handleCentralSystemCalls() async {
        await endpoint.on(OCPP16.HeartbeatRequest.self) { _ in OCPP16.HeartbeatResponse(currentTime: OCPPSamples.referenceTime) }
        await endpoint.on(OCPP16.AuthorizeRequest.self) { _ in
            OCPP16.AuthorizeResponse(idTagInfo: OCPP16.IdTagInfo(status: .accepted))
        }
        await endpoint.on(OCPP16.StatusNotificationRequest.self) { _ in OCPP16.StatusNotificationResponse() }
    }
}

extension EndpointHarness where Version == OCPP201 {
    /// Registers the handlers a CSMS answering the corpus needs: Heartbeat, Authorize, StatusNotification.
    func handleCentralSystemCalls() async {
        await endpoint.on(OCPP201.HeartbeatRequest.self) { _ in OCPP201.HeartbeatResponse(currentTime: OCPPSamples.referenceTime) }
        await endpoint.on(OCPP201.AuthorizeRequest.self) { _ in
            OCPP201.AuthorizeResponse(idTokenInfo: OCPP201.IdTokenInfo(status: .accepted))
        }
        await endpoint.on(OCPP201.StatusNotificationRequest.self) { _ in OCPP201.StatusNotificationResponse() }
    }
}
