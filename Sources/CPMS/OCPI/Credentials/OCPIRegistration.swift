import Foundation
public import Logging
public import OCPI
import SQLKit
public import StationCore

/// The OCPI credentials handshake in both directions, and its updates and end.
///
/// - An eMSP registers at cpms (POST credentials with token A): cpms reads the eMSP's versions and 2.2.1 details
///   with the eMSP's token B, stores them, and answers with its own credentials carrying a new token C; token A
///   is spent.
/// - cpms registers at an eMSP (`register(name:versionsURL:tokenA:)`): cpms reads the eMSP's versions and
///   details with token A, POSTs its credentials with a new token B to the eMSP's credentials endpoint, and stores
///   the token C the eMSP answers with.
public struct OCPIRegistration: Sendable {
    let parties: OCPIPartyStore
    let client: OCPIClient
    let settings: OCPISettings
    let clock: any StationClock
    let logger: Logger
    /// Enqueues the Locations and tariffs a newly registered eMSP is owed (nil: none, for tests of the handshake).
    let catchUp: OCPIPublicationCatchUp?
    let pushQueue: OCPIPushQueue?

    public init(
        parties: OCPIPartyStore, client: OCPIClient, settings: OCPISettings, clock: any StationClock, logger: Logger,
        catchUp: OCPIPublicationCatchUp? = nil, pushQueue: OCPIPushQueue? = nil
    ) {
        self.parties = parties
        self.client = client
        self.settings = settings
        self.clock = clock
        self.logger = logger
        self.catchUp = catchUp
        self.pushQueue = pushQueue
    }

    /// cpms's credentials, carrying `token`: the token the eMSP is to call cpms with.
    public func ownCredentials(token: String) -> Credentials {
        Credentials(token: token, url: settings.versionsURL, roles: [settings.credentialsRole])
    }

    /// What an eMSP's versions URL leads to: its 2.2.1 details URL and endpoints.
    public struct Discovery: Sendable {
        public var version: VersionNumber
        public var endpoints: [Endpoint]
    }

    /// Reads the eMSP's versions at `versionsURL` with `token`, picks 2.2.1 and reads its details.
    public func discover(versionsURL: String, token: String) async throws(OCPIError) -> Discovery {
        let versions: [Version]
        do {
            versions = try await client.call(.GET, versionsURL, token: token, answer: [Version].self).data()
        } catch {
            throw OCPIError.unableToUseClientAPI("cannot read the versions at \(versionsURL): \(error.message)")
        }
        guard let chosen = versions.first(where: { $0.version == .v2_2_1 }) else {
            throw OCPIError.unsupportedVersion("the versions at \(versionsURL) (\(versions.map(\.version.rawValue).joined(separator: ", "))) do not include 2.2.1")
        }
        let details: VersionDetail
        do {
            details = try await client.call(.GET, chosen.url, token: token, answer: VersionDetail.self).data()
        } catch {
            throw OCPIError.unableToUseClientAPI("cannot read the 2.2.1 version details at \(chosen.url): \(error.message)")
        }
        guard details.version == .v2_2_1 else {
            throw OCPIError.unableToUseClientAPI("the version details at \(chosen.url) are of version \(details.version), not 2.2.1")
        }
        return Discovery(version: .v2_2_1, endpoints: details.endpoints)
    }

    /// POST credentials: a pending eMSP registers with token A, giving its token B and versions URL.
    public func acceptRegistration(_ authentication: OCPIAuthentication, credentials: Credentials) async throws -> Credentials {
        guard authentication.grant == .registration, authentication.party.status == .pending else {
            throw OCPIError.notAllowed("\(authentication.party.name) is already registered: use PUT to update the credentials")
        }
        guard let tokenC = try await exchange(authentication, from: .pending, credentials: credentials) else {
            throw OCPIError.notAllowed("\(authentication.party.name) is already registered")
        }
        logger.notice("OCPI: eMSP \(authentication.party.name) registered (\(Self.describe(credentials.roles)))")
        return ownCredentials(token: tokenC)
    }

