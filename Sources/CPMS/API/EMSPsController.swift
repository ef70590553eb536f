import Foundation
import Hummingbird
import OCPI
import StationCore

/// `/api/emsps...`: the eMSPs cpms is the CPO for (add one and get its token A, register at one, list, remove).
///
/// cpms's own registration at an eMSP runs in the server, which then serves the eMSP's calls during the
/// handshake with the token B it offered.
struct EMSPsController<Context: RequestContext>: Sendable {
    let parties: OCPIPartyStore
    let registration: OCPIRegistration
    let settings: OCPISettings
    let clock: any StationClock

    func addRoutes(to group: RouterGroup<Context>) {
        group.get("emsps") { _, _ in
            try APIJSON.response(try await parties.all().map(EMSPView.init))
        }
        group.get("emsps/:name") { _, context in
            let name = try Self.name(context)
            guard let party = try await parties.party(named: name) else { throw APIError(.notFound, "unknown eMSP \(name)") }
            return try APIJSON.response(EMSPView(party))
        }
        group.post("emsps") { request, context in
            let body = try await APIJSON.body(AddBody.self, of: request, context: context)
            try Self.check(name: body.name)
            guard let token = try await parties.add(name: body.name, at: clock.wallTime) else {
                throw APIError(.conflict, "eMSP \(body.name) already exists")
            }
            return try APIJSON.response(AddedView(name: body.name, tokenA: token, versionsUrl: settings.versionsURL), status: .created)
        }
        group.post("emsps/:name/register") { request, context in
            let name = try Self.name(context)
            let body = try await APIJSON.body(RegisterBody.self, of: request, context: context)
            guard let url = URL(string: body.versionsUrl), url.scheme == "http" || url.scheme == "https", url.host != nil else {
                throw APIError(.badRequest, "versions_url: must be an http:// or https:// URL")
            }
            guard !body.token.isEmpty, body.token.count <= 64, body.token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
                throw APIError(.badRequest, "token: must be 1 to 64 printable ASCII characters")
            }
            do {
                return try APIJSON.response(EMSPView(try await registration.register(name: name, versionsURL: body.versionsUrl, tokenA: body.token)))
            } catch let error as OCPIRegistration.OwnRegistrationError {
                if case .alreadyRegistered = error { throw APIError(.conflict, error.description) }
                throw APIError(.badGateway, error.description)
            }
        }
        group.delete("emsps/:name") { _, context in
            let name = try Self.name(context)
            guard try await parties.remove(name: name) else { throw APIError(.notFound, "unknown eMSP \(name)") }
            return Response(status: .noContent)
        }
    }

    static func name(_ context: Context) throws -> String {
        guard let name = context.parameters.get("name") else { throw APIError(.badRequest, "missing eMSP name") }
        try check(name: name)
        return name
    }

    /// 1 to 64 letters, digits, `-`, `_`, `.` or `*` (`NL*TNM`, `tnm-prod`).
    static func check(name: String) throws {
        guard (1...64).contains(name.count), name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "-_.*".contains($0)) }) else {
            throw APIError(.badRequest, "name: 1 to 64 letters, digits, -, _, . or *")
        }
    }

    struct AddBody: Decodable {
        let name: String
    }

    struct RegisterBody: Decodable {
        let versionsUrl: String
        let token: String
    }

    struct AddedView: Encodable {
        let name: String
        let tokenA: String
        let versionsUrl: String
    }
}

/// An eMSP as the API shows it (never its tokens).
struct EMSPView: Encodable {
    struct RoleView: Encodable {
        let role: String
        let countryCode: String
        let partyId: String
        let businessName: String
    }

    struct EndpointView: Encodable {
        let identifier: String
        let role: String
        let url: String
    }

    let name: String
    let status: String
    let roles: [RoleView]
    let versionsUrl: String?
    let version: String?
    let endpoints: [EndpointView]
    let createdAt: String
    let updatedAt: String

    init(_ party: OCPIParty) {
        name = party.name
        status = party.status.rawValue
        roles = party.roles.map { RoleView(role: $0.role.rawValue, countryCode: $0.countryCode, partyId: $0.partyID, businessName: $0.businessDetails.name) }
        versionsUrl = party.versionsURL
        version = party.version?.rawValue
        endpoints = party.endpoints.map { EndpointView(identifier: $0.identifier.rawValue, role: $0.role.rawValue, url: $0.url) }
        createdAt = StoredTime.text(party.createdAt)
        updatedAt = StoredTime.text(party.updatedAt)
    }
}
