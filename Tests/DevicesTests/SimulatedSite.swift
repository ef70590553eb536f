import Devices
import Foundation
import Modbus
import StationConfig
import StationSimulator

/// The shipped device profiles served by the simulator's device images on one loopback server.
struct SimulatedSite {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let catalog: DeviceProfileCatalog? = try? DeviceProfileCatalog.load(
        directory: repositoryRoot.appendingPathComponent("firmware-config/devices").path)

    let server: ModbusServer
    let bus: ModbusBus
    let evse: DeviceImage
    let battery: DeviceImage
    let meter: DeviceImage

    init() throws {
        guard let catalog = Self.catalog,
              let evseProfile = catalog["phoenix-ev-eth"],
              let batteryProfile = catalog["sunspec-battery-inverter"],
              let meterProfile = catalog["sunspec-meter-203"]
        else { throw DeviceError(.configuration, "shipped profiles did not load") }
        evse = try DeviceImage(profile: evseProfile)
        battery = try DeviceImage(profile: batteryProfile)
        meter = try DeviceImage(profile: meterProfile)
        server = ModbusServer(.tcp(host: "127.0.0.1", port: 0), units: [1: evse.bank, 3: battery.bank, 4: meter.bank])
        let port = try server.start()
        bus = ModbusBus(.tcp(host: "127.0.0.1", port: port, responseTimeout: .milliseconds(300)))
    }

    func device(_ image: DeviceImage, unit: UInt8) -> ModbusDevice {
        ModbusDevice(name: image.profile.name, profile: image.profile, bus: bus, unit: unit)
    }

    func stop() async {
        await bus.shutdown()
        server.stop()
    }
}
