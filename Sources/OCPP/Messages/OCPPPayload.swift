/// The body of an OCPP request or response, as a Codable value with the schema's JSON keys.
public protocol OCPPPayload: Codable, Sendable, Hashable {}

/// The namespace that holds one version's messages (`OCPP16`, `OCPP201`).
public protocol OCPPProtocolVersion: Sendable {
    static var version: OCPPVersion { get }
}

/// A request of one version: its action name, its response type and its version.
public protocol OCPPRequest: OCPPPayload {
    associatedtype Response: OCPPPayload
    associatedtype Version: OCPPProtocolVersion
    /// The action name on the wire, e.g. `BootNotification`.
    static var action: String { get }
}

/// The OCPP 1.6 messages.
public enum OCPP16: OCPPProtocolVersion {
    public static let version = OCPPVersion.v16

    /// A 1.6 request.
    public protocol Request: OCPPRequest where Version == OCPP16 {}
}

/// The OCPP 2.0.1 messages.
public enum OCPP201: OCPPProtocolVersion {
    public static let version = OCPPVersion.v201

    /// A 2.0.1 request.
    public protocol Request: OCPPRequest where Version == OCPP201 {}
}
