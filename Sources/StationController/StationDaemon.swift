public import GPIO
import Hummingbird
public import Logging
public import ServiceLifecycle
public import StationConfig
public import StationCore

/// stationd assembled from a station file: hardware, pollers, control loop, GPIO inputs, local API.
public struct StationDaemon: Sendable {
    public let configuration: StationConfiguration
    public let hardware: StationHardware
    public let readings: StationReadings
    public let controller: StationController
    public let metrics: StationMetrics
    public let apiPort: Int
    /// The OCPP server for the station's chargers, if it has any.
    public let ocppServer: OCPPServer?
    let clock: any StationClock
    let logger: Logger

    /// Opens the hardware the configuration names; fails with a message naming what is missing.
    public init(
        configuration: StationConfiguration, gpio: (any GPIOProvider)?, clock: any StationClock = SystemStationClock(),
        apiPort: Int? = nil, logger: Logger = Logger(label: "stationd")
    ) throws {
        self.configuration = configuration
        self.clock = clock
        self.logger = logger
        hardware = try StationHardware(configuration: configuration, gpio: gpio)
        readings = StationReadings()
        metrics = StationMetrics()
        controller = StationController(
            configuration: configuration, hardware: hardware, readings: readings, clock: clock, logger: logger,
            metrics: metrics)
        self.apiPort = apiPort ?? configuration.localAPI.port
        let controller = controller
        ocppServer = try configuration.ocppServer.map {
            try OCPPServer(configuration: $0, controller: controller, logger: logger)
        }
    }

    /// The services in start order; they stop in reverse on SIGTERM: API, uplink, inputs, control loop (safe
    /// state), pollers.
    public func services(notifier: SystemdNotifier = SystemdNotifier(), uplink: UplinkService? = nil) -> [any Service] {
        var services: [any Service] = [
            PollingService(pollers: hardware.pollers(into: readings, clock: clock)),
            ControlLoopService(controller: controller, period: configuration.control.period, notifier: notifier, logger: logger),
        ]
        if hardware.emergencyStop != nil || hardware.sockets.contains(where: { $0.keySwitch != nil }) {
            services.append(GPIOInputService(controller: controller, logger: logger))
        }
        if let ocppServer { services.append(ocppServer) }
        if let uplink { services.append(uplink) }
        services.append(LocalAPI(controller: controller, metrics: metrics).application(port: apiPort, logger: logger))
        return services
    }

    /// Runs until SIGTERM or SIGINT, then leaves the hardware safe and closes the buses.
    public func run() async throws {
        await ocppServer?.attachConnectors()
        let uplink = try await openUplink()
        let group = ServiceGroup(
            configuration: .init(
                services: services(uplink: uplink).map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        uplink?.restart.set { Task { await group.triggerGracefulShutdown() } }
        logger.notice("stationd \(configuration.stationId): \(configuration.sockets.count) sockets, period \(configuration.control.period), API on 127.0.0.1:\(apiPort)")
        do {
            try await group.run()
        } catch {
            await uplink?.journal.outbox.close()
            await hardware.shutdown()
            throw error
        }
        await uplink?.journal.outbox.close()
        await hardware.shutdown()
    }

    /// The outbox, the journal the controller writes to and the connection to the CSMS, when the station has one.
    public func openUplink() async throws -> UplinkService? {
        guard let configuration = configuration.uplink else { return nil }
        let outbox = try await Outbox.open(
            path: configuration.outboxPath, capacity: configuration.outboxCapacity, logger: logger)
        let journal = UplinkJournal(
            outbox: outbox, meterInterval: configuration.meterInterval, restored: try await outbox.openTransactions(),
            central: try await CentralInputs.load(from: outbox))
        await controller.attach(journal)
        return UplinkService(
            configuration: configuration, journal: journal, controller: controller, clock: clock, logger: logger,
            backoff: ReconnectBackoff(initial: configuration.reconnectMax / 30, maximum: configuration.reconnectMax))
    }
}
