import CPMS
import Foundation

/// What must hold of the intervals any supply feed hands to planning, whatever the DSO sent.
enum SupplyOracle {
    /// Each interval is a span; its figures are finite and in range; a price is kept as the forecast store writes it
    /// (its text) and reads again as the same price.
    static func check(_ intervals: [ForecastInterval], target: String) {
        for interval in intervals {
            precondition(
                interval.start.timeIntervalSince1970.isFinite && interval.end.timeIntervalSince1970.isFinite && interval.start < interval.end,
                "\(target): an interval from \(interval.start) to \(interval.end)")
            if let capacity = interval.capacityW { precondition(capacity.isFinite && capacity >= 0, "\(target): a capacity of \(capacity) W") }
            if let share = interval.renewableShare { precondition((0...1).contains(share), "\(target): a renewable share of \(share)") }
            if let carbon = interval.carbonGramsPerKWh { precondition(carbon.isFinite && carbon >= 0, "\(target): \(carbon) g CO2/kWh") }
            for price in [interval.pricePerKWh, interval.exportPricePerKWh].compactMap({ $0 }) {
                precondition(!price.isNaN, "\(target): a price that is not a number")
                let stored = "\(price)"
                precondition(
                    Decimal(string: stored, locale: Locale(identifier: "en_US_POSIX")) == price,
                    "\(target): the price \(stored) reads again as \(String(describing: Decimal(string: stored, locale: Locale(identifier: "en_US_POSIX"))))")
            }
        }
    }
}
