import Devices
import Foundation
import GPIO
import Modbus
import StationConfig
import StationController
import StationCore
import StationSimulator
import StationTesting

/// stationd's controller against the full simulator (EVs, battery physics, a grid meter that sums the loads)
/// over real Modbus TCP on loopback; one manual clock for both, stepped a control period at a time.
struct SimulatedStationHarness {
    let clock = ManualClock()
    let gpio = FakeGPIO()
    let simulator: SimulatedStation
    let configuration: StationConfiguration
    let controller: StationController
    let pollers: [BusPoller]
    let barrier: ModbusBus

    /// `devices` says how slow and noisy the simulated devices are (by default they follow at once).
    init(baseLoad: Watts = 6_000, batterySoC: StateOfCharge = 60, devices: DeviceResponses = .immediate) throws {
        var config = try StationConfiguration.load(
            path: ControllerHarness.root.appendingPathComponent("firmware-config/stations/demo.yaml").path)
        for index in config.sockets.indices {
            config.sockets[index].gpio.contactor = GPIOLineConfiguration(line: .offset(16 + config.sockets[index].id), direction: .output)
        }
        simulator = try SimulatedStation(
            configuration: config, scenario: Scenario(devices: devices), options: .init(port: 0, startTimeOfDay: .zero))
        try simulator.start()
        simulator.setBaseLoad(baseLoad)
        simulator.battery?.setSoC(batterySoC)
        let port = simulator.boundPorts["sim"] ?? 0
        config.buses[0].transport = .tcp(host: "127.0.0.1", port: port)
        config.buses[0].responseTimeout = .milliseconds(150)
        configuration = config
        let hardware = try StationHardware(configuration: config, gpio: gpio)
        let readings = StationReadings()
        controller = StationController(configuration: config, hardware: hardware, readings: readings, clock: clock)
        pollers = hardware.pollers(into: readings, clock: clock)
        barrier = ModbusBus(.tcp(host: "127.0.0.1", port: port, responseTimeout: .milliseconds(500)))
    }

    func ev(maxCurrent: Amperes = 32, soc: StateOfCharge = 30) -> SimulatedEV {
        SimulatedEV(capacity: 60_000, soc: soc, maxCurrent: maxCurrent, phases: 3, departure: .stays)
    }

    /// One control period: the hardware moves, stationd polls, decides and writes.
    func period() async {
        // Writes of the last cycle have taken effect once the server answered a later request.
        _ = try? await barrier.readInputRegisters(unit: 1, address: 100, count: 1)
        simulator.step(by: configuration.control.period)
        clock.advance(by: configuration.control.period)
        for poller in pollers {
            await withTaskExecutorPreference(poller.bus.thread) {
                for target in poller.targets { _ = await target.poll() }
            }
        }
        await controller.runCycle()
    }

    /// Control periods within which a step and the step it makes wait have both settled: each waits for the
    /// slowest device's response time and the meter's lag, then a cycle.
    var settling: Int {
        let energy = configuration.energy
        let wait = max(energy.socketResponseS, energy.batteryResponseS) + energy.meterLagMs / 1000
        let period = Double(configuration.control.period.components.seconds)
            + Double(configuration.control.period.components.attoseconds) / 1e18
        return 2 * (Int((wait / period).rounded(.up)) + 2)
    }

    func periods(_ count: Int) async {
        for _ in 0..<count { await period() }
    }

    func stop() async {
        await controller.hardware.shutdown()
        await barrier.shutdown()
        simulator.stop()
    }
}
