import CPMS
import Foundation
import HTTPTypes
import StationTesting
import Testing

/// The ENTSO-E, JSON and time-of-use feeds run as cpms runs them: on a manual clock, against a local HTTP
/// server or a file, with a sink that records what they hand over.
@Suite(.timeLimit(.minutes(2)))
struct MarketFeedTests {
    static let dso = DSO(
        id: "stadtwerke", name: "Stadtwerke Example",
        contract: SupplyContract(groups: ["depot"], capacityW: 100_000, currency: "EUR", fallbackPricePerKWh: Decimal(string: "0.30")!), feeds: [])

    /// Runs `feed` until `body` returns, with the events of its sink.
    func running(
        _ makeFeed: (SupplyFeedContext) -> any SupplyFeed, clock: ManualClock = ManualClock(),
        _ body: (inout AsyncStream<RecordingForecastSink.Event>.Iterator, ManualClock, RecordingForecastSink) async throws -> Void
    ) async throws {
        let database = try await TestBackend.sqlite.open()
        let context = SupplyFeedContext(database: database, httpClient: .shared, clock: clock, publicURL: "http://cpms.test:8300", logger: .quiet)
        let feed = makeFeed(context)
        let sink = RecordingForecastSink()
        let task = Task { await feed.run(sink: sink) }
        var events = sink.events.makeAsyncIterator()
        do {
            try await body(&events, clock, sink)
        } catch {
            task.cancel()
            await task.value
            await database.shutdown()
            throw error
        }
        task.cancel()
        await task.value
        await database.shutdown()
    }

