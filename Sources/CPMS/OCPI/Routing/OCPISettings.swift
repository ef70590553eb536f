public import OCPI

/// Who cpms is in OCPI, and the URL every address it publishes starts with.
public struct OCPISettings: Sendable {
    /// The base URL eMSPs reach cpms at (`--public-url`), without a trailing slash: `http://cpms.example:8300`.
    public var publicURL: String
    /// cpms's own party as CPO: ISO 3166 alpha-2 country code and the 3-character party id.
    public var countryCode: String
    public var partyID: String
    public var businessName: String
    /// How long one call to an eMSP may take (`--ocpi-call-timeout`).
    public var callTimeout: Duration

    public init(
        publicURL: String = "http://127.0.0.1:8300", countryCode: String = "DE", partyID: String = "STM", businessName: String = "Stationmaster",
        callTimeout: Duration = .seconds(10)
    ) {
        self.callTimeout = callTimeout
        self.publicURL = publicURL.hasSuffix("/") ? String(publicURL.dropLast()) : publicURL
        self.countryCode = countryCode
        self.partyID = partyID
        self.businessName = businessName
    }

    /// The versions URL cpms gives eMSPs: `{publicURL}/ocpi/versions`.
    public var versionsURL: String { publicURL + "/ocpi/versions" }

    /// The 2.2.1 version details URL: `{publicURL}/ocpi/2.2.1`.
    public var versionDetailsURL: String { publicURL + "/ocpi/" + VersionNumber.v2_2_1.rawValue }

    /// A module's URL: `{publicURL}/ocpi/2.2.1/{identifier}`.
    public func moduleURL(_ module: ModuleID) -> String { versionDetailsURL + "/" + module.rawValue }

    /// cpms's role in its credentials: the CPO.
    public var credentialsRole: CredentialsRole {
        CredentialsRole(role: .cpo, businessDetails: BusinessDetails(name: businessName), partyID: partyID, countryCode: countryCode)
    }
}
