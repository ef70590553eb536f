import Devices
import StationConfig
import StationCore
import StationSimulator
import Testing

/// IEC 61851-1 behaviour of a simulated socket controller, through its registers and snapshot.
@Suite struct SimulatedEVSETests {
    let evse: SimulatedEVSE

    init() throws {
        evse = SimulatedEVSE(
            socketID: 1, image: try Fixtures.image("phoenix-ev-eth"), rating: SocketRating(maxCurrent: 32, phases: 3, voltage: 230))
    }

    /// What a master would write.
    func command(enable: Bool, limit: Double) {
        evse.image.set(PointName.enable, enable ? 1 : 0)
        evse.image.set(PointName.currentLimitA, limit)
    }

    @Test func emptySocketShowsPilotAAndNoPower() {
        evse.step(by: .seconds(1))
        #expect(evse.snapshot.pilot == .a)
        #expect(evse.image.value(PointName.cpState) == 65)
        #expect(evse.image.value(PointName.powerW) == 0)
    }

    @Test func pluggedVehicleShowsPilotB() {
        evse.plugIn(SimulatedEV())
        #expect(evse.snapshot.pilot == .b)
        #expect(evse.image.value(PointName.cpState) == 66)
    }

    @Test func enabledAtSixteenAmpsChargesOnThreePhasesAndIntegratesEnergy() {
        evse.plugIn(SimulatedEV(capacity: 60_000, soc: 30, maxCurrent: 32, phases: 3))
        command(enable: true, limit: 16)
        evse.step(by: .seconds(360))
        let snapshot = evse.snapshot
        #expect(snapshot.pilot == .c)
        #expect(snapshot.power == Watts(16 * 3 * 230))
        #expect(evse.image.value(PointName.cpState) == 67)
        #expect(evse.image.value(PointName.powerW) == 11_040)
        #expect(evse.image.value(PointName.energyWh) == 1_104)
        #expect(abs((snapshot.ev?.soc.value ?? 0) - (30 + 1_104.0 / 60_000 * 100)) < 1e-9)
        #expect(evse.image.value("charging_time_s") == 360)
    }

    @Test func limitBelowSixAmpsKeepsPilotBWithoutPower() {
        evse.plugIn(SimulatedEV())
        command(enable: true, limit: 5)
        evse.step(by: .seconds(60))
        #expect(evse.snapshot.pilot == .b)
        #expect(evse.snapshot.power == 0)
        #expect(evse.image.value(PointName.energyWh) == 0)
    }

    @Test func disabledSocketKeepsPilotB() {
        evse.plugIn(SimulatedEV())
        command(enable: false, limit: 16)
        evse.step(by: .seconds(60))
        #expect(evse.snapshot.pilot == .b)
        #expect(evse.snapshot.power == 0)
    }

    @Test func fullVehicleReturnsToPilotBAndTakesOnlyWhatWasMissing() {
        evse.plugIn(SimulatedEV(capacity: 10_000, soc: 99, maxCurrent: 16, phases: 3))
        command(enable: true, limit: 16)
        evse.step(by: .seconds(60))  // 184 Wh offered, 100 Wh missing
        let snapshot = evse.snapshot
        #expect(snapshot.ev?.isFull == true)
        #expect(snapshot.pilot == .b)
        #expect(snapshot.power == 0)
        #expect(abs(snapshot.energy.value - 100) < 1e-9)
        #expect(evse.image.value(PointName.energyWh) == 100)
    }

    @Test func vehicleDrawsTheLeastOfLimitVehicleAndSocketOnItsOwnPhases() {
        evse.plugIn(SimulatedEV(maxCurrent: 10, phases: 1))
        command(enable: true, limit: 16)
        #expect(evse.snapshot.power == Watts(10 * 1 * 230))
        command(enable: true, limit: 40)
        _ = evse.unplug()
        evse.plugIn(SimulatedEV(maxCurrent: 63, phases: 3))
        #expect(evse.snapshot.power == Watts(32 * 3 * 230), "the socket's 32 A rating caps a 40 A limit")
    }

    @Test func unplugReturnsTheVehicleAndShowsPilotA() {
        evse.plugIn(SimulatedEV(soc: 42))
        #expect(evse.unplug()?.soc == 42)
        #expect(evse.unplug() == nil)
        #expect(evse.snapshot.pilot == .a)
        #expect(evse.plugIn(SimulatedEV()))
        #expect(!evse.plugIn(SimulatedEV()), "a second vehicle cannot plug into an occupied socket")
    }

