/// The driver's token a booking reserves the socket for (OCPI Token fields the station needs).
public struct DriverToken: Sendable, Hashable, Codable {
    /// OCPI 2.2.1 TokenType.
    public enum Kind: String, Sendable, Hashable, Codable {
        case adHocUser = "AD_HOC_USER"
        case appUser = "APP_USER"
        case other = "OTHER"
        case rfid = "RFID"
    }

    public var uid: String
    public var type: Kind
    public var contractID: String
    /// The eMSP that issued the token.
    public var emsp: EMSPParty

    public init(uid: String, type: Kind, contractID: String, emsp: EMSPParty) {
        self.uid = uid
        self.type = type
        self.contractID = contractID
        self.emsp = emsp
    }
}
