/// One role a platform plays, as which party (OCPI CredentialsRole).
public struct CredentialsRole: Codable, Sendable, Equatable {
    public var role: Role
    public var businessDetails: BusinessDetails
    public var partyID: String
    public var countryCode: String

    public init(role: Role, businessDetails: BusinessDetails, partyID: String, countryCode: String) {
        self.role = role
        self.businessDetails = businessDetails
        self.partyID = partyID
        self.countryCode = countryCode
    }

    enum CodingKeys: String, CodingKey {
        case role, businessDetails = "business_details", partyID = "party_id", countryCode = "country_code"
    }
}

extension CredentialsRole: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.object(businessDetails, "business_details")
        try path.text(partyID, "party_id", .ciString(max: 3))
        try path.text(countryCode, "country_code", .ciStringOfLength(2))
    }
}

/// A party's role in the market (OCPI Role).
public enum Role: String, Codable, Sendable, CaseIterable {
    case cpo = "CPO"
    case emsp = "EMSP"
    case hub = "HUB"
    case nap = "NAP"
    case nsp = "NSP"
    case other = "OTHER"
    case scsp = "SCSP"
}
