import Foundation
public import Tariffs

/// A supply's green figures for one interval: its mix, renewable share 0...1 and CO2 g/kWh, each when known.
public struct SupplyEnergyFigures: Sendable, Equatable {
    public var energyMix: EnergyMix?
    public var renewableShare: Double?
    public var carbonGramsPerKWh: Double?

    public init(energyMix: EnergyMix? = nil, renewableShare: Double? = nil, carbonGramsPerKWh: Double? = nil) {
        self.energyMix = energyMix
        self.renewableShare = renewableShare
        self.carbonGramsPerKWh = carbonGramsPerKWh
    }
}

/// The renewable share and CO2 of an OCPI EnergyMix, and a DSO's figures for an interval: the feed's own,
/// else derived from the feed's mix, else the contract's static mix and CO2.
public enum EnergyMixFigures {
    /// The OCPI sources counted as renewable.
    public static let renewableSources: Set<EnergySourceCategory> = [.solar, .wind, .water, .generalGreen]

    /// The renewable sources' share of all listed sources (0...1). Without sources: 1 when the mix says it is
    /// green (OCPI: 100 % renewable), else unknown.
    public static func renewableShare(of mix: EnergyMix) -> Double? {
        guard let sources = mix.energySources, !sources.isEmpty else { return mix.isGreenEnergy ? 1 : nil }
        let total = sources.reduce(Decimal(0)) { $0 + max($1.percentage, 0) }
        guard total > 0 else { return mix.isGreenEnergy ? 1 : nil }
        let renewable = sources.filter { renewableSources.contains($0.source) }.reduce(Decimal(0)) { $0 + max($1.percentage, 0) }
        let share = NSDecimalNumber(decimal: renewable / total).doubleValue
        return min(max(share, 0), 1)
    }

    /// The mix's CARBON_DIOXIDE environmental impact, g/kWh.
    public static func carbonGramsPerKWh(of mix: EnergyMix) -> Double? {
        guard let impact = mix.environImpact?.first(where: { $0.category == .carbonDioxide }) else { return nil }
        let grams = NSDecimalNumber(decimal: impact.amount).doubleValue
        return grams.isFinite && grams >= 0 ? grams : nil
    }

    /// The contract's static figures, for windows no feed describes.
    public static func figures(of contract: SupplyContract) -> SupplyEnergyFigures {
        SupplyEnergyFigures(
            energyMix: contract.energyMix, renewableShare: contract.energyMix.flatMap(renewableShare(of:)),
            carbonGramsPerKWh: contract.carbonGramsPerKWh ?? contract.energyMix.flatMap(carbonGramsPerKWh(of:)))
    }

    /// An interval's figures: each one the feed gave, else derived from the feed's mix, else the contract's.
    public static func figures(of interval: ForecastInterval, contract: SupplyContract) -> SupplyEnergyFigures {
        let fallback = figures(of: contract)
        let mix = interval.energyMix
        return SupplyEnergyFigures(
            energyMix: mix ?? fallback.energyMix,
            renewableShare: interval.renewableShare ?? mix.flatMap(renewableShare(of:)) ?? fallback.renewableShare,
            carbonGramsPerKWh: interval.carbonGramsPerKWh ?? mix.flatMap(carbonGramsPerKWh(of:)) ?? fallback.carbonGramsPerKWh)
    }
}