    /// Lets the feed go to sleep, then moves the clock on.
    static func advance(_ clock: ManualClock, seconds: Int64) async throws {
        try await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(seconds))
    }

    @Test func entsoeFeedReadsItsURLReportsNoDataAndA500AndRecovers() async throws {
        let server = ScriptedDocumentServer()
        server.answer(.ok, try MarketSamples.data("entsoe-acknowledgement-no-data.xml"))
        server.answer(.ok, try MarketSamples.data("entsoe-a44-de-lu-pt15m-a03.xml"))
        server.answer(.internalServerError, Data("<html>Internal Server Error</html>".utf8))
        server.answer(.ok, try MarketSamples.data("entsoe-a44-nl-pt60m-two-days.xml"))
        try await server.run { base in
            let url = base + "/api?securityToken=secret-key&documentType=A44&in_Domain=10Y1001A1001A82H&periodStart={periodStart}&periodEnd={periodEnd}"
            try await running({ ENTSOEFeed(dso: Self.dso, settings: ENTSOEFeedSettings(source: url, refreshSeconds: 3600), context: $0) }) { events, clock, _ in
                let noData = try await events.nextFailure()
                #expect(noData.hasPrefix("no data: 999: No matching data found for Data item Day-ahead Prices"), "\(noData)")

                try await Self.advance(clock, seconds: 60)
                let first = try await events.nextUpdate()
                #expect(first.dso == "stadtwerke")
                #expect(first.feed == "entsoe")
                #expect(first.intervals.count == 96)
                #expect(first.source == "entsoe A44 5b7d0a0f2e3c4e9a8f1b2c3d4e5f6a7b revision 1 zone 10Y1001A1001A82H")
                #expect(first.receivedAt == ManualClock.wallTimeOrigin.addingTimeInterval(60))

                try await Self.advance(clock, seconds: 3600)
                #expect(try await events.nextFailure() == "HTTP 500")

                try await Self.advance(clock, seconds: 60)
                let recovered = try await events.nextUpdate()
                #expect(recovered.intervals.count == 48)
                #expect(recovered.receivedAt == ManualClock.wallTimeOrigin.addingTimeInterval(3720))
            }
        }
        let requests = server.requests.withLock { $0 }
        #expect(requests.count == 4)
        #expect(requests.first?.contains("periodStart=202701150000&periodEnd=202701170000") == true, "\(requests)")
    }

    @Test func anUnreachableURLIsReportedWithoutItsTokenAndTriedAgain() async throws {
        let url = "http://127.0.0.1:1/api?securityToken=secret-key&documentType=A44"
        try await running({ context in
            var feed = ENTSOEFeed(dso: Self.dso, settings: ENTSOEFeedSettings(source: url), context: context)
            feed.requestTimeout = .seconds(2)
            return feed
        }) { events, clock, _ in
            let reason = try await events.nextFailure()
            #expect(reason.hasPrefix("unreachable: http://127.0.0.1:1/api?securityToken=***&documentType=A44"), "\(reason)")
            #expect(!reason.contains("secret-key"))
            try await Self.advance(clock, seconds: 60)
            #expect(try await events.nextFailure().hasPrefix("unreachable: "))
        }
    }

    @Test func entsoeFeedTakesTheConfiguredZoneFromAFile() async throws {
        let path = MarketSamples.folder.appendingPathComponent("entsoe-a44-two-zones-pt60m-a03.xml").path
        try await running({ ENTSOEFeed(dso: Self.dso, settings: ENTSOEFeedSettings(source: path, biddingZone: "10YES-REE------0"), context: $0) }) { events, _, _ in
            let update = try await events.nextUpdate()
            #expect(update.intervals.count == 24)
            #expect(update.intervals.first?.pricePerKWh == Decimal(string: "0.04"))
            #expect(update.source.hasSuffix("zone 10YES-REE------0"))
        }
        try await running({ ENTSOEFeed(dso: Self.dso, settings: ENTSOEFeedSettings(source: path), context: $0) }) { events, _, _ in
            let reason = try await events.nextFailure()
            #expect(reason.hasPrefix("parse error: the document has 2 bidding zones"))
        }
        try await running({ ENTSOEFeed(dso: Self.dso, settings: ENTSOEFeedSettings(source: "/nonexistent/prices.xml"), context: $0) }) { events, _, _ in
            let reason = try await events.nextFailure()
            #expect(reason.hasPrefix("cannot read the file /nonexistent/prices.xml"))
        }
    }

    @Test func jsonFeedFromAFileReportsAParseErrorThenReadsTheFixedFile() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("cpms-json-feed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let file = directory.appendingPathComponent("prices.json")
        try Data(#"{"currency": "EUR", "intervals": [{"start": "2027-01-15T08:00:00Z", "end": "2027-01-15T09:00:00Z", "price_per_kwh": "cheap"}]}"#.utf8).write(to: file)
        try await running({ JSONPriceFeed(dso: Self.dso, settings: JSONFeedSettings(source: file.path, refreshSeconds: 300), context: $0) }) { events, clock, sink in
            #expect(try await events.nextFailure() == "parse error: intervals[0].price_per_kwh must be a number")

            try MarketSamples.data("json-feed-prices-and-mix.json").write(to: file)
            try await Self.advance(clock, seconds: 60)
            let update = try await events.nextUpdate()
            #expect(update.feed == "json")
            #expect(update.intervals.count == 4)
            #expect(update.intervals.first?.carbonGramsPerKWh == 320)
            #expect(update.source == "json feed \(file.path)")

            sink.refusals.withLock { $0 = 1 }
            try await Self.advance(clock, seconds: 300)
            #expect(try await events.nextFailure() == "store refused")
            try await Self.advance(clock, seconds: 60)
            #expect(try await events.nextUpdate().intervals.count == 4)
        }
    }

    @Test func jsonFeedOverHTTPReportsStatusAndSizeAndRecovers() async throws {
        let server = ScriptedDocumentServer()
        let sample = try MarketSamples.data("json-feed-capacity-per-group.json")
        server.answer(.notFound, Data("not found".utf8))
        server.answer(.ok, sample + Data(repeating: 0x20, count: 2000))
        server.answer(.ok, sample)
        try await server.run { base in
            try await running({ context in
                var feed = JSONPriceFeed(dso: Self.dso, settings: JSONFeedSettings(source: base + "/feed.json", refreshSeconds: 30), context: context)
                feed.maxDocumentBytes = 2000
                return feed
            }) { events, clock, _ in
                #expect(try await events.nextFailure() == "HTTP 404")
                try await Self.advance(clock, seconds: 30)
                #expect(try await events.nextFailure() == "the answer of \(base)/feed.json is larger than 2000 bytes")
                try await Self.advance(clock, seconds: 30)
                let update = try await events.nextUpdate()
                #expect(update.intervals.map(\.group) == ["depot-north", "depot-south", "depot-south"])
            }
        }
    }

    @Test func timeOfUseFeedIsComputedAgainEveryHour() async throws {
        let settings = try TimeOfUseScheduleTests.sampleSettings()
        try await running({ TimeOfUseFeed(dso: Self.dso, settings: settings, context: $0) }) { events, clock, _ in
            let first = try await events.nextUpdate()
            #expect(first.feed == "tou")
            #expect(first.intervals.first?.start == MarketSamples.time("2027-01-15T08:00:00Z"))
            #expect(first.intervals.last?.end == MarketSamples.time("2027-01-17T08:00:00Z"))
            try await Self.advance(clock, seconds: 3600)
            let second = try await events.nextUpdate()
            #expect(second.intervals.first?.start == MarketSamples.time("2027-01-15T09:00:00Z"))
            #expect(second.intervals.last?.end == MarketSamples.time("2027-01-17T09:00:00Z"))
            #expect(second.receivedAt == MarketSamples.time("2027-01-15T09:00:00Z"))
        }
        let invalid = TimeOfUseSettings(timeZone: "Europe/Berlin", periods: [])
        try await running({ TimeOfUseFeed(dso: Self.dso, settings: invalid, context: $0) }) { events, clock, _ in
            #expect(try await events.nextFailure() == "invalid contract: periods must not be empty")
            try await Self.advance(clock, seconds: 3600)
            #expect(try await events.nextFailure() == "invalid contract: periods must not be empty")
        }
    }
}
