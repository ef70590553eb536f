import Foundation
import Hummingbird
import OCPI

/// The Tokens module as Receiver (OCPI 2.2.1 mod_tokens, CPO side): an eMSP PUTs and PATCHes its tokens and may
/// read one back, at `/ocpi/2.2.1/tokens/{country_code}/{party_id}/{token_uid}[?type=RFID]`, for its own
/// parties only.
struct TokensModule: OCPIModule {
    let store: OCPITokenStore

    var identifier: ModuleID { .tokens }
    var role: InterfaceRole { .receiver }

    func addRoutes(to group: RouterGroup<OCPIRequestContext>) {
        group.get(":country_code/:party_id/:token_uid") { request, context in
            let key = try TokenKey(request, context)
            guard let stored = try await store.token(countryCode: key.countryCode, partyID: key.partyID, uid: key.uid, type: key.type) else {
                throw OCPIError.notFound("unknown token", statusCode: .unknownToken)
            }
            return try OCPIReply.success(stored.token, context: context)
        }
        group.put(":country_code/:party_id/:token_uid") { request, context in
            let key = try TokenKey(request, context)
            let token = try await OCPIBody.decode(Token.self, from: request)
            try key.check(token)
            try await store.put(token, emsp: try context.party.name)
            return try OCPIReply.success(context: context)
        }
        group.patch(":country_code/:party_id/:token_uid") { request, context in
            let key = try TokenKey(request, context)
            let patch = try await OCPIBody.patch(Token.self, from: request)
            let emsp = try context.party.name
            let changed = try await store.update(countryCode: key.countryCode, partyID: key.partyID, uid: key.uid, type: key.type, emsp: emsp) {
                do {
                    return try patch.applied(to: $0)
                } catch let error as OCPIDecodingError {
                    throw OCPIError.invalid(error)
                }
            }
            guard changed != nil else { throw OCPIError.notFound("unknown token", statusCode: .unknownToken) }
            return try OCPIReply.success(context: context)
        }
    }
}

/// A token's identity from the URL: its party must be one of the caller's roles.
struct TokenKey {
    let countryCode: String
    let partyID: String
    let uid: String
    let type: TokenType

    init(_ request: Request, _ context: OCPIRequestContext) throws {
        countryCode = try OCPIPagedReply.parameter("country_code", context)
        partyID = try OCPIPagedReply.parameter("party_id", context)
        uid = try OCPIPagedReply.parameter("token_uid", context)
        if let problem = TextRule.ciStringOfLength(2).violation(of: countryCode) { throw OCPIError.invalid("country_code: \(problem)") }
        if let problem = TextRule.ciString(max: 3).violation(of: partyID) { throw OCPIError.invalid("party_id: \(problem)") }
        if let problem = TextRule.ciString(max: 36).violation(of: uid) { throw OCPIError.invalid("token_uid: \(problem)") }
        let typeText = request.uri.queryParameters.get("type") ?? TokenType.rfid.rawValue
        guard let type = TokenType(rawValue: typeText) else {
            throw OCPIError.invalid("type: unknown value \"\(typeText)\" (\(TokenType.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        self.type = type
        let caller = try context.party
        guard caller.isParty(countryCode: countryCode, partyID: partyID) else {
            throw OCPIError.invalid("\(countryCode)*\(partyID) is not one of the parties of the calling platform \(caller.name)")
        }
    }

    /// A PUT's token must be the one its URL names.
    func check(_ token: Token) throws {
        let same: [(String, String, String)] = [
            ("country_code", token.countryCode, countryCode), ("party_id", token.partyID, partyID), ("uid", token.uid, uid),
            ("type", token.type.rawValue, type.rawValue),
        ]
        for (field, body, url) in same where body.caseInsensitiveCompare(url) != .orderedSame {
            throw OCPIError.invalid("\(field): \"\(body)\" is not the URL's \"\(url)\"")
        }
    }
}
