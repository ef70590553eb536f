import Foundation
import Hummingbird
import SupplyPlanning
import Tariffs

extension PortalRoute {
    static let energy = PortalRoute(.get, "/portal/energy", .permission(.viewEnergy))
    static let energyCharts = PortalRoute(.get, "/portal/energy/charts.json", .permission(.viewEnergy))
    static let energyPolicy = PortalRoute(.post, "/portal/energy/policy", .permission(.editEnergyPolicy))
}

/// `/portal/energy`: the DSOs with their feeds' health, current price and mix and the next 24 hours' forecasts
/// (plotted from `charts.json`), the supply plan per group with its reasons, cost per day, and the policy, which
/// an admin changes (`POST /portal/energy/policy`: validated, audited, then the supply service replans).
extension PortalController {
    struct EnergyView: Sendable {
        let chartsURL = PortalRoute.energyCharts.path
        let dsos: [DSORow]
        let groups: [GroupPlan]
        let days: [DayRow]
        let currency: String
        let policy: PolicyView
    }

    struct DSORow: Sendable {
        let id: String
        let name: String
        let price: String
        let quality: String
        let renewable: String
        let co2: String
        let mix: String
        let range: String
        let groups: String
        let capacity: String
        let feeds: [FeedRow]
    }

    struct FeedRow: Sendable {
        let kind: String
        let state: String
        let detail: String
    }

    struct GroupPlan: Sendable {
        let group: String
        let open: Bool
        let now: String
        let spans: [SpanRow]
    }

    struct SpanRow: Sendable {
        let time: String
        let dso: String
        let price: String
        let cap: String
        let quality: String
        let reasons: [String]
    }

    struct DayRow: Sendable {
        let day: String
        let energy: String
        let cost: String
        let dsos: String
    }

    struct PolicyView: Sendable {
        let description: String
        let updated: String
        let form: PolicyForm?
    }

    struct PolicyForm: Sendable {
        struct Option: Sendable {
            let value: String
            let label: String
            let hint: String
            let checked: Bool
        }

        let csrf: String
        let currency: String
        let options: [Option]
        let pricePerKilogram: String
        let sharePercent: String
        let kindError: String?
        let priceError: String?
        let shareError: String?
    }

    /// What the policy form sent, as typed (shown again when it is refused).
    struct PolicyInput: Sendable {
        var kind: String
        var pricePerKilogram: String
        var sharePercent: String
        var errors: [String: String] = [:]
    }

    func energyPage(_ request: Request, _ call: Call) async throws -> Response {
        let session = try call.signedIn
        let query = PortalForm(encoded: request.uri.query ?? "")
        let notice: PortalNotice? = query["saved"] != nil ? .ok("The policy was saved; the supply plan is being made again with it.") : nil
        return try await energyView(session, input: nil, notice: notice, status: .ok)
    }

    func energyCharts() async throws -> Response {
        let supply = try portalSupply
        let now = clock.wallTime
        let offers = try await EnergyPageData(supply: supply).offers(at: now)
        let from = SupplyWindow(containing: now).start
        let to = from.addingTimeInterval(86_400)
        let colours = StationPlots.Colour.sockets
        let prices = PortalChart(
            id: "prices", title: "Price forecasts", unit: "\(supply.settings.currency)/kWh",
            empty: "No DSO is registered.", from: from, to: to, now: now,
            series: offers.enumerated().map { index, dso in
                .init(
                    label: dso.dso.name, color: colours[index % colours.count], stepped: true,
                    points: ChartPoints.steps(dso.windows.map { ($0.window.start, $0.window.end, NSDecimalNumber(decimal: $0.offer.pricePerKWh).doubleValue) }))
            })
        let renewable = PortalChart(
            id: "renewable", title: "Renewable share forecasts", unit: "%",
            empty: "No DSO reports its energy mix.", from: from, to: to, now: now,
            series: offers.enumerated().compactMap { index, dso in
                guard dso.windows.contains(where: { $0.offer.renewableShare != nil }) else { return nil }
                return .init(
                    label: dso.dso.name, color: colours[index % colours.count], stepped: true,
                    points: ChartPoints.steps(dso.windows.map { ($0.window.start, $0.window.end, $0.offer.renewableShare.map { $0 * 100 }) }))
            })
        return try Self.json(PortalCharts(charts: [prices, renewable]))
    }

