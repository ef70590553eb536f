import CPMS
import Foundation
import Testing

/// The samples, mutated many times over with a fixed seed: each mutant is read or refused, and what is read
/// still holds what planning relies on (intervals in order, not overlapping, prices and shares in range).
/// `MARKET_MUTANTS=N` sets how many mutants of each sample (300 XML, 500 JSON by default).
struct MarketReaderMutationTests {
    /// SplitMix64: the same mutants on every run.
    struct Generator {
        var state: UInt64

        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }

        mutating func below(_ bound: Int) -> Int { Int(next() % UInt64(max(bound, 1))) }
    }

    static func mutate(_ data: Data, tokens: [String], generator: inout Generator) -> Data {
        var bytes = [UInt8](data)
        for _ in 0...generator.below(3) {
            guard !bytes.isEmpty else { break }
            let at = generator.below(bytes.count)
            switch generator.below(5) {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: generator.next())
            case 1: bytes.removeSubrange(at..<min(bytes.count, at + 1 + generator.below(40)))
            case 2: bytes.insert(contentsOf: Array(tokens[generator.below(tokens.count)].utf8), at: at)
            case 3:
                let end = min(bytes.count, at + 1 + generator.below(200))
                bytes.insert(contentsOf: bytes[at..<end], at: end)
            default:
                if let digit = bytes[at...].firstIndex(where: { $0 >= 0x30 && $0 <= 0x39 }) { bytes[digit] = 0x30 + UInt8(generator.below(10)) }
            }
        }
        return Data(bytes)
    }

    static func checkOrdered(_ intervals: [ForecastInterval], sourceLocation: SourceLocation = #_sourceLocation) {
        var ends: [String: Date] = [:]
        for interval in intervals {
            #expect(interval.end > interval.start, sourceLocation: sourceLocation)
            if let end = ends[interval.group ?? ""] { #expect(interval.start >= end, sourceLocation: sourceLocation) }
            ends[interval.group ?? ""] = interval.end
            if let price = interval.pricePerKWh { #expect(abs(price) <= 1000, sourceLocation: sourceLocation) }
            if let share = interval.renewableShare { #expect((0...1).contains(share), sourceLocation: sourceLocation) }
        }
    }

    @Test func mutatedENTSOEDocumentsAreReadInOrderOrRefused() throws {
        let tokens = ["<position>", "</Point>", "99999", "-", ".", "PT15M", "PT30M", "A01", "A03", "<!DOCTYPE x>", "&amp;", "<Period>", "2027-01-15T00:00Z", "<![CDATA[1]]>"]
        var generator = Generator(state: 16)
        var read = 0
        for name in ["entsoe-a44-de-lu-pt15m-a03.xml", "entsoe-a44-nl-pt60m-two-days.xml", "entsoe-a44-two-zones-pt60m-a03.xml", "entsoe-acknowledgement-no-data.xml"] {
            let sample = try MarketSamples.data(name)
            for _ in 0..<(Int(ProcessInfo.processInfo.environment["MARKET_MUTANTS"] ?? "") ?? 300) {
                let mutant = Self.mutate(sample, tokens: tokens, generator: &generator)
                guard case .prices(let prices)? = try? ENTSOEPriceReader.read(mutant, biddingZone: name.contains("two-zones") ? "10YFR-RTE------C" : nil) else { continue }
                read += 1
                Self.checkOrdered(prices.intervals)
                #expect(prices.intervals.allSatisfy { $0.start.timeIntervalSince1970.truncatingRemainder(dividingBy: 900) == 0 })
            }
        }
        #expect(read > 40, "enough mutants are still documents to check the invariants on")
    }

    @Test func mutatedJSONFeedsAreReadInOrderOrRefused() throws {
        let tokens = ["null", "1e999", "\"", "{", "[", "-0.5", "\"2027-01-15T08:00:00Z\"", ",", "}", "true", "\"group\": \"x\","]
        var generator = Generator(state: 18)
        var read = 0
        for name in ["json-feed-prices-and-mix.json", "json-feed-capacity-per-group.json"] {
            let sample = try MarketSamples.data(name)
            for _ in 0..<(Int(ProcessInfo.processInfo.environment["MARKET_MUTANTS"] ?? "") ?? 500) {
                guard let document = try? JSONPriceFeedReader.read(Self.mutate(sample, tokens: tokens, generator: &generator)) else { continue }
                read += 1
                Self.checkOrdered(document.intervals)
            }
        }
        #expect(read > 20, "enough mutants are still documents to check the invariants on")
    }
}
