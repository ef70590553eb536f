public import Foundation

/// What a VTN sends cpms: the answers to its requests, and the requests that arrive in poll answers.
public enum OpenADRVTNMessage: Sendable, Equatable {
    case createdPartyRegistration(OpenADRResponseStatus, venID: String?, registrationID: String?, pollFrequencySeconds: Double?)
    case registeredReport(OpenADRResponseStatus)
    case response(OpenADRResponseStatus)
    /// The events, each still unread (one bad event must not hide the others).
    case distributeEvent(OpenADRResponseStatus?, requestID: String, events: [OpenADRElement])
    case registerReport(requestID: String)
    case createReport(requestID: String)
    case requestReregistration
    case cancelPartyRegistration(requestID: String, registrationID: String)
    /// A message cpms does not handle, by its element name.
    case other(String)

    /// Reads an `oadrPayload` document.
    public static func read(_ data: Data) throws(OpenADRXMLError) -> OpenADRVTNMessage {
        let root = try OpenADRXMLReader.read(data)
        guard root.name == "oadrPayload", let signed = root.child("oadrSignedObject"), let message = signed.children.first else {
            throw OpenADRXMLError("not an oadrPayload with an oadrSignedObject (root element \(root.name))")
        }
        switch message.name {
        case "oadrCreatedPartyRegistration":
            let poll = try message.text("oadrRequestedOadrPollFreq", "duration").map { text throws(OpenADRXMLError) in
                guard let seconds = OpenADRDuration.seconds(text) else { throw OpenADRXMLError("oadrRequestedOadrPollFreq \(text) is not a duration") }
                return seconds
            }
            return .createdPartyRegistration(
                try status(message), venID: message.text("venID"), registrationID: message.text("registrationID"), pollFrequencySeconds: poll)
        case "oadrRegisteredReport":
            return .registeredReport(try status(message))
        case "oadrResponse":
            return .response(try status(message))
        case "oadrDistributeEvent":
            let status = message.child("eiResponse") == nil ? nil : try status(message)
            return .distributeEvent(status, requestID: message.text("requestID") ?? "", events: message.children("oadrEvent"))
        case "oadrRegisterReport":
            return .registerReport(requestID: message.text("requestID") ?? "")
        case "oadrCreateReport":
            return .createReport(requestID: message.text("requestID") ?? "")
        case "oadrRequestReregistration":
            return .requestReregistration
        case "oadrCancelPartyRegistration":
            return .cancelPartyRegistration(requestID: message.text("requestID") ?? "", registrationID: message.text("registrationID") ?? "")
        default:
            return .other(message.name)
        }
    }

    private static func status(_ message: OpenADRElement) throws(OpenADRXMLError) -> OpenADRResponseStatus {
        guard let response = message.child("eiResponse"), let code = response.text("responseCode").flatMap(Int.init) else {
            throw OpenADRXMLError("\(message.name) has no eiResponse with a numeric responseCode")
        }
        return OpenADRResponseStatus(code: code, description: response.text("responseDescription"))
    }
}

/// An eiResponse: 200 is success; anything else a refusal with its reason.
public struct OpenADRResponseStatus: Sendable, Equatable {
    public var code: Int
    public var description: String?

    public init(code: Int, description: String? = nil) {
        self.code = code
        self.description = description
    }

    public var isSuccess: Bool { code == 200 }
}
