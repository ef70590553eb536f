import Foundation
import SupplyPlanning
import Tariffs

/// Merges a DSO's stored forecasts into its offer per window, as the planner takes it.
///
/// Per window: the price of the freshest price forecast (the latest received) plus the contract's surcharge;
/// the capacity, the least any capacity forecast gives (for the whole contract, or per group); mix, renewable
/// share and CO2 from a forecast, else from the contract. A forecast is used only while its feed's last success
/// is within the contract's `forecastBoundSeconds`; then the offer is `fresh`, or `stale` while the feed's last
/// attempt failed. A window without a usable price gets the contract's fallback price (`fallback`), its source
/// saying why.
enum SupplierOffers {
    static func make(dso: DSO, forecasts: [StoredForecast], statuses: [FeedStatus], windows: [SupplyWindow], now: Date) -> SupplierOffer {
        let contract = dso.contract
        let status = Dictionary(statuses.filter { $0.dso == dso.id }.map { ($0.feed, $0) }, uniquingKeysWith: { first, _ in first })
        let own = forecasts.filter { $0.dso == dso.id }
        func usable(_ forecast: StoredForecast) -> Bool {
            guard let success = status[forecast.feed]?.lastSuccessAt else { return false }
            return now.timeIntervalSince(success) <= contract.forecastBoundSeconds
        }
        let contractShare = contract.energyMix.flatMap(renewableShare)
        let contractCarbon = contract.carbonGramsPerKWh ?? contract.energyMix.flatMap(carbon)
        var offers: [SupplyWindow: WindowOffer] = [:]
        for window in windows {
            let covering = own.filter { $0.interval.start < window.end && $0.interval.end > window.start }
            let fresh = covering.filter(usable)
            let freshest = { (rows: [StoredForecast]) in rows.max { ($0.receivedAt, $0.interval.start) < ($1.receivedAt, $1.interval.start) } }
            let priced = fresh.filter { $0.interval.pricePerKWh != nil && ($0.interval.currency ?? contract.currency) == contract.currency }
            var offer: WindowOffer
            if let row = freshest(priced), let price = row.interval.pricePerKWh {
                let failing = status[row.feed]?.isFailing == true
                offer = WindowOffer(
                    pricePerKWh: price + contract.surchargePerKWh, quality: failing ? .stale : .fresh,
                    source: failing ? "\(row.feed): \(row.source) (the feed is failing: \(status[row.feed]?.lastError ?? ""))" : "\(row.feed): \(row.source)")
            } else {
                offer = WindowOffer(
                    pricePerKWh: contract.fallbackPricePerKWh, quality: .fallback,
                    source: fallbackReason(dso: dso, covering: covering, status: status, now: now))
            }
            let exported = fresh.filter { $0.interval.exportPricePerKWh != nil && ($0.interval.currency ?? contract.currency) == contract.currency }
            offer.exportPricePerKWh = freshest(exported)?.interval.exportPricePerKWh
            let shares = fresh.filter { $0.interval.renewableShare != nil || $0.interval.energyMix.flatMap(renewableShare) != nil }
            offer.renewableShare = freshest(shares).flatMap { $0.interval.renewableShare ?? $0.interval.energyMix.flatMap(renewableShare) } ?? contractShare
            let carbons = fresh.filter { $0.interval.carbonGramsPerKWh != nil || $0.interval.energyMix.flatMap(carbon) != nil }
            offer.carbonGramsPerKWh = freshest(carbons).flatMap { $0.interval.carbonGramsPerKWh ?? $0.interval.energyMix.flatMap(carbon) } ?? contractCarbon
            for row in fresh {
                guard let capacity = row.interval.capacityW else { continue }
                if let group = row.interval.group {
                    offer.groupCapacityW[group] = min(offer.groupCapacityW[group] ?? capacity, capacity)
                } else {
                    offer.capacityW = min(offer.capacityW ?? capacity, capacity)
                }
            }
            offers[window] = offer
        }
        return SupplierOffer(
            id: dso.id, currency: contract.currency, groups: Set(contract.groups), contractCapacityW: contract.capacityW,
            fallbackPricePerKWh: contract.fallbackPricePerKWh, energyMix: contract.energyMix, windows: offers)
    }

    /// The energy mix of the DSO in the window: the freshest usable forecast's, else the contract's.
    static func energyMix(dso: DSO, forecasts: [StoredForecast], statuses: [FeedStatus], window: SupplyWindow, now: Date) -> EnergyMix? {
        let mixes = forecasts.filter { forecast in
            guard forecast.dso == dso.id, forecast.interval.energyMix != nil, forecast.interval.start < window.end, forecast.interval.end > window.start,
                let success = statuses.first(where: { $0.dso == dso.id && $0.feed == forecast.feed })?.lastSuccessAt
            else { return false }
            return now.timeIntervalSince(success) <= dso.contract.forecastBoundSeconds
        }
        return mixes.max { ($0.receivedAt, $0.interval.start) < ($1.receivedAt, $1.interval.start) }?.interval.energyMix ?? dso.contract.energyMix
    }

    private static func fallbackReason(dso: DSO, covering: [StoredForecast], status: [String: FeedStatus], now: Date) -> String {
        let bound = dso.contract.forecastBoundSeconds
        if let old = covering.first(where: { $0.interval.pricePerKWh != nil }) {
            if let currency = old.interval.currency, currency != dso.contract.currency, status[old.feed]?.lastSuccessAt.map({ now.timeIntervalSince($0) <= bound }) == true {
                return "contract fallback price: \(old.feed)'s price is in \(currency), the contract's in \(dso.contract.currency)"
            }
            let age = status[old.feed]?.lastSuccessAt.map { "\(Int(now.timeIntervalSince($0))) s ago" } ?? "never"
            return "contract fallback price: \(old.feed) last succeeded \(age), beyond the \(Int(bound)) s forecast bound"
        }
        return "contract fallback price: no price forecast covers the window"
    }

    /// The share of solar, wind, water and general green sources, 0...1.
    static func renewableShare(_ mix: EnergyMix) -> Double? {
        guard let sources = mix.energySources, !sources.isEmpty else { return mix.isGreenEnergy ? 1 : nil }
        let green: Set<EnergySourceCategory> = [.solar, .wind, .water, .generalGreen]
        let total = sources.reduce(Decimal(0)) { $0 + $1.percentage }
        guard total > 0 else { return nil }
        let share = sources.filter { green.contains($0.source) }.reduce(Decimal(0)) { $0 + $1.percentage } / total
        return min(1, max(0, NSDecimalNumber(decimal: share).doubleValue))
    }

    static func carbon(_ mix: EnergyMix) -> Double? {
        mix.environImpact?.first { $0.category == .carbonDioxide }.map { NSDecimalNumber(decimal: $0.amount).doubleValue }
    }
}