    func saveEnergyPolicy(_ call: Call) async throws -> Response {
        let session = try call.signedIn
        let supply = try portalSupply
        var input = PolicyInput(
            kind: call.form["kind"] ?? "", pricePerKilogram: (call.form["price_per_kilogram"] ?? "").trimmingCharacters(in: .whitespaces),
            sharePercent: (call.form["share_percent"] ?? "").trimmingCharacters(in: .whitespaces))
        var document = SupplyPolicyDocument(kind: input.kind)
        switch input.kind {
        case "cost_with_carbon_price":
            if let price = Decimal(string: input.pricePerKilogram.replacingOccurrences(of: ",", with: "."), locale: Locale(identifier: "en_US_POSIX")),
                !input.pricePerKilogram.isEmpty, input.pricePerKilogram.allSatisfy({ $0.isNumber || ".,-+".contains($0) }) {
                document.pricePerKilogram = price
            } else {
                input.errors["price"] = "Enter the price of a kilogram of CO2 in \(supply.settings.currency), such as 0.08."
            }
        case "minimum_renewable_share":
            if let percent = Double(input.sharePercent.replacingOccurrences(of: ",", with: ".")), percent.isFinite {
                if (0...100).contains(percent) {
                    document.share = percent / 100
                } else {
                    input.errors["share"] = "The share must be 0 to 100 %."
                }
            } else {
                input.errors["share"] = "Enter the least renewable share in percent, such as 60."
            }
        case "cheapest", "greenest": break
        default: input.errors["kind"] = "Choose one of the four policies."
        }
        var chosen: SupplyPolicy?
        if input.errors.isEmpty {
            switch document.policy() {
            case .success(let policy): chosen = policy
            case .failure(let problem):
                let field = ["price_per_kilogram": "price", "share": "share"][problem.field] ?? "kind"
                input.errors[field] = field == "price" ? "The price per kg of CO2 must be 0 or more." : "This is not a policy: \(problem)."
            }
        }
        guard let chosen else {
            return try await energyView(session, input: input, notice: .error("The policy was not changed: see the form below."), status: .unprocessableContent)
        }
        let actor = try call.actor
        let now = clock.wallTime
        let store = supply.stores.policy
        let audit = audit
        // Read before the transaction: the transaction holds the database's (SQLite: only) connection.
        let before = try await store.current()
        try await database.transaction { connection in
            try await store.set(chosen, by: actor.name, at: now, on: connection)
            try await audit.record(
                actor: actor, action: "energy.policy", target: "supply-policy", before: SupplyPolicyDocument(before.policy),
                after: SupplyPolicyDocument(chosen), at: now, on: connection)
        }
        logger.notice("portal: \(actor.name) set the supply policy to \(document.kind)")
        supply.changed()
        return Self.redirect(to: "/portal/energy?saved=1")
    }

    private var portalSupply: PortalSupply {
        get throws {
            guard let supply = energySupply else { throw HTTPError(.serviceUnavailable, message: "The energy supply is not running.") }
            return supply
        }
    }

    private func energyView(_ session: PortalSession, input: PolicyInput?, notice: PortalNotice?, status: HTTPResponse.Status) async throws -> Response {
        let supply = try portalSupply
        let now = clock.wallTime
        let data = EnergyPageData(supply: supply)
        let currency = supply.settings.currency
        let dsos = try await data.offers(at: now).map { offer in
            let current = offer.windows.first?.offer
            let prices = offer.windows.map(\.offer.pricePerKWh)
            let contract = offer.dso.contract
            return DSORow(
                id: offer.dso.id, name: offer.dso.name,
                price: current.map { "\(Self.price($0.pricePerKWh)) \(contract.currency)/kWh" } ?? "—",
                quality: current?.quality.rawValue ?? "fallback",
                renewable: current?.renewableShare.map { PortalFormat.percent($0 * 100) } ?? "—",
                co2: current?.carbonGramsPerKWh.map { String(format: "%.0f g/kWh", $0) } ?? "—",
                mix: offer.currentMix.map(Self.mix) ?? "—",
                range: prices.min().flatMap { low in prices.max().map { "\(Self.price(low)) – \(Self.price($0)) \(contract.currency)/kWh" } } ?? "—",
                groups: contract.groups.joined(separator: ", "), capacity: PortalFormat.power(contract.capacityW),
                feeds: offer.feeds.map { feed in
                    FeedRow(kind: feed.feed, state: feed.state, detail: Self.feedDetail(feed))
                })
        }
        let plan = try await data.plan(at: now)
        let groups = plan.map { group, spans in
            GroupPlan(
                group: group, open: plan.count <= 6,
                now: spans.first.map { "now \($0.supplier ?? "no DSO") · \(Self.price($0.firstPrice)) \($0.currency)/kWh · cap \(PortalFormat.power($0.capW))" } ?? "",
                spans: spans.map { span in
                    SpanRow(
                        time: Self.span(from: span.start, to: span.end), dso: span.supplier ?? "no DSO",
                        price: span.lowestPrice == span.highestPrice
                            ? "\(Self.price(span.lowestPrice)) \(span.currency)/kWh"
                            : "\(Self.price(span.lowestPrice)) – \(Self.price(span.highestPrice)) \(span.currency)/kWh",
                        cap: PortalFormat.power(span.capW), quality: span.quality.rawValue, reasons: span.reasons)
                })
        }
        // Days without energy are left out (today stays, so the table always says where it stands).
        let days = try await data.dailyTotals(at: now).enumerated().filter { $0.offset == 0 || $0.element.energyWh > 0 }.map(\.element).map { day in
            DayRow(
                day: day.day, energy: Self.kWh(day.energyWh), cost: "\(Self.money(day.cost)) \(day.currency ?? currency)",
                dsos: day.dsos.isEmpty ? "—" : day.dsos.map { "\($0.dso): \(Self.kWh($0.energyWh)), \(Self.money($0.cost)) \(day.currency ?? currency)" }.joined(separator: " · "))
        }
        let policy = try await supply.stores.policy.current()
        let document = SupplyPolicyDocument(policy.policy)
        let updated = policy.updatedAt.flatMap { StoredTime.date($0 as String?) }.map { "Set by \(policy.updatedBy ?? "—") at \(PortalFormat.dateTime($0)) UTC." }
            ?? "The default: no one has set a policy yet."
        var form: PolicyForm?
        if session.role.may(.editEnergyPolicy) {
            let input = input ?? PolicyInput(
                kind: document.kind, pricePerKilogram: document.pricePerKilogram.map { "\($0)" } ?? "",
                sharePercent: document.share.map { String(format: "%g", $0 * 100) } ?? "")
            form = PolicyForm(
                csrf: session.csrfToken, currency: currency,
                options: Self.policyOptions.map { .init(value: $0.value, label: $0.label, hint: $0.hint, checked: $0.value == input.kind) },
                pricePerKilogram: input.pricePerKilogram, sharePercent: input.sharePercent, kindError: input.errors["kind"],
                priceError: input.errors["price"], shareError: input.errors["share"])
        }
        return try renderer.page(
            "energy",
            PortalPageContext(
                title: "Energy", chrome: chrome(session, current: "/portal/energy"), notice: notice,
                scripts: ["/portal/static/chart.js", "/portal/static/charts.js"],
                content: EnergyView(
                    dsos: dsos, groups: groups, days: days, currency: currency,
                    policy: PolicyView(description: Self.describe(policy.policy, currency: currency), updated: updated, form: form))),
            status: status)
    }

