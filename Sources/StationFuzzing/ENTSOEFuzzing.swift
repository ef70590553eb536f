import CPMS
import Foundation

/// An ENTSO-E day-ahead document (A44 Publication_MarketDocument or Acknowledgement_MarketDocument) as cpms's
/// market feed reads it: the input is the XML. It is read or refused saying why; the prices read are quarter-hour
/// aligned, in order and not overlapping, and keep their value through the forecast store.
enum ENTSOEFuzzing {
    static func run(_ input: [UInt8]) {
        let document: ENTSOEDocument
        do {
            document = try ENTSOEPriceReader.read(Data(input))
        } catch {
            precondition(!error.description.isEmpty, "entsoe: a document refused without saying why")
            return
        }
        guard case .prices(let prices) = document else { return }
        SupplyOracle.check(prices.intervals, target: "entsoe")
        for (earlier, later) in zip(prices.intervals, prices.intervals.dropFirst()) {
            precondition(earlier.end <= later.start, "entsoe: intervals overlap or are out of order")
        }
        for interval in prices.intervals {
            precondition(
                interval.start.timeIntervalSince1970.truncatingRemainder(dividingBy: 900) == 0
                    && interval.end.timeIntervalSince1970.truncatingRemainder(dividingBy: 900) == 0,
                "entsoe: an interval \(interval.start)-\(interval.end) off the quarter hours")
            precondition(interval.pricePerKWh != nil && interval.currency != nil, "entsoe: an interval without its price")
        }
    }
}
