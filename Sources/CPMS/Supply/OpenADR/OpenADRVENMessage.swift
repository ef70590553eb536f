public import Foundation

/// What cpms, as a VEN, sends its VTN: each message in its `oadrPayload/oadrSignedObject` envelope, elements in
/// the order the 2.0b schema requires, every value escaped.
public enum OpenADRVENMessage: Sendable, Equatable {
    case createPartyRegistration(requestID: String, venName: String, venID: String?, registrationID: String?)
    /// Zero reports: cpms offers none.
    case registerReport(requestID: String, venID: String)
    case poll(venID: String)
    /// Asks for every event the VTN holds for cpms (after registering, and after a failure that may have lost some).
    case requestEvent(requestID: String, venID: String)
    case createdEvent(venID: String, responses: [EventResponse])
    case registeredReport(requestID: String, venID: String)
    case createdReport(requestID: String, venID: String)
    case canceledPartyRegistration(requestID: String, registrationID: String, venID: String)
    /// The acknowledgement of oadrRequestReregistration (posted to EiRegisterParty, as openleadr's VEN does).
    case response(requestID: String, venID: String)

    /// cpms's answer to one event: opt in or out of (eventID, modificationNumber).
    public struct EventResponse: Sendable, Equatable {
        public var eventID: String
        public var modificationNumber: Int
        public var requestID: String
        public var opt: OpenADROpt
        /// Why cpms opts out, for the VTN's operator.
        public var reason: String?

        public init(eventID: String, modificationNumber: Int, requestID: String, opt: OpenADROpt, reason: String? = nil) {
            self.eventID = eventID
            self.modificationNumber = modificationNumber
            self.requestID = requestID
            self.opt = opt
            self.reason = reason
        }
    }

    /// The VTN service the message is posted to: `/OpenADR2/Simple/2.0b/{service}`.
    public var service: String {
        switch self {
        case .createPartyRegistration, .canceledPartyRegistration: "EiRegisterParty"
        case .registerReport, .registeredReport, .createdReport: "EiReport"
        case .poll: "OadrPoll"
        case .response: "EiRegisterParty"
        case .createdEvent, .requestEvent: "EiEvent"
        }
    }

    static let oadr = "http://openadr.org/oadr-2.0b/2012/07"
    static let ei = "http://docs.oasis-open.org/ns/energyinterop/201110"
    static let pyld = "http://docs.oasis-open.org/ns/energyinterop/201110/payloads"

    /// The document, UTF-8.
    public var document: Data {
        Data(
            """
            <?xml version="1.0" encoding="utf-8"?>
            <oadr:oadrPayload xmlns:oadr="\(Self.oadr)"><oadr:oadrSignedObject oadr:Id="oadrSignedObject">\(body)</oadr:oadrSignedObject></oadr:oadrPayload>
            """.utf8)
    }

