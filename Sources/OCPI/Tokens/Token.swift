public import Tariffs

/// A driver's means of authorization, issued by an eMSP (OCPI Token).
public struct Token: Codable, Sendable, Equatable {
    public var countryCode: String
    public var partyID: String
    public var uid: String
    public var type: TokenType
    public var contractID: String
    public var visualNumber: String?
    public var issuer: String
    public var groupID: String?
    public var valid: Bool
    public var whitelist: WhitelistType
    public var language: String?
    public var defaultProfileType: ProfileType?
    public var energyContract: EnergyContract?
    public var lastUpdated: OCPIDateTime

    public init(
        countryCode: String, partyID: String, uid: String, type: TokenType, contractID: String,
        visualNumber: String? = nil, issuer: String, groupID: String? = nil, valid: Bool, whitelist: WhitelistType,
        language: String? = nil, defaultProfileType: ProfileType? = nil, energyContract: EnergyContract? = nil,
        lastUpdated: OCPIDateTime
    ) {
        self.countryCode = countryCode
        self.partyID = partyID
        self.uid = uid
        self.type = type
        self.contractID = contractID
        self.visualNumber = visualNumber
        self.issuer = issuer
        self.groupID = groupID
        self.valid = valid
        self.whitelist = whitelist
        self.language = language
        self.defaultProfileType = defaultProfileType
        self.energyContract = energyContract
        self.lastUpdated = lastUpdated
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case countryCode = "country_code", partyID = "party_id", uid, type, contractID = "contract_id"
        case visualNumber = "visual_number", issuer, groupID = "group_id", valid, whitelist, language
        case defaultProfileType = "default_profile_type", energyContract = "energy_contract"
        case lastUpdated = "last_updated"
    }
}

extension Token: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(countryCode, "country_code", .ciStringOfLength(2))
        try path.text(partyID, "party_id", .ciString(max: 3))
        try path.text(uid, "uid", .ciString(max: 36))
        try path.text(contractID, "contract_id", .ciString(max: 36))
        try path.text(visualNumber, "visual_number", .string(max: 64))
        try path.text(issuer, "issuer", .string(max: 64))
        try path.text(groupID, "group_id", .ciString(max: 36))
        try path.text(language, "language", .stringOfLength(2))
        try path.object(energyContract, "energy_contract")
    }
}
