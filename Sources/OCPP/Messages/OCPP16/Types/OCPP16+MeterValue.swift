public import Foundation

extension OCPP16 {
    /// Readings taken at one moment.
    public struct MeterValue: Codable, Sendable, Hashable {
        public var timestamp: Date
        /// At least one in MeterValues.
        public var sampledValues: [SampledValue]

        public init(timestamp: Date, sampledValues: [SampledValue]) {
            self.timestamp = timestamp
            self.sampledValues = sampledValues
        }

        enum CodingKeys: String, CodingKey {
            case timestamp
            case sampledValues = "sampledValue"
        }
    }

    /// One reading: a value as text, with what, where and in which unit it was measured.
    public struct SampledValue: Codable, Sendable, Hashable {
        /// The value as text (a decimal number unless `format` is `SignedData`).
        public var value: String
        public var context: ReadingContext?
        public var format: ValueFormat?
        /// Absent means `Energy.Active.Import.Register`.
        public var measurand: Measurand?
        public var phase: Phase?
        public var location: Location?
        /// Absent means Wh.
        public var unit: UnitOfMeasure?

        public init(
            value: String,
            context: ReadingContext? = nil,
            format: ValueFormat? = nil,
            measurand: Measurand? = nil,
            phase: Phase? = nil,
            location: Location? = nil,
            unit: UnitOfMeasure? = nil
        ) {
            self.value = value
            self.context = context
            self.format = format
            self.measurand = measurand
            self.phase = phase
            self.location = location
            self.unit = unit
        }
    }
}
