import Foundation
import Tariffs

extension EnergyMix {
    /// The renewable share 0...1 the mix states: its green sources' percentages, or all of it when it is flagged
    /// green without sources; nil when it says neither.
    var renewableShare: Double? {
        guard let sources = energySources, !sources.isEmpty else { return isGreenEnergy ? 1 : nil }
        let green = sources.filter { $0.source.isRenewable }.reduce(Decimal(0)) { $0 + $1.percentage }
        return NSDecimalNumber(decimal: green / 100).doubleValue
    }

    /// The CO2 the mix states, g/kWh.
    var carbonGramsPerKWh: Double? {
        environImpact?.first { $0.category == .carbonDioxide }.map { NSDecimalNumber(decimal: $0.amount).doubleValue }
    }
}

extension EnergySourceCategory {
    var isRenewable: Bool {
        switch self {
        case .generalGreen, .solar, .wind, .water: true
        case .nuclear, .generalFossil, .coal, .gas: false
        }
    }
}
