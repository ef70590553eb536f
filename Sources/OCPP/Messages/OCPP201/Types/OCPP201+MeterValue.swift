public import Foundation

extension OCPP201 {
    /// Readings taken at one moment.
    public struct MeterValue: Codable, Sendable, Hashable {
        public var sampledValues: [SampledValue]
        public var timestamp: Date
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(sampledValues: [SampledValue], timestamp: Date, customData: CustomData? = nil) {
            self.sampledValues = sampledValues
            self.timestamp = timestamp
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case sampledValues = "sampledValue"
            case timestamp
            case customData
        }
    }

    /// One reading: a number with what, where and in which unit it was measured.
    public struct SampledValue: Codable, Sendable, Hashable {
        public var value: Double
        /// Absent means `Sample.Periodic`.
        public var context: ReadingContext?
        /// Absent means `Energy.Active.Import.Register`.
        public var measurand: Measurand?
        public var phase: Phase?
        /// Absent means `Outlet`.
        public var location: Location?
        public var signedMeterValue: SignedMeterValue?
        public var unitOfMeasure: UnitOfMeasure?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            value: Double,
            context: ReadingContext? = nil,
            measurand: Measurand? = nil,
            phase: Phase? = nil,
            location: Location? = nil,
            signedMeterValue: SignedMeterValue? = nil,
            unitOfMeasure: UnitOfMeasure? = nil,
            customData: CustomData? = nil
        ) {
            self.value = value
            self.context = context
            self.measurand = measurand
            self.phase = phase
            self.location = location
            self.signedMeterValue = signedMeterValue
            self.unitOfMeasure = unitOfMeasure
            self.customData = customData
        }
    }

    /// A reading signed by the meter, with how to check the signature.
    public struct SignedMeterValue: Codable, Sendable, Hashable {
        public var signedMeterData: String
        public var signingMethod: String
        public var encodingMethod: String
        public var publicKey: String
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            signedMeterData: String,
            signingMethod: String,
            encodingMethod: String,
            publicKey: String,
            customData: CustomData? = nil
        ) {
            self.signedMeterData = signedMeterData
            self.signingMethod = signingMethod
            self.encodingMethod = encodingMethod
            self.publicKey = publicKey
            self.customData = customData
        }
    }

    /// A unit and a power-of-ten multiplier.
    public struct UnitOfMeasure: Codable, Sendable, Hashable {
        /// Absent means Wh.
        public var unit: String?
        /// The value is multiplied by 10 to this power; absent means 0.
        public var multiplier: Int?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(unit: String? = nil, multiplier: Int? = nil, customData: CustomData? = nil) {
            self.unit = unit
            self.multiplier = multiplier
            self.customData = customData
        }
    }
}

extension OCPP201.MeterValue: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("sampledValue", minimum: 1) { $0.sampledValues.count },
    ]
}

extension OCPP201.SignedMeterValue: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("signedMeterData", 2500) { $0.signedMeterData },
        .maxLength("signingMethod", 50) { $0.signingMethod },
        .maxLength("encodingMethod", 50) { $0.encodingMethod },
        .maxLength("publicKey", 2500) { $0.publicKey },
    ]
}

extension OCPP201.UnitOfMeasure: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("unit", 20) { $0.unit },
    ]
}
