import CPMS
import Foundation

/// A DSO's JSON price and energy-mix feed (docs/energy-supply.md) as cpms reads it: the input is the document. It
/// is read or refused naming the field; what is read is in order per group, with finite figures in range.
enum PriceFeedFuzzing {
    static func run(_ input: [UInt8]) {
        let document: JSONPriceFeedDocument
        do {
            document = try JSONPriceFeedReader.read(Data(input))
        } catch {
            precondition(!error.description.isEmpty, "price-feed: a document refused without saying why")
            return
        }
        SupplyOracle.check(document.intervals, target: "price-feed")
        var lastEnd: [String: Date] = [:]
        for interval in document.intervals {
            if let end = lastEnd[interval.group ?? ""] { precondition(end <= interval.start, "price-feed: intervals of a group overlap") }
            lastEnd[interval.group ?? ""] = interval.end
        }
    }
}