    @Test func departureComesAfterTheStayOrWhenFull() {
        evse.plugIn(SimulatedEV(departure: .after(.seconds(30))))
        evse.step(by: .seconds(29))
        #expect(!evse.departureDue)
        evse.step(by: .seconds(1))
        #expect(evse.departureDue)
        _ = evse.unplug()
        evse.plugIn(SimulatedEV(capacity: 1_000, soc: 99, departure: .whenFull))
        command(enable: true, limit: 16)
        #expect(!evse.departureDue)
        evse.step(by: .seconds(10))
        #expect(evse.departureDue)
    }

    @Test func nonsenseShowsImpossiblePilotAndPowerThenRestores() {
        evse.plugIn(SimulatedEV())
        evse.showNonsense(true)
        #expect(evse.image.value(PointName.cpState) == 999)
        #expect((evse.image.value(PointName.powerW) ?? 0) > 1_000_000)
        evse.showNonsense(false)
        #expect(evse.image.value(PointName.cpState) == 66)
        #expect(evse.image.value(PointName.powerW) == 0)
    }
}

/// Slow devices: a vehicle follows a new limit after its delay and at its ramp; the meter updates at its interval.
@Suite struct DeviceResponseTests {
    @Test func vehicleFollowsANewLimitOnlyAfterTheDelayThenRamps() throws {
        let evse = SimulatedEVSE(
            socketID: 1, image: try Fixtures.image("phoenix-ev-eth"), rating: SocketRating(maxCurrent: 32, phases: 3, voltage: 230),
            response: DeviceResponse(delay: .seconds(3), rampPerSecond: 4))
        evse.plugIn(SimulatedEV(capacity: 60_000, soc: 30, maxCurrent: 32, phases: 3))
        evse.image.set(PointName.enable, 1)
        evse.image.set(PointName.currentLimitA, 16)
        evse.step(by: .seconds(1))
        evse.step(by: .seconds(1))
        #expect(evse.snapshot.power == 0, "2 s after the write the vehicle has not followed yet")
        #expect(evse.snapshot.pilot == .b)
        evse.step(by: .seconds(1))
        #expect(evse.snapshot.power == Watts(current: 4, phases: 3, voltage: 230), "3 s after the write: one step of ramp at 4 A/s")
        for _ in 0..<3 { evse.step(by: .seconds(1)) }
        #expect(evse.snapshot.power == Watts(current: 16, phases: 3, voltage: 230))
        #expect(evse.image.value(PointName.powerW) == 11_040)
        evse.image.set(PointName.currentLimitA, 6)
        evse.step(by: .seconds(1))
        #expect(evse.snapshot.power == Watts(current: 16, phases: 3, voltage: 230), "a lower limit is followed late too")
    }

    @Test func batteryFollowsItsSetpointAfterTheDelay() throws {
        let battery = SimulatedBattery(
            image: try Fixtures.image("sunspec-battery-inverter"),
            rating: BatteryRating(capacity: 30_000, maxCharge: 10_000, maxDischarge: 10_000), soc: 50,
            response: DeviceResponse(delay: .seconds(2)))
        battery.image.set(BatteryInverter.setpointModePoint, 1)
        battery.image.set(BatteryInverter.setpointEnablePoint, 1)
        battery.image.set(PointName.powerSetpointW, 5_000)
        battery.step(by: .seconds(1))
        #expect(battery.snapshot.power == 0)
        battery.step(by: .seconds(1))
        #expect(battery.snapshot.power == 5_000)
    }

    @Test func meterShowsThePowerOfItsLatencyAgoAtItsInterval() throws {
        let meter = SimulatedGridMeter(
            image: try Fixtures.image("sunspec-meter-203"), voltage: 230,
            response: MeterResponse(updateInterval: .seconds(1), latency: .milliseconds(500)))
        meter.setPower(10_000)
        meter.step(by: .seconds(1))
        #expect(meter.image.value(PointName.powerW) == 10_000)
        meter.setPower(20_000)
        meter.step(by: .milliseconds(800))
        #expect(meter.image.value(PointName.powerW) == 10_000, "no update between two intervals")
        meter.setPower(30_000)
        meter.step(by: .milliseconds(200))
        #expect(meter.image.value(PointName.powerW) == 20_000, "the update at 2 s shows the power at 1.5 s")
        #expect(meter.snapshot.power == 30_000, "the snapshot is the true power")
        meter.step(by: .seconds(1))
        #expect(meter.image.value(PointName.powerW) == 30_000)
    }
}
