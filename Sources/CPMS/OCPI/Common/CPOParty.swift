/// The CPO cpms is towards eMSPs: its OCPI country code and party id (from `OCPISettings`), written into every Location and Tariff it publishes.
public struct CPOParty: Sendable, Hashable {
    /// ISO 3166-1 alpha-2, in capitals.
    public let countryCode: String
    /// Three characters of A-Z and 0-9 (ISO 15118), in capitals.
    public let partyID: String

    public init(countryCode: String, partyID: String) throws(CPOPartyError) {
        let country = countryCode.uppercased(), party = partyID.uppercased()
        guard country.utf8.count == 2, country.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) }) else {
            throw CPOPartyError(message: "country code must be two letters (ISO 3166-1 alpha-2), got \"\(countryCode)\"")
        }
        guard party.utf8.count == 3, party.utf8.allSatisfy({ (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }) else {
            throw CPOPartyError(message: "party id must be three letters or digits, got \"\(partyID)\"")
        }
        self.countryCode = country
        self.partyID = party
    }
}

public struct CPOPartyError: Error, Sendable, Equatable, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