    private var body: String {
        switch self {
        case .createPartyRegistration(let requestID, let venName, let venID, let registrationID):
            return element("oadrCreatePartyRegistration") {
                requestIDElement(requestID)
                    + (registrationID.map { "<ei:registrationID>\(xmlEscaped($0))</ei:registrationID>" } ?? "")
                    + (venID.map { "<ei:venID>\(xmlEscaped($0))</ei:venID>" } ?? "")
                    + "<oadr:oadrProfileName>2.0b</oadr:oadrProfileName>"
                    + "<oadr:oadrTransportName>simpleHttp</oadr:oadrTransportName>"
                    + "<oadr:oadrReportOnly>false</oadr:oadrReportOnly>"
                    + "<oadr:oadrXmlSignature>false</oadr:oadrXmlSignature>"
                    + "<oadr:oadrVenName>\(xmlEscaped(venName))</oadr:oadrVenName>"
                    + "<oadr:oadrHttpPullModel>true</oadr:oadrHttpPullModel>"
            }
        case .registerReport(let requestID, let venID):
            return element("oadrRegisterReport") { requestIDElement(requestID) + "<ei:venID>\(xmlEscaped(venID))</ei:venID>" }
        case .poll(let venID):
            return element("oadrPoll") { "<ei:venID>\(xmlEscaped(venID))</ei:venID>" }
        case .requestEvent(let requestID, let venID):
            return element("oadrRequestEvent") {
                "<pyld:eiRequestEvent xmlns:pyld=\"\(Self.pyld)\"><pyld:requestID>\(xmlEscaped(requestID))</pyld:requestID>"
                    + "<ei:venID>\(xmlEscaped(venID))</ei:venID></pyld:eiRequestEvent>"
            }
        case .createdEvent(let venID, let responses):
            return element("oadrCreatedEvent") {
                "<pyld:eiCreatedEvent xmlns:pyld=\"\(Self.pyld)\">"
                    + eiResponse(requestID: "")
                    + "<ei:eventResponses>"
                    + responses.map { response in
                        "<ei:eventResponse><ei:responseCode>200</ei:responseCode>"
                            + (response.reason.map { "<ei:responseDescription>\(xmlEscaped($0))</ei:responseDescription>" } ?? "")
                            + requestIDElement(response.requestID)
                            + "<ei:qualifiedEventID><ei:eventID>\(xmlEscaped(response.eventID))</ei:eventID>"
                            + "<ei:modificationNumber>\(response.modificationNumber)</ei:modificationNumber></ei:qualifiedEventID>"
                            + "<ei:optType>\(response.opt.rawValue)</ei:optType></ei:eventResponse>"
                    }.joined()
                    + "</ei:eventResponses>"
                    + "<ei:venID>\(xmlEscaped(venID))</ei:venID></pyld:eiCreatedEvent>"
            }
        case .registeredReport(let requestID, let venID):
            return element("oadrRegisteredReport") { eiResponse(requestID: requestID) + "<ei:venID>\(xmlEscaped(venID))</ei:venID>" }
        case .createdReport(let requestID, let venID):
            return element("oadrCreatedReport") {
                eiResponse(requestID: requestID) + "<oadr:oadrPendingReports></oadr:oadrPendingReports><ei:venID>\(xmlEscaped(venID))</ei:venID>"
            }
        case .canceledPartyRegistration(let requestID, let registrationID, let venID):
            return element("oadrCanceledPartyRegistration") {
                eiResponse(requestID: requestID) + "<ei:registrationID>\(xmlEscaped(registrationID))</ei:registrationID><ei:venID>\(xmlEscaped(venID))</ei:venID>"
            }
        case .response(let requestID, let venID):
            return element("oadrResponse") { eiResponse(requestID: requestID) + "<ei:venID>\(xmlEscaped(venID))</ei:venID>" }
        }
    }

    private func element(_ name: String, _ content: () -> String) -> String {
        "<oadr:\(name) ei:schemaVersion=\"2.0b\" xmlns:ei=\"\(Self.ei)\">\(content())</oadr:\(name)>"
    }

    private func requestIDElement(_ id: String) -> String {
        "<pyld:requestID xmlns:pyld=\"\(Self.pyld)\">\(xmlEscaped(id))</pyld:requestID>"
    }

    private func eiResponse(requestID: String) -> String {
        "<ei:eiResponse><ei:responseCode>200</ei:responseCode><ei:responseDescription>OK</ei:responseDescription>\(requestIDElement(requestID))</ei:eiResponse>"
    }
}

/// Whether a VEN takes part in an event.
public enum OpenADROpt: String, Sendable, Equatable, Codable {
    case optIn
    case optOut
}

/// Text as XML character data or an attribute value.
func xmlEscaped(_ text: String) -> String {
    var escaped = ""
    escaped.reserveCapacity(text.utf8.count)
    for scalar in text.unicodeScalars {
        switch scalar {
        case "&": escaped += "&amp;"
        case "<": escaped += "&lt;"
        case ">": escaped += "&gt;"
        case "\"": escaped += "&quot;"
        case "'": escaped += "&apos;"
        case "\u{9}", "\u{A}", "\u{D}": escaped.unicodeScalars.append(scalar)
        default:
            // Characters XML 1.0 cannot carry at all are dropped.
            if scalar.value < 0x20 || (0xFFFE...0xFFFF).contains(scalar.value) { continue }
            escaped.unicodeScalars.append(scalar)
        }
    }
    return escaped
}
