public import Foundation
public import Hummingbird
import HummingbirdWebSocket

/// The context of a request under `/ocpi`: who is calling (set by `OCPIMiddleware`) and the request's ids.
public struct OCPIRequestContext: RequestContext {
    public typealias Source = CPMSRequestContext
    public var coreContext: CoreRequestContextStorage
    /// The eMSP whose token authenticated the request, and what the token grants.
    public var authentication: OCPIAuthentication?
    /// `X-Request-ID` as received, or a new one; echoed on the answer.
    public var requestID = ""
    /// `X-Correlation-ID` as received, or a new one; echoed on the answer.
    public var correlationID = ""
    /// When cpms received the request (its clock): the timestamp of the answer's envelope.
    public var receivedAt = Date(timeIntervalSince1970: 0)

    public init(source: Source) {
        // The parent's storage, not a new one: it holds the route's path parameters (`:id`).
        self.coreContext = source.coreContext
    }

    /// The calling eMSP; behind `OCPIMiddleware` it is always set.
    public var party: OCPIParty {
        get throws(OCPIError) {
            guard let authentication else { throw OCPIError.unauthorized("no OCPI token") }
            return authentication.party
        }
    }
}

/// The eMSP a request's token belongs to.
public struct OCPIAuthentication: Sendable {
    public var party: OCPIParty
    public var grant: OCPIPartyStore.Grant
    /// The token as presented (decoded from base64 when it was): the credentials module answers with it.
    var token: String
}
