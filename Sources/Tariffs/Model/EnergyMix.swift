public import Foundation

/// Where the energy sold under a tariff comes from (OCPI EnergyMix).
public struct EnergyMix: Codable, Sendable, Equatable {
    public var isGreenEnergy: Bool
    public var energySources: [EnergySource]?
    public var environImpact: [EnvironmentalImpact]?
    public var supplierName: String?
    public var energyProductName: String?

    public init(
        isGreenEnergy: Bool, energySources: [EnergySource]? = nil, environImpact: [EnvironmentalImpact]? = nil,
        supplierName: String? = nil, energyProductName: String? = nil
    ) {
        self.isGreenEnergy = isGreenEnergy
        self.energySources = energySources
        self.environImpact = environImpact
        self.supplierName = supplierName
        self.energyProductName = energyProductName
    }

    enum CodingKeys: String, CodingKey {
        case isGreenEnergy = "is_green_energy", energySources = "energy_sources", environImpact = "environ_impact"
        case supplierName = "supplier_name", energyProductName = "energy_product_name"
    }
}

/// One source's share of the energy, percent.
public struct EnergySource: Codable, Sendable, Equatable {
    public var source: EnergySourceCategory
    public var percentage: Decimal

    public init(source: EnergySourceCategory, percentage: Decimal) {
        self.source = source
        self.percentage = percentage
    }
}

/// OCPI EnergySourceCategory.
public enum EnergySourceCategory: String, Codable, Sendable, CaseIterable {
    case nuclear = "NUCLEAR", generalFossil = "GENERAL_FOSSIL", coal = "COAL", gas = "GAS"
    case generalGreen = "GENERAL_GREEN", solar = "SOLAR", wind = "WIND", water = "WATER"
}

/// Waste or emission per kWh (OCPI EnvironmentalImpact): g/kWh.
public struct EnvironmentalImpact: Codable, Sendable, Equatable {
    public var category: EnvironmentalImpactCategory
    public var amount: Decimal

    public init(category: EnvironmentalImpactCategory, amount: Decimal) {
        self.category = category
        self.amount = amount
    }
}

/// OCPI EnvironmentalImpactCategory.
public enum EnvironmentalImpactCategory: String, Codable, Sendable, CaseIterable {
    case nuclearWaste = "NUCLEAR_WASTE"
    case carbonDioxide = "CARBON_DIOXIDE"
}
