public import Foundation
import Logging

/// A DSO's static time-of-use contract as a feed: its intervals over the next `horizonHours`, computed again
/// every hour of the injected clock.
public struct TimeOfUseFeed: SupplyFeed {
    public static let kind = "tou"
    let dso: DSO
    let settings: TimeOfUseSettings
    let context: SupplyFeedContext
    public var horizonHours = 48
    public var recomputeEvery: Duration = .seconds(3600)

    public init(dso: DSO, settings: TimeOfUseSettings, context: SupplyFeedContext) {
        self.dso = dso
        self.settings = settings
        self.context = context
    }

    public func run(sink: any ForecastSink) async {
        let interval = recomputeEvery
        while !Task.isCancelled {
            _ = await refresh(sink: sink)
            do {
                try await context.clock.sleep(for: interval)
            } catch {
                return
            }
        }
    }

    /// Computes the intervals once and hands them to the sink; false when the contract is invalid (reported).
    func refresh(sink: any ForecastSink) async -> Bool {
        let now = context.clock.wallTime
        let schedule: TimeOfUseSchedule
        do {
            schedule = try TimeOfUseSchedule(settings)
        } catch {
            await sink.failed(dso: dso.id, feed: Self.kind, reason: "invalid contract: \(error.description)", at: now)
            return false
        }
        let intervals = schedule.intervals(from: now, hours: horizonHours)
        guard !intervals.isEmpty else {
            await sink.failed(dso: dso.id, feed: Self.kind, reason: "no period of the contract falls in the next \(horizonHours) hours", at: now)
            return false
        }
        let update = ForecastUpdate(dso: dso.id, feed: Self.kind, intervals: intervals, source: "time of use (\(settings.timeZone))", receivedAt: now)
        return await MarketFeedDelivery.deliver(update, to: sink, logger: context.logger)
    }
}
