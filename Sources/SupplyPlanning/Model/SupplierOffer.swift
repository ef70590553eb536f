public import Foundation
public import Tariffs

/// How far a window's figures can be trusted: a fresh feed, a forecast older than its feed's bound, or the
/// contract's fallback because no feed covers the window.
public enum OfferQuality: String, Sendable, Hashable, Codable, CaseIterable {
    case fresh, stale, fallback
}

/// What one supplier offers in one window: the merged view of its feeds (price, mix, capacity).
public struct WindowOffer: Sendable, Hashable, Codable {
    /// Price of imported energy, currency per kWh (the supplier contract's currency).
    public var pricePerKWh: Decimal
    /// Price paid for energy fed back, currency per kWh, when the contract buys it.
    public var exportPricePerKWh: Decimal?
    /// Renewable share 0...1, when known.
    public var renewableShare: Double?
    /// Emissions, g CO2 per kWh, when known.
    public var carbonGramsPerKWh: Double?
    /// The supplier's capacity over all groups it serves in this window, W (nil: only the contract's).
    public var capacityW: Double?
    /// Capacity for particular groups in this window, W (an OSCP capacity forecast, an OpenADR limit).
    public var groupCapacityW: [String: Double]
    public var quality: OfferQuality
    /// Where the figures came from, e.g. "openadr event 42 (mod 1)", "entsoe A44", "contract fallback".
    public var source: String
    /// How old the figures were when the plan was made, s (now minus when the feed delivered them).
    public var age: TimeInterval?
    /// Why the quality is what it is, in an admin's words (e.g. "feed failing since 05:40: connection refused").
    public var qualityReason: String?

    public init(
        pricePerKWh: Decimal, exportPricePerKWh: Decimal? = nil, renewableShare: Double? = nil, carbonGramsPerKWh: Double? = nil,
        capacityW: Double? = nil, groupCapacityW: [String: Double] = [:], quality: OfferQuality, source: String,
        age: TimeInterval? = nil, qualityReason: String? = nil
    ) {
        self.pricePerKWh = pricePerKWh
        self.exportPricePerKWh = exportPricePerKWh
        self.renewableShare = renewableShare
        self.carbonGramsPerKWh = carbonGramsPerKWh
        self.capacityW = capacityW
        self.groupCapacityW = groupCapacityW
        self.quality = quality
        self.source = source
        self.age = age
        self.qualityReason = qualityReason
    }
}

/// A DSO or energy supplier as the planner sees it: its contract and its offer per window.
public struct SupplierOffer: Sendable, Equatable, Codable, Identifiable {
    public var id: String
    public var currency: String
    /// The groups the contract lets it supply.
    public var groups: Set<String>
    /// The contract's connection capacity over all its groups, W.
    public var contractCapacityW: Double
    /// The contract's price when no feed covers a window, currency per kWh.
    public var fallbackPricePerKWh: Decimal
    /// The contract's energy mix, used when a window has none.
    public var energyMix: EnergyMix?
    /// The offer per window; a window missing here is offered at the fallback price.
    public var windows: [SupplyWindow: WindowOffer]

    public init(
        id: String, currency: String, groups: Set<String>, contractCapacityW: Double, fallbackPricePerKWh: Decimal,
        energyMix: EnergyMix? = nil, windows: [SupplyWindow: WindowOffer] = [:]
    ) {
        self.id = id
        self.currency = currency
        self.groups = groups
        self.contractCapacityW = contractCapacityW
        self.fallbackPricePerKWh = fallbackPricePerKWh
        self.energyMix = energyMix
        self.windows = windows
    }
}
