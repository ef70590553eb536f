import Devices
import Foundation
import GPIO
import Modbus
import StationConfig
import StationController
import StationCore
import StationSimulator
import StationTesting

/// stationd's controller against the demo station's devices served on loopback, with a manual clock and fake GPIO.
struct ControllerHarness {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    let clock = ManualClock()
    let gpio = FakeGPIO()
    let server: ModbusServer
    let evse: [SocketID: DeviceImage]
    let battery: DeviceImage
    let meter: DeviceImage
    let configuration: StationConfiguration
    let controller: StationController
    let pollers: [BusPoller]

    static func contactor(_ socket: Int) -> GPIOLineAddress { GPIOLineAddress(chip: "gpiochip0", offset: UInt32(16 + socket)) }
    static func keySwitch(_ socket: Int) -> GPIOLineAddress { GPIOLineAddress(chip: "gpiochip0", offset: UInt32(26 + socket)) }
    static let emergencyStop = GPIOLineAddress(chip: "gpiochip0", offset: 5)

    init(edit: (inout StationConfiguration) -> Void = { _ in }) throws {
        var config = try StationConfiguration.load(path: Self.root.appendingPathComponent("firmware-config/stations/demo.yaml").path)
        for index in config.sockets.indices {
            let id = config.sockets[index].id
            config.sockets[index].gpio.contactor = GPIOLineConfiguration(line: .offset(16 + id), direction: .output)
            config.sockets[index].gpio.keySwitch = GPIOLineConfiguration(line: .offset(26 + id), direction: .input)
        }
        config.gpio.emergencyStop = GPIOLineConfiguration(line: .offset(5), direction: .input)
        // The devices here are register images: a write shows in the next read, nothing lags.
        config.energy.socketResponseS = 0
        config.energy.batteryResponseS = 0
        config.energy.meterLagMs = 0
        edit(&config)

        var images: [SocketID: DeviceImage] = [:]
        var banks: [UInt8: RegisterBank] = [:]
        for socket in config.sockets {
            let image = try DeviceImage(profile: config.profiles[socket.device.profileName]!)
            image.set("cp_state", 65)
            images[SocketID(socket.id)] = image
            banks[UInt8(socket.device.unitId)] = image.bank
        }
        battery = try DeviceImage(profile: config.profiles[config.battery!.device.profileName]!)
        battery.set("soc_sf", -1)
        battery.set("soc_pct", 60)
        battery.set("max_charge_w", 10_000)
        battery.set("max_discharge_w", 10_000)
        banks[UInt8(config.battery!.device.unitId)] = battery.bank
        meter = try DeviceImage(profile: config.profiles[config.grid.meter.profileName]!)
        meter.set("w_sf", 0)
        meter.set("power_w", 3_000)
        banks[UInt8(config.grid.meter.unitId)] = meter.bank
        server = ModbusServer(.tcp(host: "127.0.0.1", port: 0), units: banks)
        let port = try server.start()
        config.buses[0].transport = .tcp(host: "127.0.0.1", port: port)
        config.buses[0].responseTimeout = .milliseconds(150)
        evse = images
        configuration = config

        let hardware = try StationHardware(configuration: config, gpio: gpio)
        let readings = StationReadings()
        controller = StationController(configuration: config, hardware: hardware, readings: readings, clock: clock)
        pollers = hardware.pollers(into: readings, clock: clock)
    }

    /// Reads every device once, as the pollers would.
    func poll() async {
        for poller in pollers {
            await withTaskExecutorPreference(poller.bus.thread) {
                for target in poller.targets { _ = await target.poll() }
            }
        }
    }

    /// One period later: poll, then run a control cycle.
    @discardableResult
    func cycle() async -> StationController.CycleRecord? {
        clock.advance(by: configuration.control.period)
        await poll()
        await controller.runCycle()
        return await controller.lastCycle
    }

    func stop() async {
        await controller.hardware.shutdown()
        server.stop()
    }
}
