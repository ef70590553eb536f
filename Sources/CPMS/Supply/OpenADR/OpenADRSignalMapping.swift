public import Foundation

/// What an event's signals mean for cpms's supply: prices per interval and import caps per window.
///
/// - ELECTRICITY_PRICE, ENERGY_PRICE: `price` is the price itself; `priceRelative` is added to the contract's
///   fallback price; `priceMultiplier` multiplies it. Units from the itemBase: `currencyPerKWh` as is,
///   `currencyPerMWh` divided by 1000, its itemUnits the currency; without an itemBase, the contract's currency
///   per kWh.
/// - LOAD_CONTROL: `x-loadControlCapacity` is a fraction of the contract's capacity, `x-loadControlPercentOffset`
///   a percentage added to it, `x-loadControlSetpoint` a power (itemBase powerReal, W scaled by siScaleCode).
/// - LOAD_DISPATCH: `setpoint` is a power (itemBase powerReal).
/// - SIMPLE: level 0 is the full contract capacity, 1 is 75 %, 2 is 50 %, 3 is 25 % of it.
/// Caps are for the event target's groups that the contract covers, else for the whole contract.
public enum OpenADRSignalMapping {
    /// The levels of the SIMPLE signal as a share of the contract's capacity.
    public static let simpleLevelShares: [Decimal] = [1, 0.75, 0.5, 0.25]

    /// The event's intervals, or why cpms cannot honour it (it then opts out).
    public static func intervals(of event: OpenADREvent, contract: SupplyContract) -> Result<[ForecastInterval], OpenADRRefusal> {
        let groups: [String?]
        if event.targetGroups.isEmpty {
            groups = [nil]
        } else {
            let ours = event.targetGroups.filter { contract.groups.contains($0) }
            guard !ours.isEmpty else {
                return .failure(OpenADRRefusal("the event targets groups \(event.targetGroups.joined(separator: ", ")), none of which this contract supplies"))
            }
            groups = ours
        }
        var intervals: [ForecastInterval] = []
        var understood = 0
        for signal in event.signals {
            switch signal.name {
            case "ELECTRICITY_PRICE", "ENERGY_PRICE":
                switch prices(signal, contract: contract) {
                case .success(let priced): intervals += priced
                case .failure(let refusal): return .failure(refusal)
                }
                understood += 1
            case "LOAD_CONTROL", "LOAD_DISPATCH", "SIMPLE", "simple":
                switch caps(signal, contract: contract) {
                case .success(let caps):
                    for group in groups {
                        intervals += caps.map { ForecastInterval(start: $0.start, end: $0.end, capacityW: $0.watts, group: group) }
                    }
                case .failure(let refusal): return .failure(refusal)
                }
                understood += 1
            default:
                continue
            }
        }
        guard understood > 0 else {
            let names = event.signals.map { "\($0.name)/\($0.type)" }.joined(separator: ", ")
            return .failure(OpenADRRefusal(names.isEmpty ? "the event has no signals" : "cpms understands none of the event's signals (\(names))"))
        }
        return .success(intervals)
    }

    private static func prices(_ signal: OpenADREvent.Signal, contract: SupplyContract) -> Result<[ForecastInterval], OpenADRRefusal> {
        var divisor: Decimal = 1
        var currency = contract.currency
        if let base = signal.itemBase {
            switch base.kind {
            case "currencyPerKWh": divisor = 1
            case "currencyPerMWh": divisor = 1000
            default: return .failure(OpenADRRefusal("signal \(signal.name) is in \(base.kind), not a price per kWh or MWh"))
            }
            if let units = base.units {
                guard units.count == 3, units.allSatisfy({ $0.isLetter && $0.isUppercase }) else {
                    return .failure(OpenADRRefusal("signal \(signal.name): currency \(units) is not an ISO 4217 code"))
                }
                currency = units
            }
        }
        var intervals: [ForecastInterval] = []
        for interval in signal.intervals {
            let price: Decimal
            switch signal.type {
            case "price": price = interval.value / divisor
            case "priceRelative": price = contract.fallbackPricePerKWh + interval.value / divisor
            case "priceMultiplier": price = contract.fallbackPricePerKWh * interval.value
            default: return .failure(OpenADRRefusal("signal \(signal.name) has type \(signal.type), not price, priceRelative or priceMultiplier"))
            }
            intervals.append(
                ForecastInterval(
                    start: interval.start, end: interval.start.addingTimeInterval(interval.durationSeconds), pricePerKWh: price, currency: currency))
        }
        return .success(intervals)
    }

    struct Cap {
        var start: Date
        var end: Date
        var watts: Double
    }

    private static func caps(_ signal: OpenADREvent.Signal, contract: SupplyContract) -> Result<[Cap], OpenADRRefusal> {
        let capacity = contract.capacityW
        var caps: [Cap] = []
        for interval in signal.intervals {
            let value = NSDecimalNumber(decimal: interval.value).doubleValue
            let watts: Double
            switch (signal.name, signal.type) {
            case ("SIMPLE", "level"), ("simple", "level"):
                guard let level = Int(exactly: value), simpleLevelShares.indices.contains(level) else {
                    return .failure(OpenADRRefusal("SIMPLE level \(interval.value) is not 0, 1, 2 or 3"))
                }
                watts = capacity * NSDecimalNumber(decimal: simpleLevelShares[level]).doubleValue
            case ("LOAD_CONTROL", "x-loadControlCapacity"):
                guard (0...1).contains(value) else { return .failure(OpenADRRefusal("x-loadControlCapacity \(interval.value) is not between 0 and 1")) }
                watts = capacity * value
            case ("LOAD_CONTROL", "x-loadControlPercentOffset"):
                watts = max(0, capacity * (1 + value / 100))
            case ("LOAD_CONTROL", "x-loadControlSetpoint"), ("LOAD_DISPATCH", "setpoint"):
                switch power(value, signal.itemBase) {
                case .success(let power): watts = power
                case .failure(let refusal): return .failure(OpenADRRefusal("signal \(signal.name)/\(signal.type): \(refusal.reason)"))
                }
            default:
                return .failure(OpenADRRefusal("signal \(signal.name) has type \(signal.type), which cpms cannot map to a grid cap"))
            }
            guard watts.isFinite, watts >= 0 else { return .failure(OpenADRRefusal("signal \(signal.name): \(interval.value) is no cap")) }
            caps.append(Cap(start: interval.start, end: interval.start.addingTimeInterval(interval.durationSeconds), watts: watts))
        }
        return .success(caps)
    }

    private static func power(_ value: Double, _ base: OpenADREvent.ItemBase?) -> Result<Double, OpenADRRefusal> {
        guard let base, base.kind == "powerReal" else { return .failure(OpenADRRefusal("a setpoint needs a powerReal itemBase")) }
        let factor: Double
        switch base.scale ?? "none" {
        case "none": factor = 1
        case "k": factor = 1_000
        case "M": factor = 1_000_000
        case "G": factor = 1_000_000_000
        default: return .failure(OpenADRRefusal("siScaleCode \(base.scale ?? "") is not none, k, M or G"))
        }
        switch base.units ?? "W" {
        case "W": return .success(value * factor)
        default: return .failure(OpenADRRefusal("powerReal in \(base.units ?? "") is not in W"))
        }
    }
}

/// Why cpms opts out of an event; sent to the VTN as the response description.
public struct OpenADRRefusal: Error, Sendable, Equatable, CustomStringConvertible {
    public var reason: String

    public init(_ reason: String) {
        self.reason = reason
    }

    public var description: String { reason }
}
