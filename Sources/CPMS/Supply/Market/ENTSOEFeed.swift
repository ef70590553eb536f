import Foundation
import Logging

/// Day-ahead prices of a DSO from an ENTSO-E A44 document, read from a file or a URL every `refreshSeconds`.
///
/// A URL may hold `{periodStart}` and `{periodEnd}` (ENTSO-E's `yyyyMMddHHmm`, UTC): the start of the present
/// UTC day and two days later, so one request covers today and tomorrow.
public struct ENTSOEFeed: SupplyFeed {
    public static let kind = "entsoe"
    let dso: DSO
    let settings: ENTSOEFeedSettings
    let context: SupplyFeedContext
    /// How long one GET may take.
    public var requestTimeout: Duration = .seconds(30)
    public var maxDocumentBytes = 8 << 20

    public init(dso: DSO, settings: ENTSOEFeedSettings, context: SupplyFeedContext) {
        self.dso = dso
        self.settings = settings
        self.context = context
    }

    public func run(sink: any ForecastSink) async {
        await MarketFeedRunner.run(clock: context.clock, every: MarketFeedRunner.interval(seconds: settings.refreshSeconds)) {
            await refresh(sink: sink)
        }
    }

    /// Reads the document once and hands its prices to the sink; false when it failed (reported to the sink).
    func refresh(sink: any ForecastSink) async -> Bool {
        let now = context.clock.wallTime
        let source = FeedDocumentSource(settings.source)
        let fetched: FeedDocumentSource.Fetched
        do {
            fetched = try await source.fetch(url: Self.url(settings.source, at: now), httpClient: context.httpClient, maxBytes: maxDocumentBytes, timeout: requestTimeout)
        } catch {
            return await fail(sink, error.description, at: now)
        }
        let document: ENTSOEDocument
        do {
            document = try ENTSOEPriceReader.read(fetched.body, biddingZone: settings.biddingZone)
        } catch {
            guard (200..<300).contains(fetched.status) else { return await fail(sink, "HTTP \(fetched.status)", at: now) }
            return await fail(sink, "parse error: \(error.description)", at: now)
        }
        switch document {
        case .noData(let reason):
            let status = (200..<300).contains(fetched.status) ? "" : "HTTP \(fetched.status): "
            return await fail(sink, "\(status)no data: \(reason)", at: now)
        case .prices(let prices):
            guard (200..<300).contains(fetched.status) else { return await fail(sink, "HTTP \(fetched.status)", at: now) }
            guard !prices.intervals.isEmpty else { return await fail(sink, "parse error: the document has no prices", at: now) }
            for gap in prices.gaps {
                context.logger.warning("ENTSO-E document leaves points without a price", metadata: ["dso": "\(dso.id)", "gap": "\(gap)"])
            }
            var source = "entsoe A44 \(prices.documentID)"
            if let revision = prices.revision { source += " revision \(revision)" }
            if let zone = prices.biddingZone { source += " zone \(zone)" }
            let update = ForecastUpdate(dso: dso.id, feed: Self.kind, intervals: prices.intervals, source: source, receivedAt: now)
            return await MarketFeedDelivery.deliver(update, to: sink, logger: context.logger)
        }
    }

    private func fail(_ sink: any ForecastSink, _ reason: String, at time: Date) async -> Bool {
        context.logger.notice("ENTSO-E feed failed", metadata: ["dso": "\(dso.id)", "reason": "\(reason)"])
        await sink.failed(dso: dso.id, feed: Self.kind, reason: reason, at: time)
        return false
    }

    /// The URL with `{periodStart}` and `{periodEnd}` filled in for `time`; nil for a file.
    static func url(_ source: String, at time: Date) -> String? {
        guard case .url(let url) = FeedDocumentSource(source).location else { return nil }
        let dayStart = Date(timeIntervalSince1970: (time.timeIntervalSince1970 / 86400).rounded(.down) * 86400)
        return url.replacingOccurrences(of: "{periodStart}", with: stamp(dayStart))
            .replacingOccurrences(of: "{periodEnd}", with: stamp(dayStart.addingTimeInterval(2 * 86400)))
    }

    private static func stamp(_ date: Date) -> String {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC") ?? .current
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        return String(format: "%04d%02d%02d%02d%02d", parts.year ?? 0, parts.month ?? 0, parts.day ?? 0, parts.hour ?? 0, parts.minute ?? 0)
    }
}
