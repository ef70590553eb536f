public import Hummingbird
import HummingbirdCore
import HummingbirdWebSocket
import Prometheus
public import Logging
import ServiceLifecycle
public import StationCore

/// Builds the cpms server: migrations, the station gateway on `/ocpp/{id}` and the JSON API on `/api`, on one
/// port. Tests and `cpms serve` share it. The database is closed when the application shuts down.
public func buildCPMSApplication(
    configuration: CPMSConfiguration, database: any CPMSDatabase, clock: any StationClock, logger: Logger
) async throws -> some ApplicationProtocol {
    try await buildCPMSApplication(configuration: configuration, database: database, clock: clock, logger: logger, commandRunner: CommandRunner())
}

/// The same, with the runner of OCPI commands' station calls given (tests wait on it).
func buildCPMSApplication(
    configuration: CPMSConfiguration, database: any CPMSDatabase, clock: any StationClock, logger: Logger, commandRunner: CommandRunner
) async throws -> some ApplicationProtocol {
    try await Migrations.run(on: database, clock: { clock.wallTime }, logger: logger)
    let registry = StationRegistry(database: database)
    try await registry.disconnectAll()
    let ocpiClient = OCPIClient(settings: configuration.ocpi, timeout: configuration.ocpi.callTimeout, logger: logger)
    var deliverySettings = configuration.ocpiPushDelivery
    deliverySettings.lease = max(deliverySettings.lease, configuration.ocpi.callTimeout + .seconds(1))
    let metrics = PrometheusCollectorRegistry()
    let pushMetrics = OCPIPushMetrics(registry: metrics)
    let delivery = OCPIPushDelivery(
        database: database, client: ocpiClient, clock: clock, settings: deliverySettings, logger: logger, observer: { pushMetrics.record($0) })
    // Every producer of OCPI pushes enqueues through this queue; enqueuing wakes the delivery.
    let pushQueue = OCPIPushQueue(database: database, wake: { delivery.wake() })
    let party = try CPOParty(countryCode: configuration.ocpi.countryCode, partyID: configuration.ocpi.partyID)
    let locationPushes = LocationPushes(database: database, queue: pushQueue, party: party, now: { clock.wallTime }, logger: logger)
    let tariffPushes = TariffPushes(database: database, queue: pushQueue, party: party, now: { clock.wallTime }, logger: logger)
    let writer = IngestWriter(database: database, logger: logger)
    let recorder = ChargingRecorder(database: database, cdrs: CDRPublisher(database: database, party: party, queue: pushQueue), logger: logger)
    do {
        let written = try await recorder.recordMissing(at: clock.wallTime)
        if written > 0 { logger.notice("wrote \(written) charging records missing for ended transactions") }
    } catch {
        logger.error("could not write the charging records missing for ended transactions: \(String(reflecting: error))")
    }
    let connections = StationConnections(registry: registry, clock: clock, logger: logger, stationChanged: { await locationPushes.stationChanged($0) })
    var gateway = StationGateway(
        admission: StationAdmission(authenticator: StationAuthenticator(registry: registry)), connections: connections,
        settings: configuration.gateway, writer: writer, recorder: recorder, registry: registry, clock: clock, logger: logger)
    gateway.stationChanged = { await locationPushes.stationChanged($0) }

    let parties = OCPIPartyStore(database: database)
    let tokens = OCPITokenStore(database: database)
    gateway.authorizer = OCPITokenAuthorizer(
        tokens: tokens, parties: parties, locations: LocationStore(database: database), party: party,
        client: OCPIClient(settings: configuration.ocpi, timeout: configuration.ocpiAuthorizeTimeout, logger: logger),
        acceptedTokens: configuration.gateway.acceptedTokens, reuse: .seconds(15 * 60), clock: clock, logger: logger)

    let calendar = try await CalendarService(
        store: CalendarStore(database: database), settings: configuration.calendar, clock: clock, logger: logger,
        stationsChanged: { await locationPushes.stationsChanged($0) })
    let scheduler = CalendarScheduler(source: calendar, sender: GatewayCommandSender(connections: connections), clock: clock, logger: logger)
    let oscpFeeds = OSCPFeedDirectory()
    let supply = SupplyComponents(
        database: database, connections: connections, settings: configuration.supply, publicURL: configuration.ocpi.publicURL, clock: clock, logger: logger,
        oscpFeeds: oscpFeeds)
    gateway.observer = StationActivityObservers(observers: [
        CalendarStationActivity(scheduler: scheduler, calendar: calendar, logger: logger), SupplyStationActivity(service: supply.service),
    ])
    let sessionPublisher = SessionPublisher(database: database, party: party, queue: pushQueue, recorder: recorder, logger: logger)
    gateway.sessions = sessionPublisher

    let router = Router(context: CPMSRequestContext.self)
    // First: it applies only to the routes added after it.
    router.add(middleware: RequestLimitsMiddleware(limits: configuration.limits, clock: clock))
    gateway.addRoutes(to: router)
    let api = router.group("api").add(middleware: APIMiddleware(tokens: APITokenStore(database: database), logger: logger))
    StationsController(registry: registry, reports: StationReports(database: database), connections: connections).addRoutes(to: api)
    LocationController(store: LocationStore(database: database), clock: clock, pushes: locationPushes).addRoutes(to: api)
    CommandsController(registry: registry, connections: connections, clock: clock).addRoutes(to: api)
    TariffsController(store: TariffStore(database: database), clock: clock, tariffPushes: tariffPushes, locationPushes: locationPushes).addRoutes(to: api)
    CalendarController(calendar: calendar, registry: registry, tokens: APITokenStore(database: database), clock: clock).addRoutes(to: api)
    ChargingRecordsController(store: ChargingRecordStore(database: database), registry: registry).addRoutes(to: api)
    OCPIQueueController(store: OCPIPushStore(database: database), clock: clock).addRoutes(to: api)
    OCPICDRsController(store: CDRStore(database: database)).addRoutes(to: api)
    supply.addRoutes(to: api, clock: clock)
    OSCPController(store: OSCPRegistrationStore(database: database), directory: oscpFeeds).addRoutes(to: api)
    MetricsController(registry: metrics, pushes: pushMetrics, store: OCPIPushStore(database: database), clock: clock, logger: logger).addRoutes(to: router)

    let registration = OCPIRegistration(
        parties: parties, client: ocpiClient, settings: configuration.ocpi, clock: clock, logger: logger,
        catchUp: OCPIPublicationCatchUp(party: party, kind: database.kind), pushQueue: pushQueue)
    EMSPsController(parties: parties, registration: registration, settings: configuration.ocpi, clock: clock).addRoutes(to: api)
    var ocpi = OCPIRouting(settings: configuration.ocpi, parties: parties, clock: clock, logger: logger)
    ocpi.add(CredentialsModule(registration: registration))
    ocpi.add(LocationsModule(
        catalog: LocationCatalog(store: LocationStore(database: database), party: party), settings: configuration.ocpi,
        pageLimit: configuration.ocpiPageLimit))
    ocpi.add(TariffsModule(store: TariffStore(database: database), party: party, settings: configuration.ocpi, pageLimit: configuration.ocpiPageLimit))
    ocpi.add(SessionsModule(store: SessionStore(database: database), settings: configuration.ocpi, pageLimit: configuration.ocpiPageLimit))
    ocpi.add(CDRsModule(store: CDRStore(database: database), settings: configuration.ocpi, pageLimit: configuration.ocpiPageLimit))
    ocpi.add(TokensModule(store: tokens))
    ocpi.add(CommandsModule(
        commands: OCPICommandStore(database: database), tokens: tokens,
        catalog: LocationCatalog(store: LocationStore(database: database), party: party), connections: connections, calendar: calendar,
        runner: commandRunner, pushQueue: pushQueue, timeout: configuration.ocpiCommandTimeout, clock: clock, logger: logger))
    await calendar.setListener(BookingPushes(queue: pushQueue))
    ocpi.add(BookingsModule(
        desk: BookingDesk(
            calendar: calendar, catalog: LocationCatalog(store: LocationStore(database: database), party: party),
            store: BookingStore(database: database), queue: pushQueue, settings: configuration.bookings),
        settings: configuration.ocpi, pageLimit: configuration.ocpiPageLimit))
    ocpi.addRoutes(to: router)
    OSCPFlexibilityProviderRoutes(directory: oscpFeeds, logger: logger).addRoutes(to: router)
    var portal = PortalController<CPMSRequestContext>(
        database: database, connections: connections, clock: clock, settings: configuration.portal,
        hasher: PasswordHasher(cost: configuration.portal.bcryptCost), renderer: try PortalRenderer(),
        supply: OverviewSupply(
            monitor: supply.monitor,
            totals: SupplyDayTotalsCache(monitor: supply.monitor, maxAge: configuration.portal.supplyTotalsMaxAge)),
        logger: logger, calendar: calendar, energySupply: supply.portal)
    portal.tariffPushes = tariffPushes
    portal.addRoutes(to: router)

    let frameSize = configuration.gateway.maxFrameBytes
    let headerBytes = configuration.limits.maxHeaderBytes
    return Application(
        router: router,
        server: HTTPServerBuilder { [webSocketResponder = router.buildResponder()] responder in
            CPMSChildChannel(base: HTTP1WebSocketUpgradeChannel(
                responder: responder, webSocketResponder: webSocketResponder,
                configuration: .init(
                    http1: .init(httpDecoderConfiguration: .init(maxHeaderFieldSize: headerBytes, maxHeaderListSize: headerBytes)),
                    ws: .init(maxFrameSize: frameSize, autoPing: .enabled(timePeriod: .seconds(30))))))
        },
        configuration: .init(address: .hostname(configuration.host, port: configuration.port), serverName: "cpms"),
        // Shut down in reverse order: push delivery and the scheduler stop before the connections and the database close.
        services: [
            CPMSShutdown(connections: connections, database: database), scheduler, delivery, supply.service,
            OCPIPublicationSweep(
                locations: locationPushes, tariffs: tariffPushes, clock: clock, interval: configuration.ocpiPublicationSweepInterval, logger: logger),
            SessionUpdateService(publisher: sessionPublisher, interval: configuration.ocpiSessionUpdateInterval, clock: clock, logger: logger),
        ],
        logger: logger)
}

/// Runs beside the server; on graceful shutdown (after the server has stopped) closes the stations'
/// connections and the database.
struct CPMSShutdown: Service {
    let connections: StationConnections
    let database: any CPMSDatabase

    func run() async throws {
        try? await gracefulShutdown()
        await connections.closeAll()
        await database.shutdown()
    }
}
