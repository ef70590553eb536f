public import Hummingbird
public import Logging
import Foundation
import OCPI
public import StationCore

/// Which tokens a group of OCPI routes admits.
public enum OCPIAdmission: Sendable {
    /// Only a registered eMSP's token (every module but versions and credentials).
    case registeredParties
    /// Also token A, and cpms's token B while its own registration runs (versions and credentials).
    case registrationToo
}

/// Guards OCPI routes: the request ids, the eMSP's token, the routing headers, and every failure answered
/// as an OCPI envelope.
///
/// - `X-Request-ID` and `X-Correlation-ID` are taken from the request or made, and set on every answer.
/// - `Authorization: Token <base64(token)>` (or the plain token): absent, unknown or not admitted here is HTTP 401.
/// - `OCPI-from-country-code`/`OCPI-from-party-id`, when present, must be one of the eMSP's roles, and
///   `OCPI-to-country-code`/`OCPI-to-party-id` cpms's own party; otherwise HTTP 400, 2001 naming the header.
/// - `OCPIError` becomes its envelope; anything else is logged and answered HTTP 500, 3000.
public struct OCPIMiddleware: RouterMiddleware {
    public typealias Context = OCPIRequestContext
    let parties: OCPIPartyStore
    let settings: OCPISettings
    let admission: OCPIAdmission
    let clock: any StationClock
    let logger: Logger

    public init(parties: OCPIPartyStore, settings: OCPISettings, admission: OCPIAdmission, clock: any StationClock, logger: Logger) {
        self.parties = parties
        self.settings = settings
        self.admission = admission
        self.clock = clock
        self.logger = logger
    }

    public func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        context.receivedAt = clock.wallTime
        context.requestID = Self.identifier(request.headers[.ocpiRequestID])
        context.correlationID = Self.identifier(request.headers[.ocpiCorrelationID])
        var response: Response
        do {
            context.authentication = try await authenticate(request)
            try checkRoutingHeaders(request, authentication: context.authentication)
            response = try await next(request, context)
        } catch let error as OCPIError {
            if error.httpStatus == .unauthorized {
                logger.info("OCPI \(request.method) \(request.uri.path) refused: \(error.message)")
            }
            response = try OCPIReply.failure(error, at: OCPIDateTime(context.receivedAt))
        } catch let error as HTTPError {
            let status: OCPIStatusCode = error.status.code < 500 ? .clientError : .serverError
            response = try OCPIReply.failure(
                OCPIError(httpStatus: error.status, statusCode: status, message: error.body ?? error.status.reasonPhrase), at: OCPIDateTime(context.receivedAt))
        } catch {
            logger.error("OCPI \(request.method) \(request.uri.path) failed: \(String(reflecting: error))")
            response = try OCPIReply.failure(.internalError, at: OCPIDateTime(context.receivedAt))
        }
        response.headers[.ocpiRequestID] = context.requestID
        response.headers[.ocpiCorrelationID] = context.correlationID
        return response
    }

    func authenticate(_ request: Request) async throws -> OCPIAuthentication {
        let candidates = OCPITokenHeader.candidates(request.headers[.authorization])
        guard !candidates.isEmpty else { throw OCPIError.unauthorized("missing Authorization: Token header") }
        for token in candidates {
            let found: (party: OCPIParty, grant: OCPIPartyStore.Grant)?
            do {
                found = try await parties.authenticate(token: token)
            } catch {
                logger.error("OCPI authentication failed: \(String(reflecting: error))")
                throw OCPIError.internalError
            }
            guard let found else { continue }
            if admission == .registeredParties, found.grant != .registered {
                throw OCPIError.unauthorized("this token is only valid for the registration (versions and credentials)")
            }
            return OCPIAuthentication(party: found.party, grant: found.grant, token: token)
        }
        throw OCPIError.unauthorized("unknown token")
    }

    func checkRoutingHeaders(_ request: Request, authentication: OCPIAuthentication?) throws {
        let fromCountry = request.headers[.ocpiFromCountryCode], fromParty = request.headers[.ocpiFromPartyID]
        if fromCountry != nil || fromParty != nil, let party = authentication?.party, !party.roles.isEmpty {
            guard let fromCountry, let fromParty else { throw OCPIError.invalid("OCPI-from-country-code and OCPI-from-party-id must come together") }
            guard party.isParty(countryCode: fromCountry, partyID: fromParty) else {
                throw OCPIError.invalid("OCPI-from-party-id: \(fromCountry)*\(fromParty) is not a party of the token's platform")
            }
        }
        let toCountry = request.headers[.ocpiToCountryCode], toParty = request.headers[.ocpiToPartyID]
        if toCountry != nil || toParty != nil {
            guard let toCountry, let toParty else { throw OCPIError.invalid("OCPI-to-country-code and OCPI-to-party-id must come together") }
            guard toCountry.uppercased() == settings.countryCode.uppercased(), toParty.uppercased() == settings.partyID.uppercased() else {
                throw OCPIError.invalid("OCPI-to-party-id: \(toCountry)*\(toParty) is not this CPO (\(settings.countryCode)*\(settings.partyID))")
            }
        }
    }

    /// The id as received when it is usable (1 to 255 printable ASCII characters), otherwise a new UUID.
    static func identifier(_ received: String?) -> String {
        if let received, (1...255).contains(received.count), received.allSatisfy({ $0.isASCII && !$0.isNewline }) { return received }
        return UUID().uuidString.lowercased()
    }
}
