import Devices
import Modbus
import StationConfig
import StationCore
import StationSimulator
import Testing

/// The station's own drivers, over real Modbus TCP on loopback, against the simulated demo station.
@Suite struct ModbusLoopbackTests {
    /// A started simulation of the demo station and a master bus to it.
    struct Site {
        let station: SimulatedStation
        let bus: ModbusBus

        init(_ scenario: Scenario = Scenario()) throws {
            station = try Fixtures.demoSimulation(scenario)
            try station.start()
            let port = try #require(station.boundPorts["sim"])
            bus = ModbusBus(.tcp(host: "127.0.0.1", port: port, responseTimeout: .milliseconds(300)))
        }

        func device(_ reference: ModbusDeviceReference, name: String) throws -> ModbusDevice {
            let profile = try #require(station.configuration.profile(for: reference))
            return ModbusDevice(name: name, profile: profile, bus: bus, unit: UInt8(reference.unitId))
        }

        func evse(_ id: Int) throws -> EVSEController {
            let socket = try #require(station.configuration.socket(id: id))
            return EVSEController(device: try device(socket.device, name: "socket \(id)"))
        }

        func inverter() throws -> BatteryInverter {
            let battery = try #require(station.configuration.battery)
            return BatteryInverter(device: try device(battery.device, name: "battery"))
        }

        func meter() throws -> GridMeter {
            GridMeter(device: try device(station.configuration.grid.meter, name: "grid meter"))
        }

        func stop() async {
            await bus.shutdown()
            station.stop()
        }
    }

    @Test func evseDriverSeesPlugAndItsOfferStartsCharging() async throws {
        let site = try Site()
        let evse = try site.evse(1)
        #expect(try await evse.read().pilot == .a)
        try site.station.plugIn(socket: 1, ev: SimulatedEV(capacity: 60_000, soc: 30, maxCurrent: 32, phases: 3))
        #expect(try await evse.read().pilot == .b)

        try await evse.offer(16)
        let charging = try await evse.read()  // answered after the write's hook ran: one server thread
        #expect(charging.pilot == .c)
        #expect(charging.power == 11_040)
        #expect(charging.currentLimit == 16)
        #expect(charging.enabled == true)

        site.station.step(by: .seconds(3_600))
        let later = try await evse.read()
        #expect(later.energy == 11_040)
        let soc = try #require(site.station.snapshot().socket(1)?.ev?.soc)
        #expect(abs(soc.value - (30 + 11_040.0 / 60_000 * 100)) < 1e-9)

        try await evse.offer(5)
        #expect(try await evse.read().pilot == .b)
        await site.stop()
    }

    @Test func batteryDriverTakesControlAndItsSetpointMovesTheBattery() async throws {
        let site = try Site(Scenario(batterySoC: 80))
        let inverter = try site.inverter()
        let idle = try await inverter.read()
        #expect(idle.soc == 80)
        #expect(idle.maxChargePower == 10_000)
        #expect(idle.maxDischargePower == 10_000)
        #expect(idle.power == 0)

        try await inverter.takeControl(reversion: .seconds(5))
        try await inverter.setPower(6_000)
        #expect(try await inverter.read().power == 6_000)
        site.station.step(by: .seconds(1_800))  // 3 kWh of 30 kWh
        #expect(try await inverter.read().soc == 70)

        try await inverter.setPower(-20_000)
        #expect(try await inverter.read().power == -10_000, "clamped to the charge rating")
        await site.stop()
    }

    @Test func batteryRevertsToIdleWhenTheMasterFallsSilent() async throws {
        let site = try Site()
        let inverter = try site.inverter()
        try await inverter.takeControl(reversion: .seconds(5))
        try await inverter.setPower(-4_000)
        _ = try await inverter.read()
        site.station.step(by: .seconds(4))
        try await inverter.setPower(-4_000)
        _ = try await inverter.read()
        site.station.step(by: .seconds(4))
        #expect(site.station.snapshot().battery?.power == -4_000, "a fresh setpoint restarts the reversion timer")
        site.station.step(by: .seconds(1))
        let battery = try #require(site.station.snapshot().battery)
        #expect(battery.power == 0)
        #expect(battery.reverted)
        #expect(try await inverter.read().power == 0)
        await site.stop()
    }

    @Test func meterDriverReadsTheSitePower() async throws {
        let site = try Site(Scenario(baseLoad: .constant(6_000)))
        try site.station.plugIn(socket: 2, ev: SimulatedEV(maxCurrent: 32))
        try await site.evse(2).offer(32)
        _ = try await site.evse(2).read()
        site.station.step(by: .seconds(3_600))
        let reading = try await site.meter().read()
        #expect(reading.power == Watts(6_000 + 22_080))
        #expect(reading.energyImported == 28_080)
        #expect(reading.energyExported == 0)
        await site.stop()
    }

    @Test func faultsReachTheDriversAndClearCleanly() async throws {
        let site = try Site()
        let meter = try site.meter()
        _ = try await meter.read()
        try site.station.inject(fault: .noAnswer, into: .gridMeter)
        let silent = await #expect(throws: DeviceError.self) { try await meter.read() }
        #expect(silent?.modbus?.code == .timeout)
        try site.station.inject(fault: .exception(4), into: .gridMeter)
        let refused = await #expect(throws: DeviceError.self) { try await meter.read() }
        #expect(refused?.modbus?.code == .serverDeviceFailure)
        try site.station.inject(fault: .nonsense, into: .gridMeter)
        let garbage = await #expect(throws: DeviceError.self) { try await meter.read() }
        #expect(garbage?.code == .nonsense)
        try site.station.inject(fault: .nonsense, into: .socket(1))
        let pilot = await #expect(throws: DeviceError.self) { try await site.evse(1).read() }
        #expect(pilot?.code == .nonsense)
        try site.station.inject(fault: .nonsense, into: .battery)
        let soc = await #expect(throws: DeviceError.self) { try await site.inverter().read() }
        #expect(soc?.code == .nonsense)

        try site.station.clearFault(.gridMeter)
        #expect(try await meter.read().power == 0)
        await site.stop()
    }

    @Test func aTakenPortIsAServingError() async throws {
        let first = try Fixtures.demoSimulation()
        try first.start()
        let port = try #require(first.boundPorts["sim"])
        let second = try Fixtures.demoSimulation(port: port)
        let error = #expect(throws: SimulatorError.self) { try second.start() }
        #expect(error?.code == .serving)
        #expect(error?.description.contains("127.0.0.1:\(port)") == true)
        first.stop()
    }
}
