public import Foundation

/// What an ENTSO-E document said: day-ahead prices, or that there are none (an Acknowledgement_MarketDocument).
public enum ENTSOEDocument: Sendable, Equatable {
    case prices(ENTSOEPrices)
    /// The platform's answer when it has no data, with its reason (`999: No matching data found for ...`).
    case noData(reason: String)
}

/// The prices of an A44 Publication_MarketDocument, per kWh, one interval per point position.
public struct ENTSOEPrices: Sendable, Equatable {
    /// The document's mRID and revisionNumber.
    public var documentID: String
    public var revision: String?
    /// The bidding zone the prices are for (`in_Domain.mRID`), nil when the document names none.
    public var biddingZone: String?
    /// In order of start, not overlapping.
    public var intervals: [ForecastInterval]
    /// Points the document left without a price (a missing position under curve type A01, or the positions
    /// before the first point under A03): no interval for them, so planning falls back there.
    public var gaps: [String]

    public init(documentID: String, revision: String?, biddingZone: String?, intervals: [ForecastInterval], gaps: [String]) {
        self.documentID = documentID
        self.revision = revision
        self.biddingZone = biddingZone
        self.intervals = intervals
        self.gaps = gaps
    }
}

/// Why an ENTSO-E document was refused.
public struct ENTSOEReadError: Error, Sendable, Equatable, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Reads ENTSO-E day-ahead prices (Publication_MarketDocument, document type A44).
///
/// Every TimeSeries of the chosen bidding zone is read: currency (`currency_Unit.name`), unit
/// (`price_Measure_Unit.name`, MWH), curve type (A01 or A03; A01 when absent), and each Period's
/// `timeInterval`, `resolution` (PT15M, PT30M, PT60M) and Points (`position`, `price.amount`). Under A03 a
/// missing position carries the previous position's price; under A01 it is a gap. Where TimeSeries overlap,
/// the finer resolution wins, then the lower `classificationSequence_AttributeInstanceComponent.position`,
/// then the one earlier in the document; what they leave uncovered of a coarser point keeps that point's price.
public enum ENTSOEPriceReader {
    /// A period longer than this is refused.
    static let maxPeriodSeconds: TimeInterval = 31 * 86400
    /// Points of all series together, and quarter hours covered by them, at most.
    static let maxQuarterHours = 200_000
    /// The largest |price| accepted, currency per MWh (the harmonised day-ahead limits are -500 and 4000).
    static let maxAbsolutePricePerMWh: Decimal = 100_000

    public static func read(_ data: Data, biddingZone: String? = nil) throws(ENTSOEReadError) -> ENTSOEDocument {
        let root: MarketXMLElement
        do {
            root = try MarketXMLReader().read(data)
        } catch {
            throw ENTSOEReadError(error.description)
        }
        switch root.name {
        case "Acknowledgement_MarketDocument":
            let reasons = root.children("Reason").map { reason in
                [reason.text(of: "code"), reason.text(of: "text")].compactMap { $0 }.joined(separator: ": ")
            }.filter { !$0.isEmpty }
            return .noData(reason: reasons.isEmpty ? "no reason given" : reasons.joined(separator: "; "))
        case "Publication_MarketDocument":
            return .prices(try readPublication(root, biddingZone: biddingZone))
        default:
            throw ENTSOEReadError("the document is a \(root.name), not a Publication_MarketDocument")
        }
    }

    /// One point's price over its interval, with what decides between overlapping series.
    private struct Candidate {
        var start: Date
        var end: Date
        var pricePerKWh: Decimal
        var currency: String
        var resolution: TimeInterval
        var sequence: Int
        var series: Int
    }

