import Devices
import EnergyManagement
import Foundation
import GPIO
import StationAPI
import StationController
import StationCore
import StationTesting
import Testing

@Suite struct ControlCycleTests {
    @Test func pluggedInVehicleGetsASessionCurrentAndAClosedContactor() async throws {
        let h = try ControllerHarness()
        await h.cycle()
        #expect(await h.controller.station.sockets[1]?.status == .available)
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(1)) == false)

        h.evse[1]!.set("cp_state", 66)
        await h.cycle()
        #expect(await h.controller.station.sockets[1]?.session != nil)
        #expect(await h.controller.lastDecision?.has(.stepHeld) == true, "the battery's step goes out first")
        #expect(h.evse[1]!.value("current_limit_a") == 0)
        await h.cycle()
        let socket = try #require(await h.controller.station.sockets[1])
        #expect(socket.session != nil)
        #expect(socket.offeredCurrent == 32, "3 kW base load leaves room for one car at full current")
        #expect(h.evse[1]!.value("enable") == 1)
        #expect(h.evse[1]!.value("current_limit_a") == 32)
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(1)) == true)
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(2)) == false, "no vehicle on socket 2")
        await h.stop()
    }

    @Test func silentGridMeterPutsSocketsAtSafeCurrentWithinTwoCyclesAndRecovers() async throws {
        let h = try ControllerHarness()
        h.evse[1]!.set("cp_state", 67)
        await h.cycle()
        await h.cycle()
        #expect(await h.controller.station.sockets[1]?.offeredCurrent == 32)

        h.meter.bank.fault = .noAnswer
        await h.cycle()
        let decision = try #require(await h.controller.lastDecision)
        #expect(decision.mode == .failSafeGridMeter)
        #expect(decision.batteryPower == .zero)
        #expect(h.evse[1]!.value("current_limit_a") == 6, "safe current written in the same cycle")
        #expect(h.battery.value("power_setpoint_w") == 0)

        h.meter.bank.fault = nil
        await h.cycle()
        #expect(await h.controller.lastDecision?.mode != .failSafeGridMeter)
        // Battery up before sockets up: the socket's raise follows once the meter shows the battery's step.
        await h.cycle()
        #expect(h.evse[1]!.value("current_limit_a") == 32)
        await h.stop()
    }

    @Test func gridReadingOverTheCapIsAnsweredWithNewSetpointsInTheNextCycle() async throws {
        let h = try ControllerHarness()
        await h.cycle()
        // 08:00 UTC is the morning peak of the demo tariff: the plan already covers the base load.
        let first = h.battery.value("power_setpoint_w") ?? 0
        #expect(first <= 3_000)

        // Two cars charge and the base load jumps: the meter now reads far over the 22 kW cap.
        h.evse[1]!.set("cp_state", 67)
        h.evse[2]!.set("cp_state", 67)
        h.meter.set("w_sf", 1)
        h.meter.set("power_w", 30_000)
        h.evse[1]!.set("power_w", 11_000)
        h.evse[2]!.set("power_w", 11_000)
        await h.cycle()
        let decision = try #require(await h.controller.lastDecision)
        #expect(decision.batteryPower > .zero, "the battery discharges to shave the peak")
        #expect((h.battery.value("power_setpoint_w") ?? 0) > first)
        let limits = [h.evse[1]!.value("current_limit_a") ?? 0, h.evse[2]!.value("current_limit_a") ?? 0]
        #expect(limits.allSatisfy { $0 < 32 }, "sockets curtailed once the battery is at its limit: \(limits)")
        #expect(limits[0] == limits[1], "curtailment is shared fairly")
        await h.stop()
    }

    @Test func technicianDisableOpensTheContactorAtOnceAndTheAuditNamesThem() async throws {
        let h = try ControllerHarness()
        h.evse[2]!.set("cp_state", 67)
        await h.cycle()
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(2)) == true)

        try await h.controller.setAvailability(2, enabled: false, source: .technician, actor: "fabio", reason: "cable check")
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(2)) == false, "opened without waiting for a cycle")
        #expect(h.evse[2]!.value("enable") == 0)
        let status = await h.controller.statusDocument()
        let socket = try #require(status.sockets.first { $0.id == 2 })
        #expect(socket.status == "Unavailable")
        #expect(status.audit.last?.actor == "fabio")
        #expect(status.audit.last?.reason == "cable check")

        await h.cycle()
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(2)) == false, "stays open")
        await h.stop()
    }

    @Test func emergencyStopOpensEveryContactorAndMakesEverySocketUnavailable() async throws {
        let h = try ControllerHarness()
        h.evse[1]!.set("cp_state", 67)
        h.evse[2]!.set("cp_state", 67)
        await h.cycle()
        await h.controller.setEmergencyStop(true)
        for id in [1, 2] {
            #expect(h.gpio.outputLevel(ControllerHarness.contactor(id)) == false)
            #expect(await h.controller.station.sockets[SocketID(id)]?.status == .unavailable)
        }
        await h.cycle()
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(1)) == false)
        await h.controller.setEmergencyStop(false)
        h.evse[1]!.set("cp_state", 65)
        await h.cycle()
        #expect(await h.controller.station.sockets[1]?.status == .available)
        await h.stop()
    }

    @Test func safeStateOpensContactorsDisablesSocketsAndIdlesTheBattery() async throws {
        let h = try ControllerHarness()
        h.evse[1]!.set("cp_state", 67)
        await h.cycle()
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(1)) == true)
        await h.controller.enterSafeState(reason: "test")
        #expect(h.gpio.outputLevel(ControllerHarness.contactor(1)) == false)
        #expect(h.evse[1]!.value("enable") == 0)
        #expect(h.battery.value("power_setpoint_w") == 0)
        await h.stop()
    }
}
