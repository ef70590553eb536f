import Benchmark
import Devices
import Foundation
import Modbus
import StationConfig
import StationController
import StationCore
import StationSimulator

/// The demo station's devices, served from their profiles on loopback, and a controller for them.
private struct CycleFixture {
    let server: ModbusServer
    let controller: StationController
    let pollers: [BusPoller]

    init() throws {
        let root = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        var config = try StationConfiguration.load(path: root.appendingPathComponent("firmware-config/stations/demo.yaml").path)
        var banks: [UInt8: RegisterBank] = [:]
        for socket in config.sockets {
            let image = try DeviceImage(profile: config.profiles[socket.device.profileName]!)
            image.set("cp_state", 67)
            image.set("power_w", 11_000)
            banks[UInt8(socket.device.unitId)] = image.bank
        }
        let battery = try DeviceImage(profile: config.profiles[config.battery!.device.profileName]!)
        battery.set("soc_sf", -1)
        battery.set("soc_pct", 60)
        battery.set("max_charge_w", 10_000)
        battery.set("max_discharge_w", 10_000)
        banks[UInt8(config.battery!.device.unitId)] = battery.bank
        let meter = try DeviceImage(profile: config.profiles[config.grid.meter.profileName]!)
        meter.set("w_sf", 1)
        meter.set("power_w", 26_000)
        banks[UInt8(config.grid.meter.unitId)] = meter.bank
        server = ModbusServer(.tcp(host: "127.0.0.1", port: 0), units: banks)
        config.buses[0].transport = .tcp(host: "127.0.0.1", port: try server.start())
        let hardware = try StationHardware(configuration: config, gpio: nil)
        let readings = StationReadings()
        let clock = SystemStationClock()
        controller = StationController(configuration: config, hardware: hardware, readings: readings, clock: clock)
        pollers = hardware.pollers(into: readings, clock: clock)
    }

    /// What one period does: every device read once, then the cycle (decision and writes).
    func cycle() async {
        for poller in pollers {
            await withTaskExecutorPreference(poller.bus.thread) {
                for target in poller.targets { _ = await target.poll() }
            }
        }
        await controller.runCycle()
    }
}

let benchmarks: @Sendable () -> Void = {
    Benchmark(
        "Control cycle, demo station on loopback (poll 4 devices, decide, write)",
        configuration: .init(metrics: [.wallClock, .cpuTotal, .mallocCountTotal], timeUnits: .microseconds, maxDuration: .seconds(5))
    ) { benchmark in
        guard let fixture = try? CycleFixture() else {
            benchmark.error("the demo station could not be served")
            return
        }
        await fixture.cycle()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations { await fixture.cycle() }
        benchmark.stopMeasurement()
        await fixture.controller.hardware.shutdown()
        fixture.server.stop()
    }
}