    /// PUT credentials: a registered eMSP gives new credentials; cpms reads its versions again and answers with a
    /// new token C (the previous one stops working).
    public func acceptUpdate(_ authentication: OCPIAuthentication, credentials: Credentials) async throws -> Credentials {
        guard authentication.grant == .registered, authentication.party.status == .registered else {
            throw OCPIError.notAllowed("\(authentication.party.name) is not registered: use POST to register")
        }
        guard let tokenC = try await exchange(authentication, from: .registered, credentials: credentials) else {
            throw OCPIError.unauthorized("the token changed while the update ran")
        }
        logger.notice("OCPI: eMSP \(authentication.party.name) updated its credentials")
        return ownCredentials(token: tokenC)
    }

    /// The eMSP's credentials checked and its versions read; stored with a new token C if the party is still `status`
    /// and known by the token it called with. Returns that token C, or nil when something else changed the party.
    func exchange(_ authentication: OCPIAuthentication, from status: OCPIPartyStatus, credentials: Credentials) async throws -> String? {
        try await checkRoles(credentials.roles, of: authentication.party.name)
        let discovery = try await discover(versionsURL: credentials.url, token: credentials.token)
        let tokenC = Secrets.random(bytes: 32)
        let stored = try await store(
            authentication, from: status,
            OCPIPartyStore.Registration(
                incomingToken: tokenC, outgoingToken: credentials.token, versionsURL: credentials.url, version: discovery.version,
                endpoints: discovery.endpoints, roles: credentials.roles))
        return stored ? tokenC : nil
    }

    /// DELETE credentials: the eMSP ends its registration.
    public func acceptUnregistration(_ authentication: OCPIAuthentication) async throws {
        guard authentication.grant == .registered else { throw OCPIError.notAllowed("\(authentication.party.name) is not registered") }
        let done: Bool
        do {
            done = try await parties.unregister(name: authentication.party.name, at: clock.wallTime)
        } catch {
            logger.error("OCPI: cannot unregister \(authentication.party.name): \(String(reflecting: error))")
            throw OCPIError.internalError
        }
        guard done else { throw OCPIError.notAllowed("\(authentication.party.name) is not registered") }
        logger.notice("OCPI: eMSP \(authentication.party.name) unregistered")
    }

    /// Why cpms's own registration at an eMSP failed.
    public enum OwnRegistrationError: Error, Sendable, CustomStringConvertible {
        case alreadyRegistered(String)
        case emsp(OCPIError)
        case noCredentialsEndpoint(String)
        case refused(OCPIClientError)
        case roles(String)

        public var description: String {
            switch self {
            case .alreadyRegistered(let name): "\(name) is already registered (remove it first, or let it update its credentials)"
            case .emsp(let error): error.message
            case .noCredentialsEndpoint(let url): "the eMSP's version details at \(url) list no credentials endpoint"
            case .refused(let error): "the eMSP refused cpms's credentials: \(error)"
            case .roles(let message): "the eMSP's credentials: \(message)"
            }
        }
    }

