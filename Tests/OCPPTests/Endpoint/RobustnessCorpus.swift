import OCPP
import Testing

/// One hostile or broken frame, and what each version must answer (nil: drop it silently).
struct CorpusCase: Sendable, CustomTestStringConvertible {
    let name: String
    let frame16: String
    let frame201: String
    let code16: OCPPErrorCode?
    let code201: OCPPErrorCode?
    /// The message id the CALLERROR must carry.
    let id: String?

    init(_ name: String, _ frame: String, _ code16: OCPPErrorCode?, _ code201: OCPPErrorCode?, id: String? = nil) {
        self.init(name, frame16: frame, frame201: frame, code16, code201, id: id)
    }

    init(
        _ name: String, frame16: String, frame201: String, _ code16: OCPPErrorCode?, _ code201: OCPPErrorCode?,
        id: String? = nil
    ) {
        self.name = name
        self.frame16 = frame16
        self.frame201 = frame201
        self.code16 = code16
        self.code201 = code201
        self.id = id
    }

    var testDescription: String { name }

    static let longID = String(repeating: "a", count: 37)
    static let megabyte = String(repeating: "x", count: 1_048_576)
    static let deepPayload = "{\"a\":" + String(repeating: "[", count: 100) + String(repeating: "]", count: 100) + "}"
    static let time = "2027-01-15T08:00:00Z"

