/// An eMSP's request to stop a session (OCPI StopSession).
public struct StopSession: Codable, Sendable, Equatable {
    public var responseURL: String
    public var sessionID: String

    public init(responseURL: String, sessionID: String) {
        self.responseURL = responseURL
        self.sessionID = sessionID
    }

    enum CodingKeys: String, CodingKey {
        case responseURL = "response_url", sessionID = "session_id"
    }
}

extension StopSession: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(responseURL, "response_url", .url)
        try path.text(sessionID, "session_id", .ciString(max: 36))
    }
}