    /// cpms registers at an eMSP that gave it `tokenA` and its versions URL: on success the eMSP is stored as
    /// registered, with the token C it answered.
    public func register(name: String, versionsURL: String, tokenA: String) async throws -> OCPIParty {
        let tokenB = Secrets.random(bytes: 32)
        guard try await parties.beginOwnRegistration(name: name, versionsURL: versionsURL, incomingToken: tokenB, at: clock.wallTime) else {
            throw OwnRegistrationError.alreadyRegistered(name)
        }
        do {
            let discovery: Discovery
            do {
                discovery = try await discover(versionsURL: versionsURL, token: tokenA)
            } catch {
                throw OwnRegistrationError.emsp(error)
            }
            guard let endpoint = discovery.endpoints.first(where: { $0.identifier == .credentials }) else {
                throw OwnRegistrationError.noCredentialsEndpoint(versionsURL)
            }
            let answer: Credentials
            do {
                answer = try await client.call(
                    .POST, endpoint.url, token: tokenA, body: try OCPICoding.encode(ownCredentials(token: tokenB)), answer: Credentials.self
                ).data()
            } catch let error as OCPIClientError {
                throw OwnRegistrationError.refused(error)
            }
            do {
                try await checkRoles(answer.roles, of: name)
            } catch let error as OCPIError {
                throw OwnRegistrationError.roles(error.message)
            }
            let stored = try await parties.register(
                name: name, from: .pending, presentedToken: tokenB,
                OCPIPartyStore.Registration(
                    incomingToken: tokenB, outgoingToken: answer.token, versionsURL: answer.url, version: discovery.version,
                    endpoints: discovery.endpoints, roles: answer.roles),
                at: clock.wallTime, then: owed(name, endpoints: discovery.endpoints))
            if stored { pushQueue?.wake() }
            guard stored, let party = try await parties.party(named: name) else { throw OwnRegistrationError.alreadyRegistered(name) }
            logger.notice("OCPI: registered at eMSP \(name) (\(Self.describe(answer.roles)))")
            return party
        } catch {
            try? await parties.abandonOwnRegistration(name: name, incomingToken: tokenB, at: clock.wallTime)
            throw error
        }
    }

    func store(_ authentication: OCPIAuthentication, from status: OCPIPartyStatus, _ registration: OCPIPartyStore.Registration) async throws -> Bool {
        do {
            let name = authentication.party.name
            let stored = try await parties.register(
                name: name, from: status, presentedToken: authentication.token, registration, at: clock.wallTime,
                then: owed(name, endpoints: registration.endpoints))
            if stored { pushQueue?.wake() }
            return stored
        } catch {
            logger.error("OCPI: cannot store the credentials of \(authentication.party.name): \(String(reflecting: error))")
            throw OCPIError.internalError
        }
    }

    /// Enqueues, in the registration's transaction, the Locations and tariffs the eMSP `name` is owed now that it
    /// has `endpoints`.
    func owed(_ name: String, endpoints: [Endpoint]) -> (@Sendable (any SQLDatabase, [Endpoint]) async throws -> Void)? {
        guard let catchUp else { return nil }
        let time = clock.wallTime
        return { connection, before in
            let count = try await catchUp.enqueue(for: name, endpoints: endpoints, before: before, on: connection, at: time)
            if count > 0 { logger.notice("OCPI: \(count) published Locations and tariffs enqueued for the eMSP \(name)") }
        }
    }

    /// An eMSP's credentials must name at least one EMSP role (one platform may bring several, and other roles),
    /// and no party (country code, party id) another registered platform already speaks as.
    func checkRoles(_ roles: [CredentialsRole], of name: String) async throws {
        guard roles.contains(where: { $0.role == .emsp }) else {
            throw OCPIError.invalid("roles: no EMSP role (cpms is a CPO: it exchanges credentials with eMSPs)")
        }
        let others: [OCPIParty]
        do {
            others = try await parties.registered().filter { $0.name != name }
        } catch {
            logger.error("OCPI: cannot read the registered eMSPs: \(String(reflecting: error))")
            throw OCPIError.internalError
        }
        for (index, role) in roles.enumerated() {
            if let other = others.first(where: { $0.isParty(countryCode: role.countryCode, partyID: role.partyID) }) {
                throw OCPIError.invalid("roles[\(index)]: \(role.countryCode)*\(role.partyID) is already registered as the eMSP \(other.name)")
            }
        }
    }

    static func describe(_ roles: [CredentialsRole]) -> String {
        roles.map { "\($0.role.rawValue) \($0.countryCode)*\($0.partyID)" }.joined(separator: ", ")
    }
}