    static let all: [CorpusCase] = [
        // Not frames at all: nothing to answer.
        CorpusCase("not JSON", "hello, charger", nil, nil),
        CorpusCase("empty text", "", nil, nil),
        CorpusCase("JSON object", #"{"messageTypeId":2,"id":"x"}"#, nil, nil),
        CorpusCase("JSON number", "2", nil, nil),
        CorpusCase("empty array", "[]", nil, nil),
        CorpusCase("type only", "[2]", nil, nil),
        CorpusCase("id not a string", #"[2,17,"Heartbeat",{}]"#, nil, nil),
        CorpusCase("truncated before the id", #"[2,"#, nil, nil),
        // Broken frames with a readable id.
        CorpusCase("type is a string", #"["2","f1","Heartbeat",{}]"#, .formationViolation, .rpcFrameworkError, id: "f1"),
        CorpusCase("type is a float", #"[2.0,"f2","Heartbeat",{}]"#, .formationViolation, .rpcFrameworkError, id: "f2"),
        CorpusCase("CALL without payload", #"[2,"f3","Heartbeat"]"#, .formationViolation, .rpcFrameworkError, id: "f3"),
        CorpusCase("CALL with a fifth element", #"[2,"f4","Heartbeat",{},{}]"#, .formationViolation, .rpcFrameworkError, id: "f4"),
        CorpusCase("action not a string", #"[2,"f5",42,{}]"#, .formationViolation, .rpcFrameworkError, id: "f5"),
        CorpusCase("payload is an array", #"[2,"f6","Heartbeat",[]]"#, .formationViolation, .formatViolation, id: "f6"),
        CorpusCase("payload is a string", #"[2,"f7","Heartbeat","{}"]"#, .formationViolation, .formatViolation, id: "f7"),
        CorpusCase("payload is null", #"[2,"f8","Heartbeat",null]"#, .formationViolation, .formatViolation, id: "f8"),
        CorpusCase("JSON breaks in the payload", #"[2,"f9","Heartbeat",{"a":"#, .formationViolation, .formatViolation, id: "f9"),
        CorpusCase("JSON breaks in the action", #"[2,"f10","Heart"#, .formationViolation, .rpcFrameworkError, id: "f10"),
        CorpusCase("payload nested too deep", #"[2,"f11","Heartbeat","# + deepPayload + "]", .formationViolation, .formatViolation, id: "f11"),
        CorpusCase("lone surrogate in the payload", #"[2,"f12","DataTransfer",{"vendorId":"\ud800"}]"#, .formationViolation, .formatViolation, id: "f12"),
        CorpusCase("message id of 37 characters", #"[2,""# + longID + #"","Heartbeat",{}]"#, .formationViolation, .rpcFrameworkError, id: longID),
        CorpusCase("empty message id", #"[2,"","Heartbeat",{}]"#, .formationViolation, .rpcFrameworkError, id: ""),
        CorpusCase("frame of 1 MB", #"[2,"f13","DataTransfer",{"vendorId":"x","data":""# + megabyte + #""}]"#, .formationViolation, .formatViolation, id: "f13"),
        // Message types other than 2, 3, 4 (OCPP 2.1's 5 and 6 included).
        CorpusCase("message type 9", #"[9,"t1","Heartbeat",{}]"#, .formationViolation, .messageTypeNotSupported, id: "t1"),
        CorpusCase("CALLRESULTERROR (2.1)", #"[5,"t2","GenericError","late",{}]"#, .formationViolation, .messageTypeNotSupported, id: "t2"),
        CorpusCase("SEND (2.1)", #"[6,"t3","NotifyPeriodicEventStream",{}]"#, .formationViolation, .messageTypeNotSupported, id: "t3"),
        CorpusCase("message type 0", #"[0,"t4"]"#, .formationViolation, .messageTypeNotSupported, id: "t4"),
        // Actions.
        CorpusCase("unknown action", #"[2,"a1","BrewCoffee",{}]"#, .notImplemented, .notImplemented, id: "a1"),
        CorpusCase("specified action without a handler", #"[2,"a2","Reset",{"type":"Hard"}]"#, .notSupported, .notSupported, id: "a2"),
        // Answers nobody waits for: dropped.
        CorpusCase("CALLRESULT for an unknown id", #"[3,"nobody",{}]"#, nil, nil),
        CorpusCase("CALLERROR for an unknown id", #"[4,"nobody","InternalError","oops",{}]"#, nil, nil),
        CorpusCase("malformed CALLRESULT", #"[3,"nobody"]"#, nil, nil),
        CorpusCase("malformed CALLERROR", #"[4,"nobody",7]"#, nil, nil),
        // Payloads that break the schema.
        CorpusCase("missing required property", #"[2,"p1","Authorize",{}]"#, .occurenceConstraintViolation, .occurrenceConstraintViolation, id: "p1"),
        CorpusCase(
            "wrong JSON type", frame16: #"[2,"p2","Authorize",{"idTag":5}]"#,
            frame201: #"[2,"p2","Authorize",{"idToken":"04A2B3"}]"#, .typeConstraintViolation, .typeConstraintViolation, id: "p2"),
        CorpusCase(
            "null for a property", frame16: #"[2,"p3","Authorize",{"idTag":null}]"#,
            frame201: #"[2,"p3","Authorize",{"idToken":{"idToken":"04A2B3","type":null}}]"#,
            .typeConstraintViolation, .typeConstraintViolation, id: "p3"),
        CorpusCase(
            "value not in the enumeration",
            frame16: #"[2,"p4","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Sleeping"}]"#,
            frame201: #"[2,"p4","StatusNotification",{"timestamp":""# + time + #"","connectorStatus":"Sleeping","evseId":1,"connectorId":1}]"#,
            .propertyConstraintViolation, .propertyConstraintViolation, id: "p4"),
        CorpusCase(
            "string over its maxLength",
            frame16: #"[2,"p5","Authorize",{"idTag":"123456789012345678901"}]"#,
            frame201: #"[2,"p5","Authorize",{"idToken":{"idToken":""# + longID + #"","type":"Central"}}]"#,
            .propertyConstraintViolation, .propertyConstraintViolation, id: "p5"),
        CorpusCase(
            "not a date-time",
            frame16: #"[2,"p6","StatusNotification",{"connectorId":1,"errorCode":"NoError","status":"Available","timestamp":"yesterday"}]"#,
            frame201: #"[2,"p6","StatusNotification",{"timestamp":"2027-01-15 08:00","connectorStatus":"Available","evseId":1,"connectorId":1}]"#,
            .propertyConstraintViolation, .propertyConstraintViolation, id: "p6"),
        CorpusCase("property the schema does not define", #"[2,"p7","Heartbeat",{"extra":true}]"#, .formationViolation, .protocolError, id: "p7"),
    ]
}

/// Every frame of the corpus gets its CALLERROR (exact code per version) or is dropped, and the endpoint
/// answers the next valid call as if nothing had happened.
@Suite(.timeLimit(.minutes(1)))
struct RobustnessCorpus {
    @Test(arguments: CorpusCase.all)
    func ocpp16EndpointAnswersOrDropsAndLivesOn(_ corpusCase: CorpusCase) async throws {
        let harness = EndpointHarness<OCPP16>()
        await harness.handleCentralSystemCalls()
        await harness.endpoint.receive(corpusCase.frame16)
        try await expectAnswer(corpusCase.code16, id: corpusCase.id, from: harness.wire)
        try await expectStillAnswering(harness.endpoint, harness.wire)
    }

    @Test(arguments: CorpusCase.all)
    func ocpp201EndpointAnswersOrDropsAndLivesOn(_ corpusCase: CorpusCase) async throws {
        let harness = EndpointHarness<OCPP201>()
        await harness.handleCentralSystemCalls()
        await harness.endpoint.receive(corpusCase.frame201)
        try await expectAnswer(corpusCase.code201, id: corpusCase.id, from: harness.wire)
        try await expectStillAnswering(harness.endpoint, harness.wire)
    }

    @Test func wholeCorpusInARowLeavesBothEndpointsWorking() async throws {
        let harness16 = EndpointHarness<OCPP16>()
        await harness16.handleCentralSystemCalls()
        let harness201 = EndpointHarness<OCPP201>()
        await harness201.handleCentralSystemCalls()
        for corpusCase in CorpusCase.all {
            await harness16.endpoint.receive(corpusCase.frame16)
            await harness201.endpoint.receive(corpusCase.frame201)
        }
        let answered = CorpusCase.all.filter { $0.code16 != nil }
        for corpusCase in answered {
            try await expectAnswer(corpusCase.code16, id: corpusCase.id, from: harness16.wire)
            try await expectAnswer(corpusCase.code201, id: corpusCase.id, from: harness201.wire)
        }
        try await expectStillAnswering(harness16.endpoint, harness16.wire)
        try await expectStillAnswering(harness201.endpoint, harness201.wire)
    }

    private func expectAnswer(_ code: OCPPErrorCode?, id: String?, from wire: SentFrames) async throws {
        guard let code else { return }
        let frame = try await wire.nextFrame()
        guard case .callError(let answeredID, let error) = frame else {
            Issue.record("expected CALLERROR \(code), got \(frame)")
            return
        }
        #expect(error.code == code)
        #expect(answeredID == id)
        #expect(error.errorDescription.count <= 255)
    }

    /// A valid Heartbeat CALL right after is answered with its CALLRESULT (and nothing came before it).
    private func expectStillAnswering<Version>(_ endpoint: OCPPEndpoint<Version>, _ wire: SentFrames) async throws {
        await endpoint.receive(#"[2,"after","Heartbeat",{}]"#)
        let frame = try await wire.nextFrame()
        #expect(frame == .callResult(id: "after", payload: ["currentTime": "2027-01-15T08:00:00.250Z"]))
    }
}
