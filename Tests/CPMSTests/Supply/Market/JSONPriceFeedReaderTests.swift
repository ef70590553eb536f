import CPMS
import Foundation
import Tariffs
import Testing

struct JSONPriceFeedReaderTests {
    static func refusal(_ text: String) -> String {
        do {
            _ = try JSONPriceFeedReader.read(Data(text.utf8))
            return "read without error"
        } catch {
            return error.description
        }
    }

    /// A document of the given intervals (JSON object texts).
    static func document(_ intervals: String...) -> String {
        #"{"currency": "EUR", "intervals": ["# + intervals.joined(separator: ",") + "]}"
    }

    static func hour(_ hour: Int, _ extra: String = #""price_per_kwh": 0.2"#) -> String {
        String(format: #"{"start": "2027-01-15T%02d:00:00Z", "end": "2027-01-15T%02d:00:00Z", "#, hour, hour + 1) + extra + "}"
    }

    @Test func pricesMixAndCarbonAreRead() throws {
        let document = try JSONPriceFeedReader.read(try MarketSamples.data("json-feed-prices-and-mix.json"))
        #expect(document.currency == "EUR")
        #expect(document.intervals.count == 4)
        let first = document.intervals[0]
        #expect(first.start == MarketSamples.time("2027-01-15T08:00:00Z"))
        #expect(first.end == MarketSamples.time("2027-01-15T09:00:00Z"))
        #expect(first.pricePerKWh == Decimal(string: "0.214"))
        #expect(first.exportPricePerKWh == Decimal(string: "0.081"))
        #expect(first.currency == "EUR")
        #expect(first.energyMix?.energySources?.count == 4)
        #expect(first.energyMix?.supplierName == "Stadtwerke Example")
        #expect(abs((first.renewableShare ?? -1) - 0.5) < 1e-9, "WIND 35 + SOLAR 15 of 100")
        #expect(first.carbonGramsPerKWh == 320)
        let second = document.intervals[1]
        #expect(abs((second.renewableShare ?? -1) - 0.62) < 1e-9)
        #expect(second.carbonGramsPerKWh == 240)
        #expect(second.energyMix == nil)
        let third = document.intervals[2]
        #expect(third.start == MarketSamples.time("2027-01-15T10:00:00Z"), "11:00+01:00")
        #expect(third.pricePerKWh == Decimal(string: "-0.012"))
        #expect(document.intervals[3].renewableShare == 1, "green without sources")
    }

    @Test func capacitiesOfDifferentGroupsMayCoverTheSameHours() throws {
        let document = try JSONPriceFeedReader.read(try MarketSamples.data("json-feed-capacity-per-group.json"))
        #expect(document.intervals.map(\.group) == ["depot-north", "depot-south", "depot-south"])
        #expect(document.intervals.map(\.capacityW) == [150_000, 80_000, 40_000])
        #expect(document.intervals[0].pricePerKWh == nil)
        #expect(document.intervals[0].currency == nil)
        #expect(document.intervals[2].pricePerKWh == Decimal(string: "0.31"))
    }

    static let refusals: [(String, String)] = [
        (document(hour(8), hour(9), hour(10), hour(11, #""price_per_kwh": "0.21""#)), "intervals[3].price_per_kwh must be a number"),
        ("[1, 2]", "the document must be an object"),
        ("{\"currency\": \"EUR\", \"intervals\": [", "the document is not JSON"),
        (#"{"intervals": []}"#, "currency must be a string"),
        (#"{"currency": "eur", "intervals": []}"#, "currency must be an ISO 4217 code such as EUR"),
        (#"{"currency": "EUR"}"#, "intervals must be an array"),
        (#"{"currency": "EUR", "intervals": [], "generated": 1}"#, "generated is not a field of the feed"),
        (document("3"), "intervals[0] must be an object"),
        (document(hour(8, #""prize_per_kwh": 0.2"#)), "intervals[0].prize_per_kwh is not a field of the feed"),
        (document(#"{"end": "2027-01-15T09:00:00Z", "price_per_kwh": 0.2}"#), "intervals[0].start must be an RFC 3339 time string"),
        (document(#"{"start": "2027-01-15T08:00Z", "end": "2027-01-15T09:00:00Z", "price_per_kwh": 0.2}"#), "intervals[0].start must be an RFC 3339 time such as"),
        (document(#"{"start": "2027-01-15T08:00:00", "end": "2027-01-15T09:00:00Z", "price_per_kwh": 0.2}"#), "intervals[0].start must be an RFC 3339 time such as"),
        (document(#"{"start": "2027-01-15T09:00:00Z", "end": "2027-01-15T09:00:00Z", "price_per_kwh": 0.2}"#), "intervals[0].end must be after intervals[0].start"),
        (document(hour(8), hour(9), #"{"start": "2027-01-15T09:30:00Z", "end": "2027-01-15T11:00:00Z", "price_per_kwh": 0.2}"#),
            "intervals[2].start must not be before the end of intervals[1]"),
        (document(hour(9), hour(8)), "intervals[1].start must not be before the end of intervals[0]"),
        (document(hour(8, #""group": "north""#)), "intervals[0] must carry at least one of"),
        (document(hour(8, #""price_per_kwh": null"#)), "intervals[0] must carry at least one of"),
        (document(hour(8, #""price_per_kwh": 5000"#)), "intervals[0].price_per_kwh must be between -1000 and 1000"),
        (document(hour(8, #""renewable_share": 1.5"#)), "intervals[0].renewable_share must be between 0 and 1"),
        (document(hour(8, #""co2_g_per_kwh": -3"#)), "intervals[0].co2_g_per_kwh must be between 0 and"),
        (document(hour(8, #""capacity_w": true"#)), "intervals[0].capacity_w must be a number"),
        (document(hour(8, #""capacity_w": 1000, "group": 7"#)), "intervals[0].group must be a string"),
        (document(hour(8, #""energy_mix": {"energy_sources": []}"#)), "intervals[0].energy_mix.is_green_energy must be true or false"),
        (document(hour(8, #""energy_mix": {"is_green_energy": false, "energy_sources": [{"source": "PEAT", "percentage": 10}]}"#)),
            "intervals[0].energy_mix.energy_sources[0].source must be one of"),
        (document(hour(8, #""energy_mix": {"is_green_energy": false, "energy_sources": [{"source": "WIND", "percentage": 60}, {"source": "GAS", "percentage": 60}]}"#)),
            "intervals[0].energy_mix.energy_sources add up to 120 percent"),
        (document(hour(8, #""energy_mix": {"is_green_energy": false, "energy_sources": [{"source": "WIND", "percentage": -5}]}"#)),
            "intervals[0].energy_mix.energy_sources[0].percentage must be a number from 0 to 100"),
        (document(hour(8, #""energy_mix": {"is_green_energy": false, "environ_impact": [{"category": "CARBON_DIOXIDE"}]}"#)),
            "intervals[0].energy_mix.environ_impact[0].amount must be a number of at least 0"),
        (document(hour(8, #""energy_mix": {"is_green_energy": true, "colour": "green"}"#)), "intervals[0].energy_mix.colour is not a field of the feed"),
    ]

    @Test(arguments: refusals.indices)
    func badDocumentsAreRefusedNamingTheField(_ index: Int) {
        let (text, expected) = Self.refusals[index]
        let refusal = Self.refusal(text)
        #expect(refusal.hasPrefix(expected), "\(refusal)")
    }

    @Test func tooManyIntervalsAreRefused() {
        let many = (0..<20_001).map { _ in "{}" }.joined(separator: ",")
        #expect(Self.refusal(#"{"currency": "EUR", "intervals": [\#(many)]}"#) == "intervals has 20001 entries, more than 20000")
    }
}
