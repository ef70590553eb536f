import Foundation
public import OCPI

/// What an OCPI Session is fixed to when cpms first reports it: its id, the token's owner, how it was authorized
/// and where it takes place. The rest (kWh, periods, cost, status) is derived from the station's reports each time.
public struct SessionTerms: Sendable, Equatable {
    /// Stable, at most 36 characters (a lowercased UUID).
    public var id: String
    public var party: CPOParty
    public var cdrToken: CdrToken
    public var authMethod: AuthMethod
    public var authorizationReference: String?
    public var locationID: String
    public var evseUID: String
    public var connectorID: String

    public init(
        id: String, party: CPOParty, cdrToken: CdrToken, authMethod: AuthMethod, authorizationReference: String? = nil,
        locationID: String, evseUID: String, connectorID: String
    ) {
        self.id = id
        self.party = party
        self.cdrToken = cdrToken
        self.authMethod = authMethod
        self.authorizationReference = authorizationReference
        self.locationID = locationID
        self.evseUID = evseUID
        self.connectorID = connectorID
    }

    /// The terms a reported session was made with.
    public init(_ session: Session) throws {
        self.init(
            id: session.id, party: try CPOParty(countryCode: session.countryCode, partyID: session.partyID), cdrToken: session.cdrToken,
            authMethod: session.authMethod, authorizationReference: session.authorizationReference, locationID: session.locationID,
            evseUID: session.evseUID, connectorID: session.connectorID)
    }

    /// How a session was authorized: COMMAND when the station started it on a remote start (START_SESSION),
    /// AUTH_REQUEST when the eMSP was asked in real time (or its token must be asked every time: whitelist NEVER),
    /// else WHITELIST.
    public static func authMethod(remoteStart: Bool, askedInRealTime: Bool = false, whitelist: WhitelistType?) -> AuthMethod {
        if remoteStart { return .command }
        return askedInRealTime || whitelist == .never ? .authRequest : .whitelist
    }
}
