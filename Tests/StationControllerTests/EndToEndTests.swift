import EnergyManagement
import StationController
import StationCore
import StationSimulator
import StationTesting
import Testing

/// stationd against station-sim over Modbus TCP: the scenarios, with physics.
@Suite struct EndToEndTests {
    @Test func arrivingVehicleChargesAndItsSessionCountsEnergy() async throws {
        let h = try SimulatedStationHarness()
        await h.periods(2)
        try h.simulator.plugIn(socket: 1, ev: h.ev(maxCurrent: 16))
        await h.periods(h.settling)

        let socket = try #require(h.simulator.snapshot().sockets.first { $0.id == 1 })
        #expect(socket.pilot == .c)
        #expect(socket.power == 11_040, "16 A x 3 phases x 230 V")
        #expect(await h.controller.station.sockets[1]?.status == .charging)
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(1)) == true)
        let energy = try #require(await h.controller.station.sockets[1]?.session?.energy)
        #expect(energy > .zero)
        await h.stop()
    }

    @Test func twoVehiclesOverTheCapMakeTheBatteryShaveAndTheGridStaysUnderTheCap() async throws {
        let h = try SimulatedStationHarness(baseLoad: 8_000)
        try h.simulator.plugIn(socket: 1, ev: h.ev())
        await h.periods(3)
        try h.simulator.plugIn(socket: 2, ev: h.ev())
        await h.periods(h.settling * 2)

        let cap = h.configuration.grid.connectionLimitW
        var imports: [Double] = []
        for _ in 0..<5 {
            await h.period()
            imports.append(h.simulator.snapshot().grid.power.value)
        }
        let snapshot = h.simulator.snapshot()
        #expect(imports.allSatisfy { $0 <= cap }, "grid import over 5 steady cycles: \(imports) W, cap \(cap) W")
        #expect((snapshot.battery?.power.value ?? 0) > 0, "the battery discharges to shave the peak")
        let limits = snapshot.sockets.map(\.currentLimit.value)
        #expect(limits.allSatisfy { $0 >= 6 && $0 < 32 }, "both cars curtailed, neither below 6 A: \(limits)")
        #expect(limits[0] == limits[1], "curtailment shared fairly")
        #expect(await h.controller.lastDecision?.has(.peakShaving) == true)
        await h.stop()
    }

    @Test func silentGridMeterDropsSocketsToSafeCurrentWithinTwoCyclesAndRecovers() async throws {
        let h = try SimulatedStationHarness()
        try h.simulator.plugIn(socket: 1, ev: h.ev(maxCurrent: 16))
        await h.periods(h.settling)
        #expect(h.simulator.snapshot().sockets[0].currentLimit == 16 || h.simulator.snapshot().sockets[0].currentLimit == 32)

        try h.simulator.inject(fault: .noAnswer, into: .gridMeter)
        await h.periods(2)
        #expect(await h.controller.lastDecision?.mode == .failSafeGridMeter)
        await h.period()
        let safe = h.simulator.snapshot()
        #expect(safe.sockets[0].currentLimit == 6, "safe socket current from the demo station file")
        // A discharging battery keeps its power until the sockets have had their response time to come down.
        await h.periods(h.settling)
        #expect(h.simulator.snapshot().battery?.setpoint == .zero, "battery idle")

        try h.simulator.clearFault(.gridMeter)
        await h.periods(2)
        #expect(await h.controller.lastDecision?.mode != .failSafeGridMeter)
        await h.periods(h.settling)
        #expect(h.simulator.snapshot().sockets[0].currentLimit > 6, "normal control resumed by itself")
        await h.stop()
    }

    @Test func technicianDisableStopsTheCarAndOpensItsContactor() async throws {
        let h = try SimulatedStationHarness()
        try h.simulator.plugIn(socket: 2, ev: h.ev(maxCurrent: 16))
        await h.periods(h.settling)
        #expect(h.simulator.snapshot().sockets[1].power > .zero)

        try await h.controller.setAvailability(2, enabled: false, source: .technician, actor: "fabio", reason: "cable check")
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(2)) == false)
        await h.periods(2)
        let socket = h.simulator.snapshot().sockets[1]
        #expect(socket.enabled == false)
        #expect(socket.power == .zero)
        let status = await h.controller.statusDocument()
        #expect(status.sockets[1].status == "Unavailable")
        #expect(status.audit.last?.actor == "fabio")
        await h.stop()
    }

    @Test func failingSocketControllerFaultsOnlyThatSocket() async throws {
        let h = try SimulatedStationHarness()
        try h.simulator.plugIn(socket: 1, ev: h.ev(maxCurrent: 16))
        try h.simulator.plugIn(socket: 2, ev: h.ev(maxCurrent: 16))
        await h.periods(h.settling)
        try h.simulator.inject(fault: .nonsense, into: .socket(2))
        await h.periods(2)
        #expect(await h.controller.station.sockets[2]?.status == .faulted)
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(2)) == false)
        #expect(await h.controller.station.sockets[1]?.status == .charging)
        await h.stop()
    }
}
