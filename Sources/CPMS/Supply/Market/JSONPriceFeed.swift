import Foundation
import Logging

/// A DSO's prices and energy mix from the documented JSON feed (docs/energy-supply.md), read from a file or a
/// URL every `refreshSeconds`.
public struct JSONPriceFeed: SupplyFeed {
    public static let kind = "json"
    let dso: DSO
    let settings: JSONFeedSettings
    let context: SupplyFeedContext
    /// How long one GET may take.
    public var requestTimeout: Duration = .seconds(30)
    public var maxDocumentBytes = 4 << 20

    public init(dso: DSO, settings: JSONFeedSettings, context: SupplyFeedContext) {
        self.dso = dso
        self.settings = settings
        self.context = context
    }

    public func run(sink: any ForecastSink) async {
        await MarketFeedRunner.run(clock: context.clock, every: MarketFeedRunner.interval(seconds: settings.refreshSeconds)) {
            await refresh(sink: sink)
        }
    }

    /// Reads the document once and hands its intervals to the sink; false when it failed (reported to the sink).
    func refresh(sink: any ForecastSink) async -> Bool {
        let now = context.clock.wallTime
        let fetched: FeedDocumentSource.Fetched
        do {
            fetched = try await FeedDocumentSource(settings.source).fetch(httpClient: context.httpClient, maxBytes: maxDocumentBytes, timeout: requestTimeout)
        } catch {
            return await fail(sink, error.description, at: now)
        }
        guard (200..<300).contains(fetched.status) else { return await fail(sink, "HTTP \(fetched.status)", at: now) }
        let document: JSONPriceFeedDocument
        do {
            document = try JSONPriceFeedReader.read(fetched.body)
        } catch {
            return await fail(sink, "parse error: \(error.description)", at: now)
        }
        guard !document.intervals.isEmpty else { return await fail(sink, "parse error: intervals is empty", at: now) }
        let update = ForecastUpdate(
            dso: dso.id, feed: Self.kind, intervals: document.intervals, source: "json feed \(FeedDocumentSource.redacted(settings.source))", receivedAt: now)
        return await MarketFeedDelivery.deliver(update, to: sink, logger: context.logger)
    }

    private func fail(_ sink: any ForecastSink, _ reason: String, at time: Date) async -> Bool {
        context.logger.notice("JSON price feed failed", metadata: ["dso": "\(dso.id)", "reason": "\(reason)"])
        await sink.failed(dso: dso.id, feed: Self.kind, reason: reason, at: time)
        return false
    }
}
