/// What kind of token a driver uses (OCPI TokenType).
public enum TokenType: String, Codable, Sendable, CaseIterable {
    case adHocUser = "AD_HOC_USER"
    case appUser = "APP_USER"
    case other = "OTHER"
    case rfid = "RFID"
}

/// Whether a CPO may authorize a token without asking the eMSP (OCPI WhitelistType).
public enum WhitelistType: String, Codable, Sendable, CaseIterable {
    case always = "ALWAYS"
    case allowed = "ALLOWED"
    case allowedOffline = "ALLOWED_OFFLINE"
    case never = "NEVER"
}

/// Whether a token may charge (OCPI AllowedType).
public enum AllowedType: String, Codable, Sendable, CaseIterable {
    case allowed = "ALLOWED"
    case blocked = "BLOCKED"
    case expired = "EXPIRED"
    case noCredit = "NO_CREDIT"
    case notAllowed = "NOT_ALLOWED"
}

/// The driver's preferred smart-charging profile (OCPI ProfileType).
public enum ProfileType: String, Codable, Sendable, CaseIterable {
    case cheap = "CHEAP"
    case fast = "FAST"
    case green = "GREEN"
    case regular = "REGULAR"
}
