import Foundation

extension Token: OCPIPatchable {
    public static var patchFields: [String] { CodingKeys.allCases.map(\.stringValue) }
    /// OCPI: a Token is named by the URL's country_code, party_id and uid (and `type`).
    public static var identityFields: [String] { ["country_code", "party_id", "uid", "type"] }
    public static var patchTemplate: Token {
        Token(
            countryCode: "NL", partyID: "TNM", uid: "TEMPLATE", type: .rfid, contractID: "NL-TNM-C00000000-X", issuer: "template",
            valid: true, whitelist: .allowed, lastUpdated: OCPIDateTime(Date(timeIntervalSince1970: 0)))
    }
}
