import Logging

/// Hands an update to the sink; a sink that cannot store it now makes the refresh count as failed, so it is
/// tried again soon.
enum MarketFeedDelivery {
    static func deliver(_ update: ForecastUpdate, to sink: any ForecastSink, logger: Logger) async -> Bool {
        do {
            try await sink.received(update)
            return true
        } catch {
            logger.error("forecast could not be stored", metadata: ["dso": "\(update.dso)", "feed": "\(update.feed)", "error": "\(error)"])
            return false
        }
    }
}
