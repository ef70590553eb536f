import Devices
import Modbus
import StationCore
import Testing

@Suite struct DriverTests {
    @Test func evseControllerReportsPilotPowerAndEnergy() async throws {
        let site = try SimulatedSite()
        site.evse.set("cp_state", 67)
        site.evse.set("power_w", 11_040)
        site.evse.set("energy_wh", 123_456)
        site.evse.set("current_limit_a", 16)
        site.evse.set("enable", 1)

        let reading = try await EVSEController(device: site.device(site.evse, unit: 1)).read()
        #expect(reading == EVSEReading(pilot: .c, enabled: true, currentLimit: 16, power: 11_040, energy: 123_456))
        await site.stop()
    }

    @Test func evseOfferWritesLimitThenEnableAndZeroDisables() async throws {
        let site = try SimulatedSite()
        let controller = EVSEController(device: site.device(site.evse, unit: 1))
        try await controller.offer(13.7)
        #expect(site.evse.value("current_limit_a") == 13)
        #expect(site.evse.value("enable") == 1)
        try await controller.offer(4)
        #expect(site.evse.value("enable") == 0)
        await site.stop()
    }

    @Test func gridMeterIsFoundBySunSpecDiscoveryAndScaled() async throws {
        let site = try SimulatedSite()
        site.meter.set("w_sf", 1)
        site.meter.set("power_w", 25_430)
        site.meter.set("tot_wh_sf", 0)
        site.meter.set("energy_import_wh", 1_000_000)
        let reading = try await GridMeter(device: site.device(site.meter, unit: 4)).read()
        #expect(reading.power == 25_430)
        #expect(reading.energyImported == 1_000_000)
        await site.stop()
    }

    @Test func batteryInverterScalesAndTakesSetpoints() async throws {
        let site = try SimulatedSite()
        site.battery.set("soc_sf", -1)
        site.battery.set("soc_pct", 55.5)
        site.battery.set("w_cha_dis_cha_max_sf", 1)
        site.battery.set("max_charge_w", 10_000)
        site.battery.set("max_discharge_w", 8_000)
        site.battery.set("ac_w_sf", 0)
        site.battery.set("power_w", -4_200)
        site.battery.set("w_set_sf", 0)
        let inverter = BatteryInverter(device: site.device(site.battery, unit: 3))

        let reading = try await inverter.read()
        #expect(reading.soc == 55.5)
        #expect(reading.maxChargePower == 10_000)
        #expect(reading.maxDischargePower == 8_000)
        #expect(reading.power == -4_200)

        try await inverter.takeControl(reversion: .seconds(5))
        try await inverter.setPower(-6_500)
        #expect(site.battery.value("power_setpoint_w") == -6_500)
        #expect(site.battery.value("power_setpoint_enable") == 1)
        #expect(site.battery.value("power_setpoint_mode") == 1)
        #expect(site.battery.value("power_setpoint_reversion_s") == 5)
        await site.stop()
    }

    @Test func onePollReadsEachRegisterBlockOnce() async throws {
        let site = try SimulatedSite()
        site.battery.set("soc_pct", 50)
        let device = site.device(site.battery, unit: 3)
        _ = try await device.poll()
        let blocks = try #require(device.blocks)
        let before = site.server.requestsReceived
        _ = try await device.poll()
        #expect(site.server.requestsReceived - before == blocks.count)
        #expect(blocks.count < device.profile.points.count / 3, "neighbouring points share a transaction")
        await site.stop()
    }

    @Test func implausibleValuesAreRejectedAsNonsense() async throws {
        let site = try SimulatedSite()
        site.evse.set("cp_state", 999)
        await #expect(throws: DeviceError.self) { try await EVSEController(device: site.device(site.evse, unit: 1)).read() }
        site.battery.set("soc_sf", 0)
        site.battery.set("soc_pct", 250)
        do {
            _ = try await BatteryInverter(device: site.device(site.battery, unit: 3)).read()
            Issue.record("a state of charge of 250 % was accepted")
        } catch {
            #expect(error.code == .nonsense)
        }
        await site.stop()
    }

    @Test func silentDeviceIsACommunicationError() async throws {
        let site = try SimulatedSite()
        site.meter.bank.fault = .noAnswer
        do {
            _ = try await GridMeter(device: site.device(site.meter, unit: 4)).read()
            Issue.record("a silent meter was read")
        } catch {
            #expect(error.code == .communication)
            #expect(error.modbus?.code == .timeout)
        }
        await site.stop()
    }

    @Test func missingSunSpecModelIsNamed() async throws {
        let site = try SimulatedSite()
        // Unit 1 serves the EVSE image: no SunSpec marker at all.
        let wrong = ModbusDevice(name: "battery", profile: site.battery.profile, bus: site.bus, unit: 1)
        await #expect(throws: DeviceError.self) { try await wrong.poll() }
        await site.stop()
    }
}
