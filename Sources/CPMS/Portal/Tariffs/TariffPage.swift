import Foundation
import Tariffs

/// What the Tariffs pages show of a tariff, written for people: prices with their units, restrictions in
/// words, the energy mix, where it applies, its versions and the push status per eMSP.
enum TariffPage {
    struct Row: Sendable {
        let id: String
        let href: String
        let currency: String
        let type: String
        let version: Int
        let validFrom: String
        let prices: String
        let assigned: String
    }

    struct Detail: Sendable {
        let id: String
        let href: String
        let currency: String
        let type: String
        let altText: String?
        let version: Int
        let nextVersion: Int
        let validFrom: String
        let minMax: String?
        let canEdit: Bool
        let csrf: String
        let formError: String?
        let elements: [Element]
        let energyMix: Mix?
        let assigned: [String]
        let hasAssigned: Bool
        let pushes: [Push]
        let versions: [Version]
    }

    struct Element: Sendable {
        let number: Int
        let restrictions: [String]
        let hasRestrictions: Bool
        let components: [Component]
    }

    struct Component: Sendable {
        let field: String
        let type: String
        let label: String
        let price: String
        let unit: String
        let vat: String
        let step: String
        let error: String?
    }

    struct Mix: Sendable {
        let green: String
        let supplier: String?
        let product: String?
        let sources: [String]
        let impact: [String]
        let hasSources: Bool
        let hasImpact: Bool
    }

    struct Push: Sendable {
        let emsp: String
        let state: String
        let stateClass: String
        let detail: String
    }

    struct Version: Sendable {
        let number: Int
        let validFrom: String
        let current: Bool
        let prices: String
    }

    static func href(_ id: String) -> String {
        "/portal/tariffs/" + (id.addingPercentEncoding(withAllowedCharacters: .alphanumerics.union(CharacterSet(charactersIn: "-_.~"))) ?? id)
    }

    static func label(_ type: TariffDimensionType) -> String {
        switch type {
        case .energy: "Energy"
        case .time: "Charging time"
        case .parkingTime: "Parking time"
        case .flat: "Flat fee"
        }
    }

    static func unit(_ type: TariffDimensionType, currency: String) -> String {
        switch type {
        case .energy: "\(currency)/kWh"
        case .time, .parkingTime: "\(currency)/h"
        case .flat: "\(currency) per session"
        }
    }

    static func step(_ component: PriceComponent) -> String {
        switch component.type {
        case .energy: "\(component.stepSize) Wh"
        case .time, .parkingTime: "\(component.stepSize) s"
        case .flat: "—"
        }
    }

    static func number(_ value: Decimal) -> String { NSDecimalNumber(decimal: value).stringValue }

    /// "0.35 EUR/kWh · 2 EUR/h" for every component of every element (element by element).
    static func prices(_ tariff: Tariff) -> String {
        tariff.elements.map { element in
            element.priceComponents.map { "\(number($0.price)) \(unit($0.type, currency: tariff.currency))" }.joined(separator: " + ")
        }.joined(separator: " · ")
    }

    static func restrictions(_ r: TariffRestrictions?) -> [String] {
        guard let r else { return [] }
        var lines: [String] = []
        func range(_ what: String, _ low: String?, _ high: String?) {
            switch (low, high) {
            case let (low?, high?): lines.append("\(what) \(low) to \(high)")
            case let (low?, nil): lines.append("\(what) from \(low)")
            case let (nil, high?): lines.append("\(what) up to \(high)")
            default: break
            }
        }
        range("Time of day", r.startTime?.description, r.endTime?.description)
        range("Dates", r.startDate?.description, r.endDate?.description)
        if let days = r.dayOfWeek, !days.isEmpty { lines.append("Days: " + days.map { $0.rawValue.prefix(1) + $0.rawValue.dropFirst().prefix(2).lowercased() }.joined(separator: ", ")) }
        range("Energy", r.minKWh.map { "\(number($0)) kWh" }, r.maxKWh.map { "\(number($0)) kWh" })
        range("Power", r.minPower.map { "\(number($0)) kW" }, r.maxPower.map { "\(number($0)) kW" })
        range("Current", r.minCurrent.map { "\(number($0)) A" }, r.maxCurrent.map { "\(number($0)) A" })
        range("Duration", r.minDuration.map { "\($0) s" }, r.maxDuration.map { "\($0) s" })
        if let reservation = r.reservation { lines.append(reservation == .reservation ? "While reserved" : "After a reservation expires") }
        return lines
    }

    static func mix(_ mix: EnergyMix?) -> Mix? {
        guard let mix else { return nil }
        let sources = (mix.energySources ?? []).map { "\($0.source.rawValue.replacingOccurrences(of: "_", with: " ").lowercased()): \(number($0.percentage)) %" }
        let impact = (mix.environImpact ?? []).map { "\($0.category.rawValue.replacingOccurrences(of: "_", with: " ").lowercased()): \(number($0.amount)) g/kWh" }
        return Mix(
            green: mix.isGreenEnergy ? "Green energy" : "Not only green energy", supplier: mix.supplierName, product: mix.energyProductName,
            sources: sources, impact: impact, hasSources: !sources.isEmpty, hasImpact: !impact.isEmpty)
    }

    static func push(_ status: TariffPushStatus, now: Date) -> Push {
        let detail: String
        switch status.state {
        case .queued: detail = status.since.map { "waiting since \(PortalFormat.dateTime($0)) UTC" } ?? "waiting"
        case .failing:
            detail = "\(status.attempts) failed attempt\(status.attempts == 1 ? "" : "s"): \(status.lastError ?? "no error kept")"
                + (status.since.map { "; next attempt \(PortalFormat.dateTime($0)) UTC" } ?? "")
        case .delivered: detail = status.since.map { "the eMSP took the version pushed \(PortalFormat.age(from: $0, to: now))" } ?? "the eMSP took it"
        case .deadLetter: detail = "set aside" + (status.since.map { " at \(PortalFormat.dateTime($0)) UTC" } ?? "") + ": \(status.lastError ?? "")"
        case .notTaken: detail = "the eMSP has no tariffs receiver endpoint"
        case .notPushed: detail = "no version of this tariff has been pushed yet"
        }
        return Push(emsp: status.emsp, state: status.state.rawValue, stateClass: status.state.rawValue.replacingOccurrences(of: " ", with: "-"), detail: detail)
    }
}