    static var policyOptions: [(value: String, label: String, hint: String)] { [
        ("cheapest", "Cheapest", "the lowest price in each window"),
        ("greenest", "Greenest", "the highest renewable share, then the lowest price"),
        ("cost_with_carbon_price", "Cost with a CO2 price", "the lowest price plus the CO2 at a price per kilogram"),
        ("minimum_renewable_share", "Minimum renewable share", "the cheapest with at least this share of renewable energy"),
    ] }

    static func describe(_ policy: SupplyPolicy, currency: String) -> String {
        switch policy {
        case .cheapest: return "Cheapest: the lowest price in each window."
        case .greenest: return "Greenest: the highest renewable share, then the lowest price."
        case .costWithCarbonPrice(let price): return "Cost with a CO2 price of \(price) \(currency) per kg."
        case .minimumRenewableShare(let share): return "Cheapest with at least \(PortalFormat.percent(share * 100)) renewable energy."
        }
    }

    static func feedDetail(_ feed: SupplyFeedView) -> String {
        switch feed.state {
        case "failing": return feed.lastError ?? "its last attempt failed"
        case "waiting": return "nothing heard yet"
        default:
            let age = feed.ageSeconds.map { "last success \(PortalFormat.duration($0)) ago" } ?? ""
            let until = feed.dataUntil.flatMap { StoredTime.date($0 as String?) }.map { ", data until \(PortalFormat.dateTime($0)) UTC" } ?? ""
            return age + until
        }
    }

    static func mix(_ mix: EnergyMix) -> String {
        guard let sources = mix.energySources, !sources.isEmpty else { return mix.isGreenEnergy ? "green energy" : "—" }
        return sources.map { "\($0.source.rawValue.lowercased().replacingOccurrences(of: "_", with: " ")) \(NSDecimalNumber(decimal: $0.percentage).intValue) %" }
            .joined(separator: " · ")
    }

    /// A price per kWh: 2 to 4 decimals.
    static func price(_ value: Decimal) -> String {
        var text = String(format: "%.4f", NSDecimalNumber(decimal: value).doubleValue)
        while text.hasSuffix("0"), let dot = text.firstIndex(of: "."), text.distance(from: dot, to: text.endIndex) > 3 { text.removeLast() }
        return text
    }

    static func money(_ value: Decimal) -> String {
        String(format: "%.2f", NSDecimalNumber(decimal: value).doubleValue)
    }

    /// `13:30–18:00`, or `13:30–13:30 next day` for a span that ends on a later UTC day.
    static func span(from start: Date, to end: Date) -> String {
        let days = Calendar.utc.dateComponents([.day], from: Calendar.utc.startOfDay(for: start), to: Calendar.utc.startOfDay(for: end)).day ?? 0
        let midnight = Self.hourMinute(end) == "00:00" && days == 1
        return "\(Self.hourMinute(start))–\(midnight ? "24:00" : Self.hourMinute(end))\(days >= 1 && !midnight ? " next day" : "")"
    }

    static func hourMinute(_ date: Date) -> String {
        String(PortalFormat.clockTime(date).prefix(5))
    }
}
