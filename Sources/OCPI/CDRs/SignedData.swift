/// Signed meter values of a CDR, for calibration-law checks (OCPI SignedData).
public struct SignedData: Codable, Sendable, Equatable {
    public var encodingMethod: String
    public var encodingMethodVersion: Int?
    public var publicKey: String?
    public var signedValues: [SignedValue]
    public var url: String?

    public init(
        encodingMethod: String, encodingMethodVersion: Int? = nil, publicKey: String? = nil,
        signedValues: [SignedValue], url: String? = nil
    ) {
        self.encodingMethod = encodingMethod
        self.encodingMethodVersion = encodingMethodVersion
        self.publicKey = publicKey
        self.signedValues = signedValues
        self.url = url
    }

    enum CodingKeys: String, CodingKey {
        case encodingMethod = "encoding_method", encodingMethodVersion = "encoding_method_version"
        case publicKey = "public_key", signedValues = "signed_values", url
    }
}

extension SignedData: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(encodingMethod, "encoding_method", .ciString(max: 36))
        try path.text(publicKey, "public_key", .string(max: 512))
        try path.objects(signedValues, "signed_values", atLeastOne: true)
        try path.text(url, "url", .string(max: 512))
    }
}

/// One signed meter value (OCPI SignedValue).
public struct SignedValue: Codable, Sendable, Equatable {
    public var nature: String
    public var plainData: String
    public var signedData: String

    public init(nature: String, plainData: String, signedData: String) {
        self.nature = nature
        self.plainData = plainData
        self.signedData = signedData
    }

    enum CodingKeys: String, CodingKey {
        case nature, plainData = "plain_data", signedData = "signed_data"
    }
}

extension SignedValue: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(nature, "nature", .ciString(max: 32))
        try path.text(plainData, "plain_data", .string(max: 512))
        try path.text(signedData, "signed_data", .string(max: 5000))
    }
}
