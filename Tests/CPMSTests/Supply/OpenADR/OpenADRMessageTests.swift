@testable import CPMS
import Foundation
import Testing

@Suite struct OpenADRMessageTests {
    static let t17 = Date(timeIntervalSince1970: 1_796_662_800)  // 2026-12-07T17:00:00Z

    @Test func readsOpenleadrsDistributeEventWithPriceAndCapacityEvents() throws {
        let message = try OpenADRVTNMessage.read(OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent(), OpenADRSamples.capacityEvent()))
        guard case .distributeEvent(let status, let requestID, let elements) = message else {
            Issue.record("read \(message)")
            return
        }
        #expect(status == nil)
        #expect(requestID == "req-42")
        let events = try elements.map(OpenADREvent.init)
        #expect(events.map(\.reference) == [.init(eventID: "evt-price-1", modificationNumber: 0), .init(eventID: "evt-cap-1", modificationNumber: 2)])
        let price = events[0]
        #expect(price.start == Self.t17)
        #expect(price.durationSeconds == 3600)
        #expect(price.status == "far")
        #expect(price.responseRequired)
        #expect(price.signals.count == 1)
        #expect(price.signals[0].name == "ELECTRICITY_PRICE")
        #expect(price.signals[0].itemBase == .init(kind: "currencyPerKWh", units: "EUR", scale: "none"))
        #expect(price.signals[0].intervals.map(\.value) == [Decimal(string: "0.2505")!, Decimal(string: "0.08")!])
        #expect(price.signals[0].intervals.map(\.start) == [Self.t17, Self.t17.addingTimeInterval(1800)])
        let cap = events[1]
        #expect(cap.targetGroups == ["depot-north"])
        #expect(cap.signals[0].itemBase == .init(kind: "powerReal", units: "W", scale: "k"))
        #expect(cap.signals[0].intervals.map(\.durationSeconds) == [900, 1800])
    }

    @Test func readsTheRegistrationWithItsPollFrequency() throws {
        let message = try OpenADRVTNMessage.read(OpenADRSamples.createdPartyRegistration)
        #expect(message == .createdPartyRegistration(.init(code: 200, description: "OK"), venID: "ven-1", registrationID: "reg-1", pollFrequencySeconds: 2))
        #expect(try OpenADRVTNMessage.read(OpenADRSamples.response) == .response(.init(code: 200, description: "OK")))
        #expect(try OpenADRVTNMessage.read(OpenADRSamples.requestReregistration) == .requestReregistration)
    }

    @Test func intervalsWithoutStartsFollowEachOtherFromTheEventStart() throws {
        let xml = OpenADRSamples.priceEvent().replacingOccurrences(
            of: "<xcal:dtstart><xcal:date-time>2026-12-07T17:30:00.000000Z</xcal:date-time></xcal:dtstart>", with: "")
        guard case .distributeEvent(_, _, let elements) = try OpenADRVTNMessage.read(OpenADRSamples.distributeEvent(xml)) else { return }
        let event = try OpenADREvent(elements[0])
        #expect(event.signals[0].intervals[1].start == Self.t17.addingTimeInterval(1800))
    }

    @Test func refusesHostileDocuments() {
        let laughs = """
            <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
            <oadrPayload>&lol2;</oadrPayload>
            """
        #expect(throws: OpenADRXMLError.self) { try OpenADRXMLReader.read(Data(laughs.utf8)) }
        let external = #"<?xml version="1.0"?><!DOCTYPE x SYSTEM "file:///etc/passwd"><x/>"#
        #expect(throws: OpenADRXMLError.self) { try OpenADRXMLReader.read(Data(external.utf8)) }
        let deep = String(repeating: "<a>", count: 200) + String(repeating: "</a>", count: 200)
        #expect(throws: OpenADRXMLError.self) { try OpenADRXMLReader.read(Data(deep.utf8)) }
        let huge = Data(repeating: UInt8(ascii: " "), count: OpenADRXMLReader.maxBytes + 1)
        #expect(throws: OpenADRXMLError.self) { try OpenADRXMLReader.read(huge) }
        #expect(throws: OpenADRXMLError.self) { try OpenADRXMLReader.read(Data("<oadrPayload><unclosed></oadrPayload>".utf8)) }
        #expect(throws: OpenADRXMLError.self) { try OpenADRVTNMessage.read(Data("<html><body>502</body></html>".utf8)) }
        #expect(throws: OpenADRXMLError.self) { try OpenADRXMLReader.read(Data()) }
    }

    /// Foundation's XMLParser trapped on this document; cpms reads it (and refuses it as no oadrPayload).
    @Test func anEmptyXMLDeclarationIsReadNotATrap() throws {
        #expect(try OpenADRXMLReader.read(Data("<?xml?><a/>".utf8)).name == "a")
        #expect(throws: OpenADRXMLError.self) { try OpenADRVTNMessage.read(Data("<?xml?><a/>".utf8)) }
    }

    @Test func elementsCarryTheNamespacesDeclaredAroundThem() throws {
        let root = try OpenADRXMLReader.read(OpenADRSamples.distributeEvent(OpenADRSamples.priceEvent()))
        #expect(root.namespace == "http://openadr.org/oadr-2.0b/2012/07")
        let message = try #require(root.find("oadrSignedObject", "oadrDistributeEvent"))
        #expect(message.attributes["schemaVersion"] == "2.0b")
        #expect(message.child("requestID")?.namespace == "http://docs.oasis-open.org/ns/energyinterop/201110/payloads")
        #expect(message.child("vtnID")?.namespace == "http://docs.oasis-open.org/ns/energyinterop/201110")
    }

    @Test func aBadEventIsAnErrorWithItsReasonNotATrap() throws {
        for broken in [
            OpenADRSamples.priceEvent(first: "cheap"),
            OpenADRSamples.priceEvent(first: "1e300"),
            OpenADRSamples.priceEvent().replacingOccurrences(of: "PT30M", with: "thirty minutes"),
            OpenADRSamples.priceEvent().replacingOccurrences(of: "2026-12-07T17:00:00.000000Z</date-time>", with: "tomorrow</date-time>"),
        ] {
            guard case .distributeEvent(_, _, let elements) = try OpenADRVTNMessage.read(OpenADRSamples.distributeEvent(broken)) else { return }
            #expect(OpenADREventReference(elements[0]) == .init(eventID: "evt-price-1", modificationNumber: 0))
            #expect(throws: OpenADRXMLError.self) { try OpenADREvent(elements[0]) }
        }
    }

    @Test func writesEscapedMessagesInTheEnvelope() throws {
        let created = OpenADRVENMessage.createdEvent(
            venID: "ven<1>", responses: [.init(eventID: "e&1", modificationNumber: 3, requestID: "r\"1", opt: .optOut, reason: "bad <payload>")])
        #expect(created.service == "EiEvent")
        let text = String(decoding: created.document, as: UTF8.self)
        #expect(text.contains("<ei:eventID>e&amp;1</ei:eventID>"))
        #expect(text.contains("<ei:venID>ven&lt;1&gt;</ei:venID>"))
        #expect(text.contains("<ei:optType>optOut</ei:optType>"))
        #expect(text.contains("<ei:responseDescription>bad &lt;payload&gt;</ei:responseDescription>"))
        // What cpms writes, it reads back (well-formed, values intact).
        let root = try OpenADRXMLReader.read(created.document)
        let response = root.find("oadrSignedObject", "oadrCreatedEvent", "eiCreatedEvent", "eventResponses", "eventResponse")
        #expect(response?.text("qualifiedEventID", "eventID") == "e&1")
        #expect(response?.text("requestID") == "r\"1")
        #expect(root.find("oadrSignedObject", "oadrCreatedEvent", "eiCreatedEvent")?.text("venID") == "ven<1>")
        for message in [
            OpenADRVENMessage.createPartyRegistration(requestID: "a", venName: "cpms & co", venID: nil, registrationID: nil), .registerReport(requestID: "b", venID: "v"),
            .poll(venID: "v"), .requestEvent(requestID: "f", venID: "v"), .registeredReport(requestID: "c", venID: "v"), .createdReport(requestID: "d", venID: "v"),
            .canceledPartyRegistration(requestID: "e", registrationID: "r", venID: "v"), .response(requestID: "", venID: "v"),
        ] {
            #expect(try OpenADRXMLReader.read(message.document).name == "oadrPayload")
        }
    }

    @Test func readsXCalDurations() {
        #expect(OpenADRDuration.seconds("PT15M") == 900)
        #expect(OpenADRDuration.seconds("P1DT2H") == 93_600)
        #expect(OpenADRDuration.seconds("PT0.5S") == 0.5)
        #expect(OpenADRDuration.seconds("P1W") == 604_800)
        #expect(OpenADRDuration.seconds("PT") == nil)
        #expect(OpenADRDuration.seconds("15M") == nil)
        #expect(OpenADRDuration.seconds("P1H") == nil)
        #expect(OpenADRDuration.seconds("PT1H2") == nil)
    }
}
