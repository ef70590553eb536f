import Devices
import Foundation
import Logging
import StationConfig
import StationController
import StationCore
import StationSimulator
import StationTesting

/// stationd in-process: the demo station's hardware simulated over Modbus on loopback, the controller on a
/// manual clock, and its real OCPP server for chargers `SIM-0001`... (connector 1 of each is socket 3, 4...).
final class StationdHarness: Sendable {
    static let chargerID = "SIM-0001"
    static let password = "simulated-password-01"
    static let idTag = "SIM-TAG"
    static let socket = SocketID(3)

    let clock: ManualClock
    let simulator: SimulatedStation
    let configuration: StationConfiguration
    let controller: StationController
    let server: OCPPServer
    let pollers: [BusPoller]
    /// Where stationd's OCPP server listens.
    private let listener: LoopbackWebSocketServer
    var port: Int { listener.port }
    let logger: Logger

    init(clock: ManualClock, chargers: Int = 1) throws {
        self.clock = clock
        var config = try Fixtures.demoStation()
        simulator = try SimulatedStation(configuration: config, options: .init(port: 0, startTimeOfDay: .zero))
        try simulator.start()
        simulator.battery?.setSoC(15)
        config.buses[0].transport = .tcp(host: "127.0.0.1", port: simulator.boundPorts["sim"] ?? 0)
        config.buses[0].responseTimeout = .milliseconds(300)
        let listener = LoopbackWebSocketServer()
        self.listener = listener
        let ocppServer = OCPPServerConfiguration(
            host: "127.0.0.1", port: listener.port, heartbeatInterval: .seconds(60), callTimeout: .seconds(10),
            chargers: OCPPChargerFleet.ids(count: chargers, prefix: "SIM-").enumerated().map { index, id in
                ChargerConfiguration(
                    id: id, credential: .password(Self.password),
                    connectors: [ChargerConnectorConfiguration(connector: 1, socket: 3 + index, maxCurrentA: 32, phases: 3)])
            })
        config.ocppServer = ocppServer
        // The simulator's devices and the scripted chargers follow a limit at once.
        config.energy.socketResponseS = 0
        config.energy.batteryResponseS = 0
        config.energy.meterLagMs = 0
        // The scripted chargers' token, and each charger's id: the token of its load transactions.
        config.localAuthorization =
            [LocalAuthorization(idTag: Self.idTag, status: .accepted)]
            + OCPPChargerFleet.ids(count: chargers, prefix: "SIM-").map { LocalAuthorization(idTag: $0, status: .accepted) }
        configuration = config
        var logger = Logger(label: "stationd.test")
        logger.logLevel = .warning
        self.logger = logger
        let hardware = try StationHardware(configuration: config, gpio: nil)
        let readings = StationReadings()
        controller = StationController(configuration: config, hardware: hardware, readings: readings, clock: clock, logger: logger)
        pollers = hardware.pollers(into: readings, clock: clock)
        server = try OCPPServer(configuration: ocppServer, controller: controller, logger: logger)
    }

    /// Starts the OCPP server and returns once it accepts connections.
    func startServer() async throws {
        await server.attachConnectors()
        try await listener.start(server, logger: logger)
    }

    /// Stops the OCPP server as SIGTERM stops stationd: every charger connection is closed by the server.
    func stopServer() async {
        await listener.stop()
    }

    /// One control period: the hardware moves, stationd polls, decides and drives sockets and chargers.
    func period() async {
        simulator.step(by: configuration.control.period)
        clock.advance(by: configuration.control.period)
        for poller in pollers {
            await withTaskExecutorPreference(poller.bus.thread) {
                for target in poller.targets { _ = await target.poll() }
            }
        }
        await controller.runCycle()
    }

    /// The charger socket as stationd sees it.
    func socket() async -> SocketState? {
        await controller.station.sockets[Self.socket]
    }

    func stop() async {
        await stopServer()
        await controller.hardware.shutdown()
        simulator.stop()
    }

    /// The simulated charger's configuration for this stationd.
    func chargerConfiguration(
        id: String = StationdHarness.chargerID, script: ChargingScript
    ) -> SimulatedOCPPCharger.Configuration {
        SimulatedOCPPCharger.Configuration(
            id: id, serverURL: "ws://127.0.0.1:\(port)/ocpp", password: Self.password, script: script, callTimeout: .seconds(10),
            backoff: ReconnectBackoff(initial: .seconds(1), jitter: 0))
    }
}
