import Foundation
import SupplyPlanning
import Tariffs

/// What the Energy page shows, from the supply service's stores: each DSO with its feeds' health and its offer
/// for the next 24 hours (merged from its forecasts exactly as the planner gets it: `SupplierOffers`), the
/// stored plan per group, and the monitoring's daily totals.
struct EnergyPageData: Sendable {
    let supply: PortalSupply

    struct DSOOffer: Sendable {
        let dso: DSO
        let feeds: [SupplyFeedView]
        /// The offer per window from the current one on, in time order.
        let windows: [(window: SupplyWindow, offer: WindowOffer)]
        /// The energy mix in the current window (the freshest usable forecast's, else the contract's).
        let currentMix: EnergyMix?
    }

    func offers(at now: Date, hours: Int = 24) async throws -> [DSOOffer] {
        let windows = SupplyWindow.windows(from: now, count: hours * 4)
        guard let first = windows.first, let last = windows.last else { return [] }
        let forecasts = try await supply.stores.forecasts.forecasts(from: first.start, to: last.end)
        let statuses = try await supply.stores.forecasts.statuses()
        return try await supply.stores.dsos.all().map { entry in
            let dso = entry.dso
            let offer = SupplierOffers.make(dso: dso, forecasts: forecasts, statuses: statuses, windows: windows, now: now)
            return DSOOffer(
                dso: dso,
                feeds: dso.feeds.map { feed in
                    SupplyFeedView(
                        dso: dso.id, feed: feed.kind, status: statuses.first { $0.dso == dso.id && $0.feed == feed.kind },
                        bound: dso.contract.forecastBoundSeconds, now: now)
                },
                windows: windows.compactMap { window in offer.windows[window].map { (window, $0) } },
                currentMix: SupplierOffers.energyMix(dso: dso, forecasts: forecasts, statuses: statuses, window: first, now: now))
        }
    }

    /// A run of a group's plan: consecutive windows with the same supplier, quality and cap.
    struct PlanSpan: Sendable {
        var start: Date
        var end: Date
        let supplier: String?
        let quality: OfferQuality
        let capW: Double
        /// The price of the span's first window.
        let firstPrice: Decimal
        var lowestPrice: Decimal
        var highestPrice: Decimal
        let currency: String
        /// The reasons of the span's first window.
        let reasons: [String]
    }

    /// The stored plan per group, from the current window for `hours`, as spans.
    func plan(at now: Date, hours: Int = 24) async throws -> [(group: String, spans: [PlanSpan])] {
        let from = SupplyWindow(containing: now).start
        let entries = try await supply.stores.plan.choices(from: from, to: from.addingTimeInterval(Double(hours) * 3600))
        var spans: [String: [PlanSpan]] = [:]
        for entry in entries.sorted(by: { ($0.choice.group, $0.choice.window.start) < ($1.choice.group, $1.choice.window.start) }) {
            let choice = entry.choice
            if var last = spans[choice.group]?.last, last.end == choice.window.start, last.supplier == choice.supplier,
                last.quality == choice.quality, last.capW == choice.capW, last.currency == entry.currency {
                last.end = choice.window.end
                last.lowestPrice = min(last.lowestPrice, choice.pricePerKWh)
                last.highestPrice = max(last.highestPrice, choice.pricePerKWh)
                let index = (spans[choice.group]?.count ?? 1) - 1
                spans[choice.group]?[index] = last
            } else {
                spans[choice.group, default: []].append(PlanSpan(
                    start: choice.window.start, end: choice.window.end, supplier: choice.supplier, quality: choice.quality, capW: choice.capW,
                    firstPrice: choice.pricePerKWh, lowestPrice: choice.pricePerKWh, highestPrice: choice.pricePerKWh, currency: entry.currency, reasons: choice.reasons))
            }
        }
        return spans.keys.sorted().map { ($0, spans[$0] ?? []) }
    }

    /// The monitoring's totals of the last `days` UTC days, today first.
    func dailyTotals(at now: Date, days: Int = 7) async throws -> [SupplyMonitor.DaySummary] {
        let today = Calendar.utc.startOfDay(for: now)
        var summaries: [SupplyMonitor.DaySummary] = []
        for back in 0..<days {
            summaries.append(try await supply.monitor.summary(day: today.addingTimeInterval(-Double(back) * 86_400)))
        }
        return summaries
    }
}
