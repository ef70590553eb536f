import OCPI
import OCPP

/// How an OCPI token (or an eMSP's real-time answer) becomes an OCPP 2.0.1 authorization status. Pure.
enum TokenVerdict: Equatable {
    /// cpms may answer without asking the eMSP.
    case decided(OCPP201.AuthorizationStatus)
    /// Ask the eMSP's real-time authorization; `fallback` when no eMSP answers in time.
    case askEMSP(fallback: OCPP201.AuthorizationStatus)

    /// A stored token: not valid -> Invalid; whitelist ALWAYS or ALLOWED -> Accepted; ALLOWED_OFFLINE -> ask,
    /// Accepted when the eMSP cannot be reached (OCPI: whitelisting only when offline); NEVER -> ask, Invalid
    /// when it cannot. No token: ask, Unknown.
    static func local(_ token: Token?) -> TokenVerdict {
        guard let token else { return .askEMSP(fallback: .unknown) }
        guard token.valid else { return .decided(.invalid) }
        switch token.whitelist {
        case .always, .allowed: return .decided(.accepted)
        case .allowedOffline: return .askEMSP(fallback: .accepted)
        case .never: return .askEMSP(fallback: .invalid)
        }
    }

    /// An eMSP's AuthorizationInfo.allowed as OCPP says it.
    static func status(_ allowed: AllowedType) -> OCPP201.AuthorizationStatus {
        switch allowed {
        case .allowed: .accepted
        case .blocked: .blocked
        case .expired: .expired
        case .noCredit: .noCredit
        case .notAllowed: .notAllowedTypeEVSE
        }
    }

    /// The OCPI token type of an OCPP id token: cards are RFID, tokens the CSMS issued are app users.
    static func tokenType(_ kind: OCPP201.IdTokenKind) -> TokenType {
        switch kind {
        case .iso14443, .iso15693: .rfid
        case .central, .eMAID: .appUser
        case .keyCode, .local, .macAddress, .noAuthorization: .other
        }
    }

    /// The eMSP party an eMAID (contract id) names: `NL-TNM-C12345678-X` or `NLTNMC12345678X` -> (NL, TNM).
    static func contractParty(_ contractID: String) -> (countryCode: String, partyID: String)? {
        let letters = contractID.uppercased().filter { $0 != "-" && $0 != "*" }
        guard letters.count >= 6, letters.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else { return nil }
        let country = String(letters.prefix(2)), party = String(letters.dropFirst(2).prefix(3))
        guard country.allSatisfy(\.isLetter) else { return nil }
        return (country, party)
    }
}
