public import Foundation

/// How an admin wants the supplier chosen in each window, among the suppliers with room for the group.
public enum SupplyPolicy: Sendable, Hashable, Codable {
    /// The lowest energy price.
    case cheapest
    /// The highest renewable share; the lower price between equal shares.
    case greenest
    /// The lowest price plus the CO2 emitted priced at `pricePerKilogram` (currency per kg CO2).
    case costWithCarbonPrice(pricePerKilogram: Decimal)
    /// The cheapest supplier whose renewable share is at least `share` (0...1); the greenest when none is.
    case minimumRenewableShare(Double)
}
