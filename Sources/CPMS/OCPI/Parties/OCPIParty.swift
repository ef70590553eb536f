public import Foundation
public import OCPI

/// An eMSP cpms is the CPO for: its OCPI roles, where its API is, and the token cpms calls it with.
///
/// The tokens it calls cpms with are stored only as SHA-256 and are not part of this value.
public struct OCPIParty: Sendable, Equatable {
    public var name: String
    public var status: OCPIPartyStatus
    /// The roles the eMSP gave in its credentials: one platform may be several parties (country code, party id).
    public var roles: [CredentialsRole]
    /// The eMSP's versions URL.
    public var versionsURL: String?
    /// The OCPI version both sides speak (2.2.1) once registered.
    public var version: VersionNumber?
    /// The eMSP's endpoints for `version`.
    public var endpoints: [Endpoint]
    /// The token cpms presents when it calls the eMSP (token B or C in the handshake, whoever started it).
    public var outgoingToken: String?
    public var createdAt: Date
    public var updatedAt: Date

    public init(
        name: String, status: OCPIPartyStatus, roles: [CredentialsRole] = [], versionsURL: String? = nil, version: VersionNumber? = nil,
        endpoints: [Endpoint] = [], outgoingToken: String? = nil, createdAt: Date, updatedAt: Date
    ) {
        self.name = name
        self.status = status
        self.roles = roles
        self.versionsURL = versionsURL
        self.version = version
        self.endpoints = endpoints
        self.outgoingToken = outgoingToken
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }

    /// Whether the eMSP speaks as the party (`countryCode`, `partyID`), compared case-insensitively.
    public func isParty(countryCode: String, partyID: String) -> Bool {
        roles.contains { $0.countryCode.uppercased() == countryCode.uppercased() && $0.partyID.uppercased() == partyID.uppercased() }
    }

    /// The eMSP's endpoint for `module` in `role` (its own role: RECEIVER for what cpms pushes).
    public func endpoint(_ module: ModuleID, role: InterfaceRole) -> Endpoint? {
        endpoints.first { $0.identifier == module && $0.role == role }
    }
}

/// Where an eMSP is in the OCPI handshake.
public enum OCPIPartyStatus: String, Sendable, Codable, CaseIterable {
    /// Added, or cpms's own registration under way: only versions and credentials are open to it.
    case pending
    /// Credentials exchanged: every module is open to it.
    case registered
    /// It (or cpms) ended the registration; its tokens no longer work.
    case unregistered
}
