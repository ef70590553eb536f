/// The market feeds (ENTSO-E, JSON, time of use) for the service's feed factory, and the checks of their
/// settings for the registry.
public enum MarketFeeds {
    /// The feed for `settings` when it is a market feed; nil for the other kinds (OpenADR, OSCP).
    public static func make(dso: DSO, settings: SupplyFeedSettings, context: SupplyFeedContext) -> (any SupplyFeed)? {
        switch settings {
        case .entsoe(let entsoe): ENTSOEFeed(dso: dso, settings: entsoe, context: context)
        case .jsonFeed(let json): JSONPriceFeed(dso: dso, settings: json, context: context)
        case .timeOfUse(let tou): TimeOfUseFeed(dso: dso, settings: tou, context: context)
        case .openADR, .oscp: nil
        }
    }

    /// Why the settings of a market feed cannot work, or nil when they can (or the feed is not a market feed).
    public static func problem(with settings: SupplyFeedSettings) -> String? {
        switch settings {
        case .entsoe(let entsoe):
            if let problem = sourceProblem(entsoe.source, refreshSeconds: entsoe.refreshSeconds) { return problem }
            if let zone = entsoe.biddingZone, zone.count != 16 || !zone.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber || $0 == "-") }) {
                return "biddingZone must be a 16-character EIC code such as 10Y1001A1001A82H"
            }
            return nil
        case .jsonFeed(let json):
            return sourceProblem(json.source, refreshSeconds: json.refreshSeconds)
        case .timeOfUse(let tou):
            do {
                _ = try TimeOfUseSchedule(tou)
                return nil
            } catch {
                return error.description
            }
        case .openADR, .oscp:
            return nil
        }
    }

    private static func sourceProblem(_ source: String, refreshSeconds: Double) -> String? {
        guard !source.isEmpty, source.count <= 2048 else { return "source must be a URL or a file path of 1 to 2048 characters" }
        guard refreshSeconds.isFinite, refreshSeconds >= 1 else { return "refreshSeconds must be at least 1" }
        return nil
    }
}
