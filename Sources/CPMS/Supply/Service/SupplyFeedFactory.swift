import Foundation
import Logging

/// Builds the adapter of each feed kind.
public enum SupplyFeedFactory {
    public static func make(dso: DSO, settings: SupplyFeedSettings, context: SupplyFeedContext) -> any SupplyFeed {
        switch settings {
        case .openADR(let openADR):
            return OpenADRFeed(dso: dso, settings: openADR, context: context)
        case .oscp(let oscp):
            return OSCPFeed(dso: dso, settings: oscp, context: context)
        case .entsoe(let entsoe):
            return ENTSOEFeed(dso: dso, settings: entsoe, context: context)
        case .jsonFeed(let json):
            return JSONPriceFeed(dso: dso, settings: json, context: context)
        case .timeOfUse(let timeOfUse):
            return TimeOfUseFeed(dso: dso, settings: timeOfUse, context: context)
        // MERGE: the adapters' cases go here as they are merged (helpers A, O, M):
        //   case .oscp(let s): OSCPFeed(dso: dso, settings: s, context: context)
        //   case .entsoe(let s): ENTSOEFeed(...); case .jsonFeed(let s): JSONSupplyFeed(...); case .timeOfUse(let s): TimeOfUseFeed(...)
        default:
            return UnavailableSupplyFeed(dso: dso.id, kind: settings.kind, context: context)
        }
    }
}

/// A feed whose adapter this build lacks: logs it, shows it as failing, and waits to be stopped.
struct UnavailableSupplyFeed: SupplyFeed {
    let dso: String
    let kind: String
    let context: SupplyFeedContext

    func run(sink: any ForecastSink) async {
        let reason = "no adapter for kind \(kind) in this build"
        context.logger.error("supply feed \(dso)/\(kind): \(reason)")
        await sink.failed(dso: dso, feed: kind, reason: reason, at: context.clock.wallTime)
        while !Task.isCancelled {
            try? await context.clock.sleep(for: .seconds(3600))
        }
    }
}
