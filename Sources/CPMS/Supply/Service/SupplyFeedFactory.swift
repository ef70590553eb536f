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
        }
    }
}