    private static func readPublication(_ root: MarketXMLElement, biddingZone: String?) throws(ENTSOEReadError) -> ENTSOEPrices {
        guard let type = root.text(of: "type") else { throw ENTSOEReadError("the document has no type") }
        guard type == "A44" else { throw ENTSOEReadError("the document's type is \(type), not A44 (day-ahead prices)") }
        let series = root.children("TimeSeries")
        guard !series.isEmpty else { throw ENTSOEReadError("the document has no TimeSeries") }
        let zones = series.map { zone(of: $0) }
        let chosen: String?
        if let biddingZone {
            guard zones.contains(biddingZone) else {
                throw ENTSOEReadError("the document has no TimeSeries for bidding zone \(biddingZone) (it has \(describe(zones)))")
            }
            chosen = biddingZone
        } else {
            let distinct = Set(zones.compactMap { $0 })
            guard distinct.count <= 1 else {
                throw ENTSOEReadError("the document has \(distinct.count) bidding zones (\(describe(zones))): name one in the feed's biddingZone")
            }
            chosen = distinct.first
        }
        var candidates: [Candidate] = []
        var gaps: [String] = []
        for (index, element) in series.enumerated() where biddingZone == nil || zones[index] == biddingZone {
            try readSeries(element, number: index + 1, into: &candidates, gaps: &gaps)
        }
        return ENTSOEPrices(
            documentID: root.text(of: "mRID") ?? "", revision: root.text(of: "revisionNumber"), biddingZone: chosen,
            intervals: try merge(candidates), gaps: gaps)
    }

    private static func zone(of series: MarketXMLElement) -> String? {
        series.text(of: "in_Domain.mRID") ?? series.text(of: "out_Domain.mRID")
    }

    private static func describe(_ zones: [String?]) -> String {
        let names = Set(zones.map { $0 ?? "none named" }).sorted()
        return names.joined(separator: ", ")
    }

