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

    /// The services in start order; they stop in reverse on SIGTERM: API, inputs, control loop (safe state), pollers.
    public func services(notifier: SystemdNotifier = SystemdNotifier()) -> [any Service] {
        var services: [any Service] = [
            PollingService(pollers: hardware.pollers(into: readings, clock: clock)),
            ControlLoopService(controller: controller, period: configuration.control.period, notifier: notifier, logger: logger),
        ]
        if hardware.emergencyStop != nil || hardware.sockets.contains(where: { $0.keySwitch != nil }) {
            services.append(GPIOInputService(controller: controller, logger: logger))
        }
        if let ocppServer { services.append(ocppServer.application()) }
        services.append(LocalAPI(controller: controller, metrics: metrics).application(port: apiPort, logger: logger))
        return services
    }

    /// Runs until SIGTERM or SIGINT, then leaves the hardware safe and closes the buses.
    public func run() async throws {
        await ocppServer?.attachConnectors()
        let group = ServiceGroup(
            configuration: .init(
                services: services().map { .init(service: $0) },
                gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        logger.notice("stationd \(configuration.stationId): \(configuration.sockets.count) sockets, period \(configuration.control.period), API on 127.0.0.1:\(apiPort)")
        try await group.run()
        await hardware.shutdown()
    }
}
