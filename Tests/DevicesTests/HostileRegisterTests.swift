import Devices
import Foundation
import Modbus
import StationConfig
import StationCore
import StationSimulator
import Testing

/// Issue 12: a device's registers are outside input too. A value that is not finite or not plausible once
/// scaled, and an absurd scale factor, are nonsense (a device fault), never a value and never a trap.
@Suite struct HostileRegisterTests {
    /// An EVSE controller whose points are IEEE floats, as some meters and controllers have them.
    static let floatProfileYAML = """
        name: float-evse
        kind: evse
        manufacturer: Test
        model: float registers
        source:
          title: a profile written for this test
          version: "1"
          date: 2026-12-06
        points:
          cp_state:
            table: input
            address: 0
            type: f32
          power_w:
            table: input
            address: 2
            type: f32
          energy_wh:
            table: input
            address: 4
            type: f32
          current_limit_a:
            table: holding
            address: 10
            type: f32
            access: read_write
          enable:
            table: coil
            address: 0
            access: read_write
        """

    /// The float EVSE served on loopback, with a reading that is fine until a test breaks one point.
    struct FloatEVSE {
        let image: DeviceImage
        let server: ModbusServer
        let bus: ModbusBus
        let controller: EVSEController

        init() throws {
            let directory = FileManager.default.temporaryDirectory.appendingPathComponent("hostile-registers-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
            defer { try? FileManager.default.removeItem(at: directory) }
            let file = directory.appendingPathComponent("float-evse.yaml")
            try HostileRegisterTests.floatProfileYAML.write(to: file, atomically: true, encoding: .utf8)
            let profile = try DeviceProfile.load(path: file.path)
            image = try DeviceImage(profile: profile)
            image.set("cp_state", 67)
            image.set("power_w", 7_000)
            image.set("energy_wh", 1_000)
            image.set("current_limit_a", 16)
            server = ModbusServer(.tcp(host: "127.0.0.1", port: 0), units: [1: image.bank])
            let port = try server.start()
            bus = ModbusBus(.tcp(host: "127.0.0.1", port: port, responseTimeout: .milliseconds(300)))
            controller = EVSEController(device: ModbusDevice(name: "socket 1", profile: profile, bus: bus, unit: 1))
        }

        func stop() async {
            await bus.shutdown()
            server.stop()
        }
    }

    static let nan: [UInt16] = [0x7FC0, 0x0000]
    static let infinity: [UInt16] = [0x7F80, 0x0000]
    static let hugeFloat: [UInt16] = [0x7F7F, 0xFFFF]

    @Test func floatRegistersThatAreNotFiniteOrPlausibleAreNonsense() async throws {
        let evse = try FloatEVSE()
        #expect(try await evse.controller.read().power == 7_000)
        // (point, words): NaN, infinity and the largest float in each point; the pilot state once traps in Int(_:).
        let cases: [(String, [UInt16])] = [
            ("cp_state", Self.nan), ("cp_state", Self.infinity), ("cp_state", Self.hugeFloat),
            ("power_w", Self.nan), ("power_w", Self.infinity), ("power_w", Self.hugeFloat),
            ("energy_wh", Self.nan), ("energy_wh", Self.hugeFloat), ("current_limit_a", Self.hugeFloat),
        ]
        for (point, words) in cases {
            evse.image.setRaw(point, words)
            do {
                let reading = try await evse.controller.read()
                Issue.record("\(point) \(words) gave \(reading)")
            } catch {
                #expect(error.code == .nonsense, "\(point) \(words): \(error)")
            }
            evse.image.set("cp_state", 67)
            evse.image.set("power_w", 7_000)
            evse.image.set("energy_wh", 1_000)
            evse.image.set("current_limit_a", 16)
        }
        #expect(try await evse.controller.read().power == 7_000)
        await evse.stop()
    }

    /// Issue 12, deliverable 3: a silent device must not cost the control cycle a response timeout per write.
    @Test func aSilentDeviceIsNotWrittenToUntilItAnswersAgain() async throws {
        let site = try SimulatedSite()
        site.evse.set("cp_state", 66)
        let device = site.device(site.evse, unit: 1)
        let controller = EVSEController(device: device)
        _ = try await controller.read()
        site.evse.bank.fault = .noAnswer
        await #expect(throws: DeviceError.self) { try await controller.read() }
        #expect(device.isSilent)
        let before = site.server.requestsReceived
        do {
            try await controller.offer(16)
            Issue.record("a silent device took a write")
        } catch {
            #expect(error.code == .communication)
        }
        #expect(site.server.requestsReceived == before, "the write never reached the bus")
        site.evse.bank.fault = nil
        _ = try await controller.read()
        #expect(!device.isSilent)
        try await controller.offer(16)
        #expect(site.evse.value("current_limit_a") == 16)
        await site.stop()
    }

    @Test func anAbsurdScaleFactorIsNonsense() async throws {
        let site = try SimulatedSite()
        site.meter.set("power_w", 1_000)
        for factor in [32_767.0, -32_767, 11, -11] {
            site.meter.set("w_sf", factor)
            do {
                let reading = try await GridMeter(device: site.device(site.meter, unit: 4)).read()
                Issue.record("scale factor \(factor) gave \(reading)")
            } catch {
                #expect(error.code == .nonsense)
            }
        }
        site.meter.set("w_sf", 0)
        site.meter.set("power_w", 1_000)
        // Raw 1 000 000 Wh, then a scale factor of 10 makes it 10^16 Wh.
        site.meter.set("tot_wh_sf", 0)
        site.meter.set("energy_import_wh", 1_000_000)
        site.meter.set("tot_wh_sf", 10)
        await #expect(throws: DeviceError.self) { try await GridMeter(device: site.device(site.meter, unit: 4)).read() }
        site.battery.set("soc_sf", 0)
        site.battery.set("soc_pct", 50)
        site.battery.set("w_cha_dis_cha_max_sf", 0)
        site.battery.set("max_charge_w", 30_000)
        site.battery.set("w_cha_dis_cha_max_sf", 10)
        await #expect(throws: DeviceError.self) { try await BatteryInverter(device: site.device(site.battery, unit: 3)).read() }
        await site.stop()
    }
}
