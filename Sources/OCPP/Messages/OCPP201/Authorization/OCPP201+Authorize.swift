extension OCPP201 {
    /// Asks whether an idToken may charge (with ISO 15118 certificate data when there is some).
    public struct AuthorizeRequest: OCPP201.Request {
        public typealias Response = AuthorizeResponse
        public static let action = "Authorize"

        public var idToken: IdToken
        /// The contract certificate chain, PEM encoded.
        public var certificate: String?
        public var iso15118CertificateHashData: [OCSPRequestData]?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            idToken: IdToken,
            certificate: String? = nil,
            iso15118CertificateHashData: [OCSPRequestData]? = nil,
            customData: CustomData? = nil
        ) {
            self.idToken = idToken
            self.certificate = certificate
            self.iso15118CertificateHashData = iso15118CertificateHashData
            self.customData = customData
        }
    }

    /// The verdict on an idToken, and on its certificate if one was sent.
    public struct AuthorizeResponse: OCPPPayload {
        public var idTokenInfo: IdTokenInfo
        public var certificateStatus: AuthorizeCertificateStatus?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            idTokenInfo: IdTokenInfo,
            certificateStatus: AuthorizeCertificateStatus? = nil,
            customData: CustomData? = nil
        ) {
            self.idTokenInfo = idTokenInfo
            self.certificateStatus = certificateStatus
            self.customData = customData
        }
    }

    /// What an OCSP responder needs to check one certificate.
    public struct OCSPRequestData: Codable, Sendable, Hashable {
        public var hashAlgorithm: HashAlgorithm
        public var issuerNameHash: String
        public var issuerKeyHash: String
        public var serialNumber: String
        public var responderURL: String
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            hashAlgorithm: HashAlgorithm,
            issuerNameHash: String,
            issuerKeyHash: String,
            serialNumber: String,
            responderURL: String,
            customData: CustomData? = nil
        ) {
            self.hashAlgorithm = hashAlgorithm
            self.issuerNameHash = issuerNameHash
            self.issuerKeyHash = issuerKeyHash
            self.serialNumber = serialNumber
            self.responderURL = responderURL
            self.customData = customData
        }
    }

    /// A hash algorithm.
    public enum HashAlgorithm: String, Codable, Sendable, Hashable, CaseIterable {
        case sha256 = "SHA256"
        case sha384 = "SHA384"
        case sha512 = "SHA512"
    }

    /// The verdict on a contract certificate.
    public enum AuthorizeCertificateStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case signatureError = "SignatureError"
        case certificateExpired = "CertificateExpired"
        case certificateRevoked = "CertificateRevoked"
        case noCertificateAvailable = "NoCertificateAvailable"
        case certChainError = "CertChainError"
        case contractCancelled = "ContractCancelled"
    }
}

extension OCPP201.AuthorizeRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("certificate", 5500) { $0.certificate },
        .items("iso15118CertificateHashData", minimum: 1, maximum: 4) { $0.iso15118CertificateHashData?.count },
    ]
}

extension OCPP201.OCSPRequestData: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("issuerNameHash", 128) { $0.issuerNameHash },
        .maxLength("issuerKeyHash", 128) { $0.issuerKeyHash },
        .maxLength("serialNumber", 40) { $0.serialNumber },
        .maxLength("responderURL", 512) { $0.responderURL },
    ]
}
