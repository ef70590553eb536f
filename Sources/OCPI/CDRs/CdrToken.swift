/// The token a session or CDR was charged under (OCPI CdrToken).
public struct CdrToken: Codable, Sendable, Equatable {
    public var countryCode: String
    public var partyID: String
    public var uid: String
    public var type: TokenType
    public var contractID: String

    public init(countryCode: String, partyID: String, uid: String, type: TokenType, contractID: String) {
        self.countryCode = countryCode
        self.partyID = partyID
        self.uid = uid
        self.type = type
        self.contractID = contractID
    }

    enum CodingKeys: String, CodingKey {
        case countryCode = "country_code", partyID = "party_id", uid, type, contractID = "contract_id"
    }
}

extension CdrToken: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(countryCode, "country_code", .ciStringOfLength(2))
        try path.text(partyID, "party_id", .ciString(max: 3))
        try path.text(uid, "uid", .ciString(max: 36))
        try path.text(contractID, "contract_id", .ciString(max: 36))
    }
}
