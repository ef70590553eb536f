public import HTTPTypes

/// The header names OCPI 2.2.1 adds (transport and format: request ids and the routing headers).
extension HTTPField.Name {
    // Literal, valid header names: these initialisers cannot fail.
    public static let ocpiRequestID = HTTPField.Name("X-Request-ID")!
    public static let ocpiCorrelationID = HTTPField.Name("X-Correlation-ID")!
    public static let ocpiToCountryCode = HTTPField.Name("OCPI-to-country-code")!
    public static let ocpiToPartyID = HTTPField.Name("OCPI-to-party-id")!
    public static let ocpiFromCountryCode = HTTPField.Name("OCPI-from-country-code")!
    public static let ocpiFromPartyID = HTTPField.Name("OCPI-from-party-id")!
    public static let ocpiTotalCount = HTTPField.Name("X-Total-Count")!
    public static let ocpiLimit = HTTPField.Name("X-Limit")!
    public static let link = HTTPField.Name("Link")!
}
