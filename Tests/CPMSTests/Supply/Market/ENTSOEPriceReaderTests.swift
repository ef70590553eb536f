import CPMS
import Foundation
import Testing

struct ENTSOEPriceReaderTests {
    static let zone = "10Y1001A1001A82H"

    static func prices(_ data: Data, zone: String? = nil) throws -> ENTSOEPrices {
        guard case .prices(let prices) = try ENTSOEPriceReader.read(data, biddingZone: zone) else {
            throw ENTSOEReadError("expected prices, got an acknowledgement")
        }
        return prices
    }

    static func refusal(_ data: Data, zone: String? = nil) -> String {
        do {
            _ = try ENTSOEPriceReader.read(data, biddingZone: zone)
            return "read without error"
        } catch {
            return error.description
        }
    }

    @Test func quarterHourA03DayCarriesThePreviousPriceIntoLeftOutPositions() throws {
        let prices = try Self.prices(try MarketSamples.data("entsoe-a44-de-lu-pt15m-a03.xml"))
        #expect(prices.documentID == "5b7d0a0f2e3c4e9a8f1b2c3d4e5f6a7b")
        #expect(prices.revision == "1")
        #expect(prices.biddingZone == Self.zone)
        #expect(prices.gaps.isEmpty)
        #expect(prices.intervals.count == 96)
        let first = MarketSamples.time("2027-01-14T23:00:00Z")
        for (index, interval) in prices.intervals.enumerated() {
            #expect(interval.start == first.addingTimeInterval(Double(index) * 900))
            #expect(interval.end == interval.start.addingTimeInterval(900))
            #expect(interval.currency == "EUR")
        }
        // Position 5 is 36.85 EUR/MWh; 6, 7 and 8 are left out and carry it.
        for position in 5...8 { #expect(prices.intervals[position - 1].pricePerKWh == Decimal(string: "0.03685")) }
        #expect(prices.intervals[8].pricePerKWh != Decimal(string: "0.03685"))
        // Position 92 is 94.04; 93 to 96 run to the period's end with it.
        for position in 92...96 { #expect(prices.intervals[position - 1].pricePerKWh == Decimal(string: "0.09404")) }
        #expect(prices.intervals[49].pricePerKWh == Decimal(string: "-0.00512"))
    }

    @Test func hourlyTimeSeriesOfTwoDaysMergeIntoOneRun() throws {
        let prices = try Self.prices(try MarketSamples.data("entsoe-a44-nl-pt60m-two-days.xml"))
        #expect(prices.biddingZone == "10YNL----------L")
        #expect(prices.intervals.count == 48)
        for (previous, next) in zip(prices.intervals, prices.intervals.dropFirst()) {
            #expect(previous.end == next.start)
            #expect(next.end.timeIntervalSince(next.start) == 3600)
        }
        #expect(prices.intervals[0].start == MarketSamples.time("2027-01-14T23:00:00Z"))
        #expect(prices.intervals[0].pricePerKWh == Decimal(string: "0.053"))
        #expect(prices.intervals[23].pricePerKWh == Decimal(string: "0.122"))
        #expect(prices.intervals[24].start == MarketSamples.time("2027-01-15T23:00:00Z"))
        #expect(prices.intervals[24].pricePerKWh == Decimal(string: "0.078"))
        #expect(prices.intervals[47].end == MarketSamples.time("2027-01-16T23:00:00Z"))
    }

    @Test func pricePerMWhBecomesAnExactPricePerKWh() throws {
        let data = MarketSamples.a44([MarketSamples.Series(resolution: "PT30M", points: [("1", "123.456"), ("2", "-0.01"), ("48", "4000")])])
        let prices = try Self.prices(data)
        #expect(prices.intervals.count == 48)
        #expect(prices.intervals[0].pricePerKWh == Decimal(string: "0.123456"))
        #expect(prices.intervals[1].pricePerKWh == Decimal(string: "-0.00001"))
        #expect(prices.intervals[46].pricePerKWh == Decimal(string: "-0.00001"))
        #expect(prices.intervals[47].pricePerKWh == 4)
        #expect(prices.intervals[47].end.timeIntervalSince(prices.intervals[47].start) == 1800)
    }

    @Test func aMissingPositionUnderA01IsAGapNotAPrice() throws {
        let data = MarketSamples.a44([MarketSamples.Series(curveType: "A01", end: "2027-01-15T03:00Z", points: [("1", "50"), ("2", "60"), ("4", "80")])])
        let prices = try Self.prices(data)
        #expect(prices.intervals.map(\.start) == ["2027-01-14T23:00:00Z", "2027-01-15T00:00:00Z", "2027-01-15T02:00:00Z"].map(MarketSamples.time))
        #expect(prices.intervals.map(\.pricePerKWh) == [Decimal(string: "0.05"), Decimal(string: "0.06"), Decimal(string: "0.08")])
        #expect(prices.gaps.count == 1)
        #expect(prices.gaps.first?.contains("missing under curve type A01, from position 3") == true)
    }

    @Test func aCurveWithoutACurveTypeIsReadAsA01() throws {
        let data = MarketSamples.a44([MarketSamples.Series(curveType: nil, end: "2027-01-15T01:00Z", points: [("2", "60")])])
        let prices = try Self.prices(data)
        #expect(prices.intervals.count == 1)
        #expect(prices.intervals.first?.start == MarketSamples.time("2027-01-15T00:00:00Z"))
        #expect(prices.gaps.count == 1)
    }

    @Test func positionsBeforeTheFirstA03PointHaveNoPrice() throws {
        let data = MarketSamples.a44([MarketSamples.Series(end: "2027-01-15T03:00Z", points: [("3", "70")])])
        let prices = try Self.prices(data)
        #expect(prices.intervals.map(\.start) == ["2027-01-15T01:00:00Z", "2027-01-15T02:00:00Z"].map(MarketSamples.time))
        #expect(prices.gaps.first?.contains("before the first point under curve type A03") == true)
    }

    @Test func twoBiddingZonesNeedTheFeedToNameOne() throws {
        let data = try MarketSamples.data("entsoe-a44-two-zones-pt60m-a03.xml")
        let refusal = Self.refusal(data)
        #expect(refusal.contains("2 bidding zones"))
        #expect(refusal.contains("10YES-REE------0") && refusal.contains("10YFR-RTE------C"))

        let spain = try Self.prices(data, zone: "10YES-REE------0")
        #expect(spain.biddingZone == "10YES-REE------0")
        #expect(spain.intervals.count == 24)
        #expect(spain.intervals[0..<11].allSatisfy { $0.pricePerKWh == Decimal(string: "0.04") })
        #expect(spain.intervals[11..<18].allSatisfy { $0.pricePerKWh == Decimal(string: "0.02") })
        #expect(spain.intervals[18..<24].allSatisfy { $0.pricePerKWh == Decimal(string: "0.06") })

        let france = try Self.prices(data, zone: "10YFR-RTE------C")
        #expect(france.intervals[2].pricePerKWh == Decimal(string: "0.085"))
        #expect(france.intervals[5].pricePerKWh == Decimal(string: "0.07025"))

        #expect(Self.refusal(data, zone: "10YDE-VE-------2").contains("no TimeSeries for bidding zone 10YDE-VE-------2"))
    }

    @Test func theFinerResolutionWinsWhereTimeSeriesOverlap() throws {
        let hourly = MarketSamples.Series(start: "2027-01-15T00:00Z", end: "2027-01-15T02:00Z", points: [("1", "100"), ("2", "200")])
        let quarters = MarketSamples.Series(start: "2027-01-15T01:00Z", end: "2027-01-15T01:30Z", resolution: "PT15M", points: [("1", "10"), ("2", "20")])
        let prices = try Self.prices(MarketSamples.a44([hourly, quarters]))
        let expected: [(String, String, String)] = [
            ("2027-01-15T00:00:00Z", "2027-01-15T01:00:00Z", "0.1"), ("2027-01-15T01:00:00Z", "2027-01-15T01:15:00Z", "0.01"),
            ("2027-01-15T01:15:00Z", "2027-01-15T01:30:00Z", "0.02"), ("2027-01-15T01:30:00Z", "2027-01-15T02:00:00Z", "0.2"),
        ]
        #expect(prices.intervals.count == expected.count)
        for (interval, (start, end, price)) in zip(prices.intervals, expected) {
            #expect(interval.start == MarketSamples.time(start))
            #expect(interval.end == MarketSamples.time(end))
            #expect(interval.pricePerKWh == Decimal(string: price))
        }
    }

    @Test func theLowerClassificationSequenceWinsBetweenEqualResolutions() throws {
        let second = MarketSamples.Series(sequence: "2", end: "2027-01-15T00:00Z", points: [("1", "99")])
        let first = MarketSamples.Series(sequence: "1", end: "2027-01-15T00:00Z", points: [("1", "11")])
        let prices = try Self.prices(MarketSamples.a44([second, first]))
        #expect(prices.intervals.count == 1)
        #expect(prices.intervals.first?.pricePerKWh == Decimal(string: "0.011"))
    }

    @Test func anAcknowledgementIsNoDataWithItsReason() throws {
        let document = try ENTSOEPriceReader.read(try MarketSamples.data("entsoe-acknowledgement-no-data.xml"))
        guard case .noData(let reason) = document else {
            Issue.record("expected no data, got \(document)")
            return
        }
        #expect(reason.hasPrefix("999: No matching data found for Data item Day-ahead Prices [12.1.D]"))
        let bare = Data("<Acknowledgement_MarketDocument><mRID>x</mRID></Acknowledgement_MarketDocument>".utf8)
        #expect(try ENTSOEPriceReader.read(bare) == .noData(reason: "no reason given"))
    }

    static let refusals: [(String, Data, String)] = {
        func one(_ series: MarketSamples.Series) -> Data { MarketSamples.a44([series]) }
        let hour = MarketSamples.Series(end: "2027-01-15T00:00Z", points: [("1", "50")])
        var cases: [(String, Data, String)] = [
            ("not XML", Data("{\"prices\": []}".utf8), "not well-formed XML"),
            ("empty", Data(), "empty"),
            ("cut off", Data("<Publication_MarketDocument><type>A44</type><TimeSeries>".utf8), "not well-formed XML"),
            ("entities", Data("""
                <?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]>
                <Publication_MarketDocument><type>&lol2;</type></Publication_MarketDocument>
                """.utf8), "DTD"),
            ("external entity", Data("<?xml version=\"1.0\"?><!doctype x SYSTEM \"file:///etc/passwd\"><x/>".utf8), "DTD"),
            ("another document", Data("<GL_MarketDocument><type>A65</type></GL_MarketDocument>".utf8), "GL_MarketDocument, not a Publication_MarketDocument"),
            ("another type", MarketSamples.a44([hour], type: "A65"), "type is A65, not A44"),
            ("no time series", MarketSamples.a44([]), "no TimeSeries"),
            ("price per kWh", one(MarketSamples.Series(unit: "KWH", end: "2027-01-15T00:00Z", points: [("1", "50")])), "price_Measure_Unit.name is KWH"),
            ("no currency", one(MarketSamples.Series(currency: nil, end: "2027-01-15T00:00Z", points: [("1", "50")])), "no currency_Unit.name"),
            ("bad currency", one(MarketSamples.Series(currency: "euro", end: "2027-01-15T00:00Z", points: [("1", "50")])), "not an ISO 4217 code"),
            ("point curve", one(MarketSamples.Series(curveType: "A02", end: "2027-01-15T00:00Z", points: [("1", "50")])), "curveType A02 is not read"),
            ("daily resolution", one(MarketSamples.Series(resolution: "P1D", points: [("1", "50")])), "resolution P1D is not read"),
            ("position 0", one(MarketSamples.Series(end: "2027-01-15T00:00Z", points: [("0", "50")])), "position 0 is outside 1...1"),
            ("position past the end", one(MarketSamples.Series(end: "2027-01-15T01:00Z", points: [("3", "50")])), "position 3 is outside 1...2"),
            ("negative position", one(MarketSamples.Series(points: [("-1", "50")])), "position is missing or not a whole number"),
            ("huge position", one(MarketSamples.Series(points: [("99999999999999999999", "50")])), "position is missing or not a whole number"),
            ("position twice", one(MarketSamples.Series(points: [("1", "50"), ("1", "51")])), "position 1 is given twice"),
            ("trailing letters", one(MarketSamples.Series(points: [("1", "12abc")])), "price.amount 12abc is not a price"),
            ("exponent", one(MarketSamples.Series(points: [("1", "1e5")])), "price.amount 1e5 is not a price"),
            ("not a number", one(MarketSamples.Series(points: [("1", "NaN")])), "price.amount NaN is not a price"),
            ("beyond any market", one(MarketSamples.Series(points: [("1", "1000000")])), "price.amount 1000000 is not a price"),
            ("no price", one(MarketSamples.Series(points: [("1", "")])), "position 1 has no price.amount"),
            ("no points", one(MarketSamples.Series(points: [])), "has no Point"),
            ("bad start", one(MarketSamples.Series(start: "2027-02-30T00:00Z", points: [("1", "50")])), "start 2027-02-30T00:00Z is not a time"),
            ("end before start", one(MarketSamples.Series(start: "2027-01-15T23:00Z", end: "2027-01-14T23:00Z", points: [("1", "50")])), "is empty or longer than 31 days"),
            ("a year long", one(MarketSamples.Series(end: "2028-01-14T23:00Z", resolution: "PT15M", points: [("1", "50")])), "is empty or longer than 31 days"),
            ("not whole steps", one(MarketSamples.Series(end: "2027-01-15T00:30Z", points: [("1", "50")])), "not a whole number of PT60M"),
            ("off the quarter hour", one(MarketSamples.Series(start: "2027-01-14T23:07Z", end: "2027-01-15T00:07Z", points: [("1", "50")])), "not on a quarter hour"),
        ]
        // Foundation's parser traps on an element name that is not UTF-8 (found by MarketReaderMutationTests).
        cases.append(("not UTF-8", Data("<Publication_MarketDocument><position".utf8) + Data([0xF8]) + Data("/></Publication_MarketDocument>".utf8), "not UTF-8"))
        cases.append(("Latin-1", Data("<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?><Publication_MarketDocument/>".utf8), "declares encoding ISO-8859-1"))
        let deep = String(repeating: "<a>", count: 40) + String(repeating: "</a>", count: 40)
        cases.append(("deep nesting", Data(deep.utf8), "nests deeper than 16"))
        cases.append(("too large", Data(repeating: 0x20, count: (8 << 20) + 1), "more than 8388608"))
        let longText = "<Publication_MarketDocument><type>" + String(repeating: "A", count: 5000) + "</type></Publication_MarketDocument>"
        cases.append(("long text", Data(longText.utf8), "longer than 4096 bytes"))
        return cases
    }()

    @Test(arguments: refusals.indices)
    func badDocumentsAreRefusedWithTheReason(_ index: Int) {
        let (name, data, expected) = Self.refusals[index]
        let refusal = Self.refusal(data)
        #expect(refusal.contains(expected), "\(name): \(refusal)")
    }

    @Test func tooManyPointsAreRefusedBeforeTheyAreExpanded() {
        let period = "<Period><timeInterval><start>2027-01-01T00:00Z</start><end>2027-01-31T00:00Z</end></timeInterval><resolution>PT15M</resolution><Point><position>1</position><price.amount>1</price.amount></Point></Period>"
        let series = "<TimeSeries><currency_Unit.name>EUR</currency_Unit.name><price_Measure_Unit.name>MWH</price_Measure_Unit.name><curveType>A03</curveType>"
            + String(repeating: period, count: 100) + "</TimeSeries>"
        let data = Data("<Publication_MarketDocument><type>A44</type>\(series)</Publication_MarketDocument>".utf8)
        #expect(Self.refusal(data).contains("more than 200000 points"))
    }
}