    private static func readSeries(
        _ element: MarketXMLElement, number: Int, into candidates: inout [Candidate], gaps: inout [String]
    ) throws(ENTSOEReadError) {
        let name = "TimeSeries \(number)"
        guard let currency = element.text(of: "currency_Unit.name") else { throw ENTSOEReadError("\(name) has no currency_Unit.name") }
        guard currency.count == 3, currency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw ENTSOEReadError("\(name): currency_Unit.name \(currency) is not an ISO 4217 code")
        }
        guard let unit = element.text(of: "price_Measure_Unit.name") else { throw ENTSOEReadError("\(name) has no price_Measure_Unit.name") }
        guard unit == "MWH" else { throw ENTSOEReadError("\(name): price_Measure_Unit.name is \(unit), only MWH is read") }
        let curveType = element.text(of: "curveType") ?? "A01"
        guard curveType == "A01" || curveType == "A03" else {
            throw ENTSOEReadError("\(name): curveType \(curveType) is not read (A01 or A03)")
        }
        var sequence = 1
        if let text = element.text(of: "classificationSequence_AttributeInstanceComponent.position") {
            guard let value = MarketValues.integer(text) else {
                throw ENTSOEReadError("\(name): classificationSequence_AttributeInstanceComponent.position \(text) is not a number")
            }
            sequence = value
        }
        let periods = element.children("Period")
        guard !periods.isEmpty else { throw ENTSOEReadError("\(name) has no Period") }
        for (periodIndex, period) in periods.enumerated() {
            let where_ = "\(name) Period \(periodIndex + 1)"
            guard let interval = period.child("timeInterval"), let startText = interval.text(of: "start"), let endText = interval.text(of: "end") else {
                throw ENTSOEReadError("\(where_) has no timeInterval start and end")
            }
            guard let start = MarketValues.time(startText, requireSeconds: false) else { throw ENTSOEReadError("\(where_): start \(startText) is not a time") }
            guard let end = MarketValues.time(endText, requireSeconds: false) else { throw ENTSOEReadError("\(where_): end \(endText) is not a time") }
            let span = end.timeIntervalSince(start)
            guard span > 0, span <= maxPeriodSeconds else { throw ENTSOEReadError("\(where_): timeInterval \(startText)/\(endText) is empty or longer than 31 days") }
            guard start.timeIntervalSince1970.truncatingRemainder(dividingBy: 900) == 0 else {
                throw ENTSOEReadError("\(where_): start \(startText) is not on a quarter hour")
            }
            guard let resolutionText = period.text(of: "resolution") else { throw ENTSOEReadError("\(where_) has no resolution") }
            guard let resolution = resolutionSeconds(resolutionText) else {
                throw ENTSOEReadError("\(where_): resolution \(resolutionText) is not read (PT15M, PT30M, PT60M)")
            }
            guard span.truncatingRemainder(dividingBy: resolution) == 0 else {
                throw ENTSOEReadError("\(where_): timeInterval \(startText)/\(endText) is not a whole number of \(resolutionText)")
            }
            let count = Int(span / resolution)
            guard candidates.count + count <= maxQuarterHours else {
                throw ENTSOEReadError("the document has more than \(maxQuarterHours) points")
            }
            var prices: [Int: Decimal] = [:]
            for point in period.children("Point") {
                guard let positionText = point.text(of: "position"), let position = MarketValues.integer(positionText) else {
                    throw ENTSOEReadError("\(where_): a Point's position is missing or not a whole number")
                }
                guard (1...count).contains(position) else {
                    throw ENTSOEReadError("\(where_): position \(position) is outside 1...\(count)")
                }
                guard prices[position] == nil else { throw ENTSOEReadError("\(where_): position \(position) is given twice") }
                guard let amountText = point.text(of: "price.amount") else { throw ENTSOEReadError("\(where_): position \(position) has no price.amount") }
                guard let amount = MarketValues.decimal(amountText), abs(amount) <= maxAbsolutePricePerMWh else {
                    throw ENTSOEReadError("\(where_): position \(position): price.amount \(amountText) is not a price")
                }
                prices[position] = amount
            }
            guard !prices.isEmpty else { throw ENTSOEReadError("\(where_) has no Point") }
            var carried: Decimal?
            var missing: [Int] = []
            for position in 1...count {
                let given = prices[position]
                let price = curveType == "A03" ? (given ?? carried) : given
                carried = price
                let pointStart = start.addingTimeInterval(Double(position - 1) * resolution)
                guard let price else {
                    missing.append(position)
                    continue
                }
                candidates.append(Candidate(
                    start: pointStart, end: pointStart.addingTimeInterval(resolution), pricePerKWh: price / 1000, currency: currency,
                    resolution: resolution, sequence: sequence, series: number))
            }
            if !missing.isEmpty {
                let rule = curveType == "A03" ? "before the first point under curve type A03" : "missing under curve type A01"
                gaps.append("\(where_): \(missing.count) position(s) \(rule), from position \(missing[0]): no price there")
            }
        }
    }

    private static func resolutionSeconds(_ text: String) -> TimeInterval? {
        switch text {
        case "PT15M": 900
        case "PT30M": 1800
        case "PT60M", "PT1H": 3600
        default: nil
        }
    }

    /// The candidates in order of preference, each keeping the quarter hours no preferred one took.
    private static func merge(_ candidates: [Candidate]) throws(ENTSOEReadError) -> [ForecastInterval] {
        let ordered = candidates.enumerated().sorted { lhs, rhs in
            (lhs.element.resolution, lhs.element.sequence, lhs.element.series, lhs.offset)
                < (rhs.element.resolution, rhs.element.sequence, rhs.element.series, rhs.offset)
        }.map(\.element)
        var taken = Set<Int>()
        var intervals: [ForecastInterval] = []
        for candidate in ordered {
            let first = Int(candidate.start.timeIntervalSince1970 / 900)
            let quarters = Int(candidate.resolution / 900)
            var runStart: Int?
            for quarter in first..<(first + quarters) {
                if taken.insert(quarter).inserted {
                    if runStart == nil { runStart = quarter }
                } else if let start = runStart {
                    intervals.append(interval(candidate, from: start, to: quarter))
                    runStart = nil
                }
            }
            if let start = runStart { intervals.append(interval(candidate, from: start, to: first + quarters)) }
            guard taken.count <= maxQuarterHours else { throw ENTSOEReadError("the document covers more than \(maxQuarterHours) quarter hours") }
        }
        return intervals.sorted { $0.start < $1.start }
    }

    private static func interval(_ candidate: Candidate, from: Int, to: Int) -> ForecastInterval {
        ForecastInterval(
            start: Date(timeIntervalSince1970: Double(from) * 900), end: Date(timeIntervalSince1970: Double(to) * 900),
            pricePerKWh: candidate.pricePerKWh, currency: candidate.currency)
    }
}
