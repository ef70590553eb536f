import Foundation

/// A supplier's terms for one window as the planner ranks them: its offer for the window, or its contract's
/// fallback price when no feed covers the window, with the contract's energy mix where the offer has none.
/// Figures that cannot be used are made safe here: an offer without a price counts as no offer, a NaN or
/// negative capacity as none, a share outside 0...1 is clamped, a NaN share or CO2 is unknown.
struct WindowTerms {
    var supplier: String
    var pricePerKWh: Decimal
    var exportPricePerKWh: Decimal?
    var renewableShare: Double?
    var carbonGramsPerKWh: Double?
    /// The supplier's capacity over all its groups in this window, W: the lower of the contract's and the offer's.
    var capacityW: Double
    var groupCapacityW: [String: Double]
    var quality: OfferQuality
    var source: String
    var age: TimeInterval?
    var qualityReason: String?
    /// False when no feed covers the window and the contract's fallback price stands in.
    var covered: Bool

    init(_ offer: SupplierOffer, in window: SupplyWindow, mix: ContractMix) {
        supplier = offer.id
        let contractCapacity = Self.capacity(offer.contractCapacityW)
        if let windowOffer = offer.windows[window], !windowOffer.pricePerKWh.isNaN {
            pricePerKWh = windowOffer.pricePerKWh
            exportPricePerKWh = windowOffer.exportPricePerKWh
            renewableShare = Self.share(windowOffer.renewableShare) ?? mix.renewableShare
            carbonGramsPerKWh = Self.carbon(windowOffer.carbonGramsPerKWh) ?? mix.carbonGramsPerKWh
            capacityW = windowOffer.capacityW.map { min(contractCapacity, Self.capacity($0)) } ?? contractCapacity
            groupCapacityW = windowOffer.groupCapacityW
            quality = windowOffer.quality
            source = windowOffer.source
            age = windowOffer.age
            qualityReason = windowOffer.qualityReason
            covered = true
        } else {
            pricePerKWh = offer.fallbackPricePerKWh
            exportPricePerKWh = nil
            renewableShare = mix.renewableShare
            carbonGramsPerKWh = mix.carbonGramsPerKWh
            capacityW = contractCapacity
            groupCapacityW = [:]
            quality = .fallback
            source = "contract fallback"
            age = nil
            qualityReason = nil
            covered = false
        }
    }

    /// What this supplier may give `group` in the window, W, before other groups' shares are taken.
    func groupLimitW(_ group: String) -> Double? {
        groupCapacityW[group].map(Self.capacity)
    }

    static func capacity(_ watts: Double) -> Double { watts.isNaN ? 0 : max(0, watts) }
    static func share(_ share: Double?) -> Double? { share.flatMap { $0.isNaN ? nil : min(1, max(0, $0)) } }
    static func carbon(_ grams: Double?) -> Double? { grams.flatMap { $0.isFinite ? max(0, $0) : nil } }
}

/// The figures of a supplier's contract mix, worked out once per plan.
struct ContractMix {
    var renewableShare: Double?
    var carbonGramsPerKWh: Double?

    init(_ offer: SupplierOffer) {
        renewableShare = WindowTerms.share(offer.energyMix?.renewableShare)
        carbonGramsPerKWh = WindowTerms.carbon(offer.energyMix?.carbonGramsPerKWh)
    }
}
