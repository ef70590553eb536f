public import Foundation
import OCPI
import Tariffs

/// A JSON price feed document as read: its currency and intervals.
public struct JSONPriceFeedDocument: Sendable, Equatable {
    public var currency: String
    /// Per group (no group being one), in order and not overlapping.
    public var intervals: [ForecastInterval]
}

/// Why a JSON feed document was refused; the message names the field (`intervals[3].price_per_kwh must be a number`).
public struct JSONPriceFeedError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Reads the documented JSON price and energy-mix feed (docs/energy-supply.md) strictly: unknown fields, wrong
/// types, values out of range and intervals out of order are refused with the field's path.
public enum JSONPriceFeedReader {
    static let maxIntervals = 20_000
    static let maxAbsolutePricePerKWh: Decimal = 1000
    static let intervalFields: Set<String> = [
        "start", "end", "price_per_kwh", "export_price_per_kwh", "energy_mix", "renewable_share", "co2_g_per_kwh", "capacity_w", "group",
    ]
    static let figureFields = ["price_per_kwh", "export_price_per_kwh", "energy_mix", "renewable_share", "co2_g_per_kwh", "capacity_w"]

    public static func read(_ data: Data) throws(JSONPriceFeedError) -> JSONPriceFeedDocument {
        let root: JSONNode
        do {
            root = try JSONDecoder().decode(JSONNode.self, from: data)
        } catch {
            throw JSONPriceFeedError("the document is not JSON")
        }
        guard case .object(let fields) = root else { throw JSONPriceFeedError("the document must be an object") }
        try refuseUnknown(fields, allowed: ["currency", "intervals"], path: "")
        guard case .string(let currency)? = fields["currency"] else { throw JSONPriceFeedError("currency must be a string") }
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw JSONPriceFeedError("currency must be an ISO 4217 code such as EUR")
        }
        guard case .array(let items)? = fields["intervals"] else { throw JSONPriceFeedError("intervals must be an array") }
        guard items.count <= maxIntervals else { throw JSONPriceFeedError("intervals has \(items.count) entries, more than \(maxIntervals)") }
        var intervals: [ForecastInterval] = []
        var lastEnd: [String: (end: Date, index: Int)] = [:]
        for (index, item) in items.enumerated() {
            let path = "intervals[\(index)]"
            let interval = try readInterval(item, path: path, currency: currency)
            let group = interval.group ?? ""
            if let previous = lastEnd[group], interval.start < previous.end {
                let which = interval.group.map { " of group \($0)" } ?? ""
                throw JSONPriceFeedError("\(path).start must not be before the end of intervals[\(previous.index)]\(which): intervals are in order and do not overlap")
            }
            lastEnd[group] = (interval.end, index)
            intervals.append(interval)
        }
        return JSONPriceFeedDocument(currency: currency, intervals: intervals)
    }

    private static func readInterval(_ node: JSONNode, path: String, currency: String) throws(JSONPriceFeedError) -> ForecastInterval {
        guard case .object(let fields) = node else { throw JSONPriceFeedError("\(path) must be an object") }
        try refuseUnknown(fields, allowed: intervalFields, path: path + ".")
        let start = try time(fields["start"], path: "\(path).start")
        let end = try time(fields["end"], path: "\(path).end")
        guard end > start else { throw JSONPriceFeedError("\(path).end must be after \(path).start") }
        guard figureFields.contains(where: { fields[$0] != nil && fields[$0] != .null }) else {
            throw JSONPriceFeedError("\(path) must carry at least one of \(figureFields.joined(separator: ", "))")
        }
        let price = try decimal(fields["price_per_kwh"], path: "\(path).price_per_kwh", limit: maxAbsolutePricePerKWh)
        let exportPrice = try decimal(fields["export_price_per_kwh"], path: "\(path).export_price_per_kwh", limit: maxAbsolutePricePerKWh)
        let mix = try energyMix(fields["energy_mix"], path: "\(path).energy_mix")
        var share = try number(fields["renewable_share"], path: "\(path).renewable_share", range: 0...1)
        var carbon = try number(fields["co2_g_per_kwh"], path: "\(path).co2_g_per_kwh", range: 0...10_000)
        let capacity = try number(fields["capacity_w"], path: "\(path).capacity_w", range: 0...1e12)
        var group: String?
        switch fields["group"] {
        case nil, .null?: group = nil
        case .string(let value)?:
            guard (1...64).contains(value.count) else { throw JSONPriceFeedError("\(path).group must be 1 to 64 characters") }
            group = value
        default: throw JSONPriceFeedError("\(path).group must be a string")
        }
        if let mix {
            share = share ?? EnergyMixFigures.renewableShare(of: mix)
            carbon = carbon ?? EnergyMixFigures.carbonGramsPerKWh(of: mix)
        }
        return ForecastInterval(
            start: start, end: end, pricePerKWh: price, currency: price == nil && exportPrice == nil ? nil : currency, exportPricePerKWh: exportPrice,
            energyMix: mix, renewableShare: share, carbonGramsPerKWh: carbon, capacityW: capacity, group: group)
    }

    private static func refuseUnknown(_ fields: [String: JSONNode], allowed: Set<String>, path: String) throws(JSONPriceFeedError) {
        if let unknown = fields.keys.sorted().first(where: { !allowed.contains($0) }) {
            throw JSONPriceFeedError("\(path)\(unknown) is not a field of the feed")
        }
    }

    private static func time(_ node: JSONNode?, path: String) throws(JSONPriceFeedError) -> Date {
        guard case .string(let text)? = node else { throw JSONPriceFeedError("\(path) must be an RFC 3339 time string") }
        guard let date = MarketValues.time(text, requireSeconds: true) else {
            throw JSONPriceFeedError("\(path) must be an RFC 3339 time such as 2027-01-15T08:00:00Z, got \"\(text.prefix(40))\"")
        }
        return date
    }

    private static func decimal(_ node: JSONNode?, path: String, limit: Decimal) throws(JSONPriceFeedError) -> Decimal? {
        switch node {
        case nil, .null?: return nil
        case .number(let value)?:
            guard !value.isNaN, abs(value) <= limit else { throw JSONPriceFeedError("\(path) must be between -\(limit) and \(limit)") }
            return value
        default: throw JSONPriceFeedError("\(path) must be a number")
        }
    }

    private static func number(_ node: JSONNode?, path: String, range: ClosedRange<Double>) throws(JSONPriceFeedError) -> Double? {
        switch node {
        case nil, .null?: return nil
        case .number(let value)?:
            let double = NSDecimalNumber(decimal: value).doubleValue
            guard double.isFinite, range.contains(double) else {
                throw JSONPriceFeedError("\(path) must be between \(range.lowerBound.formatted()) and \(range.upperBound.formatted())")
            }
            return double
        default: throw JSONPriceFeedError("\(path) must be a number")
        }
    }

    /// An OCPI EnergyMix, read field by field so an error names its path.
    private static func energyMix(_ node: JSONNode?, path: String) throws(JSONPriceFeedError) -> EnergyMix? {
        guard let node, node != .null else { return nil }
        guard case .object(let fields) = node else { throw JSONPriceFeedError("\(path) must be an object (OCPI EnergyMix)") }
        try refuseUnknown(fields, allowed: ["is_green_energy", "energy_sources", "environ_impact", "supplier_name", "energy_product_name"], path: path + ".")
        guard case .bool(let green)? = fields["is_green_energy"] else { throw JSONPriceFeedError("\(path).is_green_energy must be true or false") }
        var sources: [EnergySource]?
        switch fields["energy_sources"] {
        case nil, .null?: sources = nil
        case .array(let items)?:
            guard items.count <= 16 else { throw JSONPriceFeedError("\(path).energy_sources has more than 16 entries") }
            sources = []
            for (index, item) in items.enumerated() {
                let itemPath = "\(path).energy_sources[\(index)]"
                guard case .object(let source) = item else { throw JSONPriceFeedError("\(itemPath) must be an object") }
                try refuseUnknown(source, allowed: ["source", "percentage"], path: itemPath + ".")
                guard case .string(let name)? = source["source"], let category = EnergySourceCategory(rawValue: name) else {
                    let names = EnergySourceCategory.allCases.map(\.rawValue).joined(separator: ", ")
                    throw JSONPriceFeedError("\(itemPath).source must be one of \(names)")
                }
                guard let share = try decimal(source["percentage"], path: "\(itemPath).percentage", limit: 100), share >= 0 else {
                    throw JSONPriceFeedError("\(itemPath).percentage must be a number from 0 to 100")
                }
                sources?.append(EnergySource(source: category, percentage: share))
            }
            let total = sources?.reduce(Decimal(0)) { $0 + $1.percentage } ?? 0
            guard total <= Decimal(string: "100.01")! else { throw JSONPriceFeedError("\(path).energy_sources add up to \(total) percent, more than 100") }
        default: throw JSONPriceFeedError("\(path).energy_sources must be an array")
        }
        var impacts: [EnvironmentalImpact]?
        switch fields["environ_impact"] {
        case nil, .null?: impacts = nil
        case .array(let items)?:
            guard items.count <= 8 else { throw JSONPriceFeedError("\(path).environ_impact has more than 8 entries") }
            impacts = []
            for (index, item) in items.enumerated() {
                let itemPath = "\(path).environ_impact[\(index)]"
                guard case .object(let impact) = item else { throw JSONPriceFeedError("\(itemPath) must be an object") }
                try refuseUnknown(impact, allowed: ["category", "amount"], path: itemPath + ".")
                guard case .string(let name)? = impact["category"], let category = EnvironmentalImpactCategory(rawValue: name) else {
                    throw JSONPriceFeedError("\(itemPath).category must be NUCLEAR_WASTE or CARBON_DIOXIDE")
                }
                guard let amount = try decimal(impact["amount"], path: "\(itemPath).amount", limit: 1_000_000), amount >= 0 else {
                    throw JSONPriceFeedError("\(itemPath).amount must be a number of at least 0")
                }
                impacts?.append(EnvironmentalImpact(category: category, amount: amount))
            }
        default: throw JSONPriceFeedError("\(path).environ_impact must be an array")
        }
        let supplier = try shortString(fields["supplier_name"], path: "\(path).supplier_name")
        let product = try shortString(fields["energy_product_name"], path: "\(path).energy_product_name")
        return EnergyMix(isGreenEnergy: green, energySources: sources, environImpact: impacts, supplierName: supplier, energyProductName: product)
    }

    private static func shortString(_ node: JSONNode?, path: String) throws(JSONPriceFeedError) -> String? {
        switch node {
        case nil, .null?: return nil
        case .string(let value)?:
            guard value.count <= 64 else { throw JSONPriceFeedError("\(path) must be at most 64 characters") }
            return value
        default: throw JSONPriceFeedError("\(path) must be a string")
        }
    }
}
