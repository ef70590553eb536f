import Foundation

/// OpenADR 2.0b messages as openleadr 0.5.36's VTN writes them (rendered with its templates), for the VEN's tests.
enum OpenADRSamples {
    /// oadrDistributeEvent around the given oadrEvent elements.
    static func distributeEvent(_ events: String..., requestID: String = "req-42") -> Data {
        Data(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07">
            <oadr:oadrSignedObject xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07" oadr:Id="oadrSignedObject"><oadr:oadrDistributeEvent ei:schemaVersion="2.0b" xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"><requestID xmlns="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">\(requestID)</requestID><ei:vtnID>dso-vtn</ei:vtnID>\(events.joined())</oadr:oadrDistributeEvent></oadr:oadrSignedObject>
            </oadr:oadrPayload>
            """.utf8)
    }

    /// An ELECTRICITY_PRICE event in EUR per kWh: `first` from 17:00, `second` from 17:30 (2026-12-07, UTC), 30 min each.
    static func priceEvent(id: String = "evt-price-1", modification: Int = 0, status: String = "far", first: String = "0.2505", second: String = "0.08") -> String {
        """
        <oadr:oadrEvent><ei:eiEvent><ei:eventDescriptor><ei:eventID>\(id)</ei:eventID><ei:modificationNumber>\(modification)</ei:modificationNumber><ei:priority>0</ei:priority><ei:eiMarketContext><marketContext xmlns="http://docs.oasis-open.org/ns/emix/2011/06">oadr://dso.example/prices</marketContext></ei:eiMarketContext><ei:createdDateTime>2026-12-07T16:00:00.000000Z</ei:createdDateTime><ei:eventStatus>\(status)</ei:eventStatus></ei:eventDescriptor><ei:eiActivePeriod><properties xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><dtstart><date-time>2026-12-07T17:00:00.000000Z</date-time></dtstart><duration><duration>PT1H</duration></duration></properties><components xmlns="urn:ietf:params:xml:ns:icalendar-2.0" /></ei:eiActivePeriod>        <ei:eiEventSignals><ei:eiEventSignal><strm:intervals xmlns:strm="urn:ietf:params:xml:ns:icalendar-2.0:stream" xmlns:xcal="urn:ietf:params:xml:ns:icalendar-2.0"><ei:interval><xcal:dtstart><xcal:date-time>2026-12-07T17:00:00.000000Z</xcal:date-time></xcal:dtstart><xcal:duration><xcal:duration>PT30M</xcal:duration></xcal:duration><uid xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><text>0</text></uid><ei:signalPayload><ei:payloadFloat><ei:value>\(first)</ei:value></ei:payloadFloat></ei:signalPayload></ei:interval><ei:interval><xcal:dtstart><xcal:date-time>2026-12-07T17:30:00.000000Z</xcal:date-time></xcal:dtstart><xcal:duration><xcal:duration>PT30M</xcal:duration></xcal:duration><uid xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><text>1</text></uid><ei:signalPayload><ei:payloadFloat><ei:value>\(second)</ei:value></ei:payloadFloat></ei:signalPayload></ei:interval></strm:intervals><ei:signalName>ELECTRICITY_PRICE</ei:signalName><ei:signalType>price</ei:signalType><ei:signalID>sig-1</ei:signalID><oadr:currencyPerKWh xmlns:scale="http://docs.oasis-open.org/ns/emix/2011/06/siscale" xmlns:power="http://docs.oasis-open.org/ns/emix/2011/06/power" ><oadr:itemDescription>currencyPerKWh</oadr:itemDescription><oadr:itemUnits>EUR</oadr:itemUnits><scale:siScaleCode>none</scale:siScaleCode></oadr:currencyPerKWh></ei:eiEventSignal>        </ei:eiEventSignals><ei:eiTarget><ei:venID>ven-1</ei:venID></ei:eiTarget>    </ei:eiEvent><oadr:oadrResponseRequired>always</oadr:oadrResponseRequired></oadr:oadrEvent>
        """
    }

    /// A LOAD_CONTROL x-loadControlSetpoint event for group depot-north in kW: 40 from 17:00 for 15 min, 22.5 for 30 min.
    static func capacityEvent(id: String = "evt-cap-1", modification: Int = 2) -> String {
        """
        <oadr:oadrEvent><ei:eiEvent><ei:eventDescriptor><ei:eventID>\(id)</ei:eventID><ei:modificationNumber>\(modification)</ei:modificationNumber><ei:priority>1</ei:priority><ei:eiMarketContext><marketContext xmlns="http://docs.oasis-open.org/ns/emix/2011/06">oadr://dso.example/grid</marketContext></ei:eiMarketContext><ei:createdDateTime>2026-12-07T16:00:00.000000Z</ei:createdDateTime><ei:eventStatus>active</ei:eventStatus></ei:eventDescriptor><ei:eiActivePeriod><properties xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><dtstart><date-time>2026-12-07T17:00:00.000000Z</date-time></dtstart><duration><duration>PT45M</duration></duration></properties><components xmlns="urn:ietf:params:xml:ns:icalendar-2.0" /></ei:eiActivePeriod>        <ei:eiEventSignals><ei:eiEventSignal><strm:intervals xmlns:strm="urn:ietf:params:xml:ns:icalendar-2.0:stream" xmlns:xcal="urn:ietf:params:xml:ns:icalendar-2.0"><ei:interval><xcal:dtstart><xcal:date-time>2026-12-07T17:00:00.000000Z</xcal:date-time></xcal:dtstart><xcal:duration><xcal:duration>PT15M</xcal:duration></xcal:duration><uid xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><text>0</text></uid><ei:signalPayload><ei:payloadFloat><ei:value>40</ei:value></ei:payloadFloat></ei:signalPayload></ei:interval><ei:interval><xcal:dtstart><xcal:date-time>2026-12-07T17:15:00.000000Z</xcal:date-time></xcal:dtstart><xcal:duration><xcal:duration>PT30M</xcal:duration></xcal:duration><uid xmlns="urn:ietf:params:xml:ns:icalendar-2.0"><text>1</text></uid><ei:signalPayload><ei:payloadFloat><ei:value>22.5</ei:value></ei:payloadFloat></ei:signalPayload></ei:interval></strm:intervals><ei:signalName>LOAD_CONTROL</ei:signalName><ei:signalType>x-loadControlSetpoint</ei:signalType><ei:signalID>sig-2</ei:signalID><power:powerReal xmlns:scale="http://docs.oasis-open.org/ns/emix/2011/06/siscale" xmlns:power="http://docs.oasis-open.org/ns/emix/2011/06/power" ><power:itemDescription>RealPower</power:itemDescription><power:itemUnits>W</power:itemUnits><scale:siScaleCode>k</scale:siScaleCode><power:powerAttributes><power:hertz>50</power:hertz><power:voltage>230</power:voltage><power:ac>true</power:ac></power:powerAttributes></power:powerReal></ei:eiEventSignal>        </ei:eiEventSignals><ei:eiTarget><ei:groupID>depot-north</ei:groupID></ei:eiTarget>    </ei:eiEvent><oadr:oadrResponseRequired>always</oadr:oadrResponseRequired></oadr:oadrEvent>
        """
    }

    static let createdPartyRegistration = Data(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07">
        <oadr:oadrSignedObject xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07" oadr:Id="oadrSignedObject"><oadr:oadrCreatedPartyRegistration ei:schemaVersion="2.0b" xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"><ei:eiResponse><ei:responseCode>200</ei:responseCode><ei:responseDescription>OK</ei:responseDescription><requestID xmlns="http://docs.oasis-open.org/ns/energyinterop/201110/payloads">req-1</requestID></ei:eiResponse><ei:registrationID>reg-1</ei:registrationID><ei:venID>ven-1</ei:venID><ei:vtnID>dso-vtn</ei:vtnID><oadr:oadrProfiles><oadr:oadrProfile><oadr:oadrProfileName>2.0b</oadr:oadrProfileName><oadr:oadrTransports><oadr:oadrTransport><oadr:oadrTransportName>simpleHttp</oadr:oadrTransportName></oadr:oadrTransport></oadr:oadrTransports></oadr:oadrProfile></oadr:oadrProfiles><oadr:oadrRequestedOadrPollFreq><duration xmlns="urn:ietf:params:xml:ns:icalendar-2.0">PT2S</duration></oadr:oadrRequestedOadrPollFreq></oadr:oadrCreatedPartyRegistration></oadr:oadrSignedObject>
        </oadr:oadrPayload>
        """.utf8)

    static let response = Data(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07">
        <oadr:oadrSignedObject xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07" oadr:Id="oadrSignedObject"><oadr:oadrResponse ei:schemaVersion="2.0b" xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"><ei:eiResponse><ei:responseCode>200</ei:responseCode><ei:responseDescription>OK</ei:responseDescription><requestID xmlns="http://docs.oasis-open.org/ns/energyinterop/201110/payloads" /></ei:eiResponse><ei:venID>ven-1</ei:venID></oadr:oadrResponse></oadr:oadrSignedObject>
        </oadr:oadrPayload>
        """.utf8)

    static let requestReregistration = Data(
        """
        <?xml version="1.0" encoding="utf-8"?>
        <oadr:oadrPayload xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07">
        <oadr:oadrSignedObject xmlns:oadr="http://openadr.org/oadr-2.0b/2012/07" oadr:Id="oadrSignedObject"><oadr:oadrRequestReregistration ei:schemaVersion="2.0b" xmlns:ei="http://docs.oasis-open.org/ns/energyinterop/201110"><ei:venID>ven-1</ei:venID></oadr:oadrRequestReregistration></oadr:oadrSignedObject>
        </oadr:oadrPayload>
        """.utf8)
}
