extension OCPP201 {
    /// An ISO 15118 sales tariff sent along with a charging schedule.
    public struct SalesTariff: Codable, Sendable, Hashable {
        public var id: Int
        public var salesTariffDescription: String?
        public var numEPriceLevels: Int?
        public var salesTariffEntries: [SalesTariffEntry]
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            id: Int,
            salesTariffDescription: String? = nil,
            numEPriceLevels: Int? = nil,
            salesTariffEntries: [SalesTariffEntry],
            customData: CustomData? = nil
        ) {
            self.id = id
            self.salesTariffDescription = salesTariffDescription
            self.numEPriceLevels = numEPriceLevels
            self.salesTariffEntries = salesTariffEntries
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case id
            case salesTariffDescription
            case numEPriceLevels
            case salesTariffEntries = "salesTariffEntry"
            case customData
        }
    }

    /// One interval of a sales tariff with its price level and costs.
    public struct SalesTariffEntry: Codable, Sendable, Hashable {
        public var relativeTimeInterval: RelativeTimeInterval
        public var ePriceLevel: Int?
        public var consumptionCosts: [ConsumptionCost]?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            relativeTimeInterval: RelativeTimeInterval,
            ePriceLevel: Int? = nil,
            consumptionCosts: [ConsumptionCost]? = nil,
            customData: CustomData? = nil
        ) {
            self.relativeTimeInterval = relativeTimeInterval
            self.ePriceLevel = ePriceLevel
            self.consumptionCosts = consumptionCosts
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case relativeTimeInterval
            case ePriceLevel
            case consumptionCosts = "consumptionCost"
            case customData
        }
    }

    /// An interval in seconds from the start of the schedule.
    public struct RelativeTimeInterval: Codable, Sendable, Hashable {
        public var start: Int
        public var duration: Int?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(start: Int, duration: Int? = nil, customData: CustomData? = nil) {
            self.start = start
            self.duration = duration
            self.customData = customData
        }
    }

    /// Costs that apply from an amount of energy on.
    public struct ConsumptionCost: Codable, Sendable, Hashable {
        public var startValue: Double
        public var costs: [Cost]
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(startValue: Double, costs: [Cost], customData: CustomData? = nil) {
            self.startValue = startValue
            self.costs = costs
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case startValue
            case costs = "cost"
            case customData
        }
    }

    /// One cost: its kind and an amount with a power-of-ten multiplier.
    public struct Cost: Codable, Sendable, Hashable {
        public var costKind: CostKind
        public var amount: Int
        public var amountMultiplier: Int?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(costKind: CostKind, amount: Int, amountMultiplier: Int? = nil, customData: CustomData? = nil) {
            self.costKind = costKind
            self.amount = amount
            self.amountMultiplier = amountMultiplier
            self.customData = customData
        }
    }

    /// What a cost measures.
    public enum CostKind: String, Codable, Sendable, Hashable, CaseIterable {
        case carbonDioxideEmission = "CarbonDioxideEmission"
        case relativePricePercentage = "RelativePricePercentage"
        case renewableGenerationPercentage = "RenewableGenerationPercentage"
    }
}

extension OCPP201.SalesTariff: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("salesTariffDescription", 32) { $0.salesTariffDescription },
        .items("salesTariffEntry", minimum: 1, maximum: 1024) { $0.salesTariffEntries.count },
    ]
}

extension OCPP201.SalesTariffEntry: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .minimum("ePriceLevel", 0) { $0.ePriceLevel },
        .items("consumptionCost", minimum: 1, maximum: 3) { $0.consumptionCosts?.count },
    ]
}

extension OCPP201.ConsumptionCost: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("cost", minimum: 1, maximum: 3) { $0.costs.count },
    ]
}
