@testable import CPMS
import AsyncHTTPClient
import Foundation
import StationTesting
import Testing

@Suite struct OpenADRFeedTests {
    static let t17 = OpenADRMessageTests.t17
    static let dso = DSO(
        id: "dso-a", name: "DSO A",
        contract: SupplyContract(groups: ["depot-north"], capacityW: 100_000, currency: "EUR", fallbackPricePerKWh: Decimal(string: "0.30")!),
        feeds: [])

    static func withDatabase(_ backend: TestBackend = .sqlite, _ body: (any CPMSDatabase) async throws -> Void) async throws {
        let database = try await backend.openPrivate()
        do {
            try await body(database)
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    /// Runs an OpenADR feed against `vtn` until `done` holds, one poll interval of the manual clock at a time.
    static func runFeed(
        _ vtn: FakeVTN, database: any CPMSDatabase, sink: RecordingSink, until done: @escaping @Sendable () -> Bool
    ) async throws {
        try await vtn.run { base in
            let clock = ManualClock()
            let settings = OpenADRFeedSettings(vtnURL: base, venName: "cpms & co", pollIntervalSeconds: 1)
            let feed = OpenADRFeed(
                dso: dso, settings: settings, context: SupplyFeedContext(database: database, httpClient: .shared, clock: clock, publicURL: "", logger: .quiet))
            let running = Task { await feed.run(sink: sink) }
            var steps = 0
            while !done() {
                steps += 1
                guard steps < 200 else {
                    Issue.record("the feed did not get there in 200 poll intervals")
                    break
                }
                try await clock.waitForSleepers(count: 1)
                clock.advance(by: .seconds(300))
            }
            running.cancel()
            await running.value
        }
    }

    @Test func registersPollsTurnsEventsIntoForecastsAndOptsInOnce() async throws {
        try await Self.withDatabase { database in
            let vtn = FakeVTN()
            let events = OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent(), OpenADRSamples.capacityEvent())
            // openleadr sends every event of the VEN again whenever one changes: the same two arrive twice.
            vtn.answer("OadrPoll", with: .document(events), .document(events))
            let sink = RecordingSink()
            try await Self.runFeed(vtn, database: database, sink: sink) { vtn.createdEvents().count >= 2 && vtn.messages("OadrPoll").count >= 3 }

            let registration = try #require(vtn.messages("EiRegisterParty").first)
            #expect(registration.contentType == "application/xml")
            #expect(registration.root?.find("oadrSignedObject", "oadrCreatePartyRegistration")?.text("oadrVenName") == "cpms & co")
            #expect(vtn.messages("EiReport").first?.root?.find("oadrSignedObject", "oadrRegisterReport")?.text("venID") == "ven-1")
            #expect(vtn.messages("OadrPoll").first?.root?.find("oadrSignedObject", "oadrPoll")?.text("venID") == "ven-1")

            let updates = sink.updates.withLock { $0 }
            #expect(updates.count == 2)
            #expect(updates.allSatisfy { $0.dso == "dso-a" && $0.feed == "openadr" })
            let price = try #require(updates.first { $0.source.contains("evt-price-1") })
            let priced = price.intervals.filter { $0.group == nil }
            #expect(priced.map(\.start) == [Self.t17, Self.t17.addingTimeInterval(900), Self.t17.addingTimeInterval(1800), Self.t17.addingTimeInterval(2700)])
            #expect(priced.map(\.pricePerKWh) == [Decimal(string: "0.2505"), Decimal(string: "0.2505"), Decimal(string: "0.08"), Decimal(string: "0.08")])
            #expect(priced.allSatisfy { $0.currency == "EUR" })
            // The price event's span also carries the caps the load-control event set over it.
            let capacity = try #require(updates.first { $0.source.contains("evt-cap-1") })
            #expect(capacity.intervals.filter { $0.group == "depot-north" }.map(\.capacityW) == [40_000, 22_500, 22_500])

            let answers = vtn.optAnswers()
            #expect(answers.count == 4)
            #expect(answers.allSatisfy { $0.2 == "optIn" })
            #expect(Set(answers.map { "\($0.0)/\($0.1)" }) == ["evt-price-1/0", "evt-cap-1/2"])
        }
    }

    @Test func aModifiedEventReplacesItsIntervalsAndACancelledOneWithdrawsThem() async throws {
        try await Self.withDatabase { database in
            let vtn = FakeVTN()
            vtn.answer(
                "OadrPoll", with: .document(OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent())),
                .document(OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent(modification: 1, first: "0.5"))),
                .document(OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent(modification: 0, first: "9.99"))),
                .document(OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent(modification: 2, status: "cancelled"))))
            let sink = RecordingSink()
            try await Self.runFeed(vtn, database: database, sink: sink) { vtn.createdEvents().count >= 4 }

            let updates = sink.updates.withLock { $0 }
            #expect(updates.map(\.source) == ["openadr event evt-price-1 (modification 0)", "openadr event evt-price-1 (modification 1)", "openadr event evt-price-1 (modification 2)"])
            #expect(updates[1].intervals.filter { $0.group == nil }.map(\.pricePerKWh) == [Decimal(string: "0.5"), Decimal(string: "0.08")])
            #expect(updates[2].intervals.filter { $0.group == nil }.map(\.pricePerKWh) == [nil])
            #expect(updates[2].intervals.first?.start == Self.t17)
            #expect(updates[2].intervals.first?.end == Self.t17.addingTimeInterval(3600))
            // A stale modification is answered but not applied; the cancellation is acknowledged with optIn.
            #expect(vtn.optAnswers().map { "\($0.1) \($0.2)" } == ["0 optIn", "1 optIn", "0 optIn", "2 optIn"])
        }
    }

    @Test func aMalformedEventIsOptedOutWithTheReasonAndTheOthersHandled() async throws {
        try await Self.withDatabase { database in
            let vtn = FakeVTN()
            let unknown = OpenADRSamples.priceEvent(id: "evt-bid").replacingOccurrences(of: "ELECTRICITY_PRICE", with: "BID_PRICE")
            vtn.answer(
                "OadrPoll", with: .document(OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent(id: "evt-bad", first: "NaN-ish"), unknown, OpenADRSamples.capacityEvent())))
            let sink = RecordingSink()
            try await Self.runFeed(vtn, database: database, sink: sink) { vtn.createdEvents().count >= 1 }

            let answers = vtn.optAnswers()
            #expect(answers.map { "\($0.0) \($0.2)" } == ["evt-bad optOut", "evt-bid optOut", "evt-cap-1 optIn"])
            #expect(answers[0].3?.contains("signalPayload") == true)
            #expect(answers[1].3?.contains("BID_PRICE") == true)
            #expect(sink.updates.withLock { $0.map(\.source) } == ["openadr event evt-cap-1 (modification 2)"])
        }
    }

    @Test func failuresAreReportedAndTheFeedRecovers() async throws {
        try await Self.withDatabase { database in
            let vtn = FakeVTN()
            vtn.answer("EiRegisterParty", with: .status(503))
            vtn.answer(
                "OadrPoll", with: .document(Data("<html>gateway</html>".utf8)), .status(500),
                .document(OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent())))
            let sink = RecordingSink()
            try await Self.runFeed(vtn, database: database, sink: sink) { !sink.updates.withLock { $0.isEmpty } }

            let failures = sink.failures.withLock { $0 }
            #expect(failures.count == 3)
            #expect(failures[0].contains("HTTP 503"))
            #expect(failures[1].contains("oadrPayload"))
            #expect(failures[2].contains("HTTP 500"))
            #expect(vtn.messages("EiRegisterParty").count == 2)
        }
    }

    @Test(arguments: TestBackend.available)
    func aRestartAnswersASeenEventAgainWithoutHandlingItAgain(backend: TestBackend) async throws {
        try await Self.withDatabase(backend) { database in
            let event = OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent())
            let first = FakeVTN()
            first.answer("OadrPoll", with: .document(event))
            let sink = RecordingSink()
            try await Self.runFeed(first, database: database, sink: sink) { first.createdEvents().count >= 1 }
            let second = FakeVTN()
            second.answer("OadrPoll", with: .document(event))
            try await Self.runFeed(second, database: database, sink: sink) { second.createdEvents().count >= 1 }

            #expect(sink.updates.withLock { $0.count } == 1)
            #expect(second.optAnswers().map(\.2) == ["optIn"])
        }
    }

    @Test func theVTNsRequestsInPollAnswersAreAnswered() async throws {
        try await Self.withDatabase { database in
            let vtn = FakeVTN()
            let registerReport = Data(
                """
                <?xml version="1.0" encoding="utf-8"?>
                <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"><oadr:oadrSignedObject oadr:Id="oadrSignedObject"><oadr:oadrRegisterReport ei:schemaVersion="2.0b" xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"><requestID xmlns="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">vtn-reports-1</requestID><ei:venID>ven-1</ei:venID></oadr:oadrRegisterReport></oadr:oadrSignedObject></oadr:oadrPayload>
                """.utf8)
            let cancel = Data(
                """
                <?xml version="1.0" encoding="utf-8"?>
                <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07"><oadr:oadrSignedObject oadr:Id="oadrSignedObject"><oadr:oadrCancelPartyRegistration ei:schemaVersion="2.0b" xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"><requestID xmlns="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">vtn-cancel-1</requestID><ei:registrationID>reg-1</ei:registrationID><ei:venID>ven-1</ei:venID></oadr:oadrCancelPartyRegistration></oadr:oadrSignedObject></oadr:oadrPayload>
                """.utf8)
            vtn.answer("OadrPoll", with: .document(registerReport), .document(OpenADRSamples.requestReregistration), .document(cancel))
            let sink = RecordingSink()
            try await Self.runFeed(vtn, database: database, sink: sink) { vtn.messages("EiRegisterParty").count >= 5 }

            let reports = vtn.messages("EiReport").compactMap { $0.root?.find("oadrSignedObject")?.children.first?.name }
            #expect(reports.contains("oadrRegisteredReport"))
            let registered = vtn.messages("EiReport").first { $0.body.contains("oadrRegisteredReport") }
            #expect(registered?.root?.find("oadrSignedObject", "oadrRegisteredReport", "eiResponse")?.text("requestID") == "vtn-reports-1")
            let registrations = vtn.messages("EiRegisterParty").compactMap { $0.root?.find("oadrSignedObject")?.children.first?.name }
            #expect(registrations == [
                "oadrCreatePartyRegistration", "oadrResponse", "oadrCreatePartyRegistration", "oadrCanceledPartyRegistration", "oadrCreatePartyRegistration",
            ])
            let canceled = vtn.messages("EiRegisterParty").first { $0.body.contains("oadrCanceledPartyRegistration") }?.root?
                .find("oadrSignedObject", "oadrCanceledPartyRegistration")
            #expect(canceled?.text("registrationID") == "reg-1")
            #expect(canceled?.text("eiResponse", "requestID") == "vtn-cancel-1")
            #expect(sink.failures.withLock { $0.isEmpty })
        }
    }

    @Test func afterAFailureTheVENAsksForEveryEventAgain() async throws {
        try await Self.withDatabase { database in
            let vtn = FakeVTN()
            // The first requestEvent finds nothing; the opt-in for the polled event fails; the events asked for
            // again bring it back, and it is answered (not handled) a second time.
            vtn.answer("EiEvent", with: .document(OpenADRSamples.response), .status(500), .document(OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent())))
            vtn.answer("OadrPoll", with: .document(OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent())))
            let sink = RecordingSink()
            try await Self.runFeed(vtn, database: database, sink: sink) { vtn.createdEvents().count >= 2 }

            let sent = vtn.messages("EiEvent").compactMap { $0.root?.find("oadrSignedObject")?.children.first?.name }
            #expect(sent == ["oadrRequestEvent", "oadrCreatedEvent", "oadrRequestEvent", "oadrCreatedEvent"])
            #expect(vtn.optAnswers().map(\.2) == ["optIn", "optIn"])
            #expect(sink.updates.withLock { $0.count } == 1)
            #expect(sink.failures.withLock { $0 }.count == 1)
        }
    }

    @Test func unreadableTLSFilesAreAnErrorNotATrap() {
        #expect(throws: OpenADRFeedError.self) {
            try OpenADRTransport.mutualTLSClient(certificatePath: "/nonexistent/ven.pem", keyPath: "/nonexistent/ven.key", caCertificatePath: nil)
        }
        #expect(throws: OpenADRFeedError.self) {
            try OpenADRTransport.mutualTLSClient(certificatePath: "/nonexistent/ven.pem", keyPath: nil, caCertificatePath: nil)
        }
    }
}
