import AsyncHTTPClient
import Hummingbird
import Logging
import StationCore

/// The supply half of cpms as `buildCPMSApplication` wires it: the service, its stores and the API's routes.
struct SupplyComponents {
    let service: SupplyService
    let stores: SupplyService.Stores
    let monitor: SupplyMonitor

    init(
        database: any CPMSDatabase, connections: StationConnections, settings: SupplySettings, publicURL: String, clock: any StationClock, logger: Logger,
        sender: (any SupplyStationSender)? = nil, makeFeed: SupplyFeedRunner.Make? = nil, oscpFeeds: OSCPFeedDirectory = OSCPFeedDirectory()
    ) {
        let wake = WakeSignal()
        let forecasts = ForecastStore(database: database, logger: logger, wake: { wake.signal() })
        let stores = SupplyService.Stores(database: database, forecasts: forecasts)
        let context = SupplyFeedContext(
            database: database, httpClient: .shared, clock: clock, publicURL: publicURL, logger: logger, oscpFeeds: oscpFeeds)
        let make = makeFeed ?? { dso, settings in SupplyFeedFactory.make(dso: dso, settings: settings, context: context) }
        service = SupplyService(
            stores: stores, sender: sender ?? GatewaySupplySender(connections: connections),
            feeds: SupplyFeedRunner(make: make, sink: forecasts, logger: logger), wake: wake, clock: clock, settings: settings, logger: logger)
        self.stores = stores
        monitor = SupplyMonitor(
            database: database, plan: stores.plan, groups: stores.groups, registry: stores.registry,
            defaultConnectionLimitW: settings.defaultConnectionLimitW)
    }
}


extension SupplyComponents {
    func addRoutes<Context: RequestContext>(to api: RouterGroup<Context>, clock: any StationClock) {
        let service = service
        SupplyDSOsController(store: stores.dsos, clock: clock, changed: { service.wake() }).addRoutes(to: api)
        SupplyController(
            dsos: stores.dsos, groups: stores.groups, policy: stores.policy, forecasts: stores.forecasts, plan: stores.plan, requests: stores.requests,
            registry: stores.registry, clock: clock, defaultConnectionLimitW: service.settings.defaultConnectionLimitW,
            monitor: monitor, changed: { service.wake() }
        ).addRoutes(to: api)
    }
}
