import Devices
import Modbus
import StationConfig
import StationCore
import StationSimulator
import Testing

/// A simulated SunSpec battery inverter following setpoints within its ratings and state of charge.
@Suite struct SimulatedBatteryTests {
    let battery: SimulatedBattery

    init() throws {
        battery = SimulatedBattery(
            image: try Fixtures.image("sunspec-battery-inverter"),
            rating: BatteryRating(capacity: 30_000, maxCharge: 10_000, maxDischarge: 8_000), soc: 50)
    }

    /// What a master taking control writes (without the reversion).
    func control(setpoint: Double) {
        battery.image.set(BatteryInverter.setpointModePoint, 1)
        battery.image.set(BatteryInverter.setpointEnablePoint, 1)
        battery.image.set(PointName.powerSetpointW, setpoint)
    }

    @Test func reportsRatingsScaleFactorsAndNameplate() throws {
        let image = battery.image
        #expect(image.value(PointName.socPct) == 50)
        #expect(image.raw(PointName.socPct) == 500, "soc_sf is -1")
        #expect(image.value(PointName.maxChargeW) == 10_000)
        #expect(image.value(PointName.maxDischargeW) == 8_000)
        #expect(image.value("w_set_sf") == 0)
        #expect(image.value("capacity_wh") == 30_000)
        let name = try #require(image.points["manufacturer_name"])
        let words = image.bank.get(name.table, name.address, count: name.registerCount)
        #expect(try RegisterCodec.decode(words, as: name.type) == .string(SimulatedBattery.manufacturer))
    }

    @Test func ignoresTheSetpointUntilEnabledInWattsMode() {
        battery.image.set(PointName.powerSetpointW, -5_000)
        battery.step(by: .seconds(1))
        #expect(battery.snapshot.power == 0)
        battery.image.set(BatteryInverter.setpointEnablePoint, 1)
        battery.step(by: .seconds(1))
        #expect(battery.snapshot.power == 0, "mode is still percent of WMax")
        battery.image.set(BatteryInverter.setpointModePoint, 1)
        battery.step(by: .seconds(1))
        #expect(battery.snapshot.power == -5_000)
        #expect(battery.image.value(PointName.powerW) == -5_000)
    }

    @Test func followsTheSetpointWithinItsRatings() {
        control(setpoint: -15_000)
        battery.step(by: .seconds(1))
        #expect(battery.snapshot.power == -10_000)
        control(setpoint: 9_000)
        battery.step(by: .seconds(1))
        #expect(battery.snapshot.power == 8_000)
        #expect(battery.image.value(PointName.powerW) == 8_000)
    }

    @Test func dischargeLowersAndChargeRaisesTheStateOfCharge() {
        control(setpoint: 6_000)
        battery.step(by: .seconds(900))  // 1.5 kWh of 30 kWh
        #expect(abs(battery.snapshot.soc.value - 45) < 1e-9)
        #expect(battery.image.value(PointName.socPct) == 45)
        control(setpoint: -3_000)
        battery.step(by: .seconds(3_600))  // 3 kWh
        #expect(abs(battery.snapshot.soc.value - 55) < 1e-9)
    }

    @Test func stopsDischargingWhenEmptyAndChargingWhenFull() {
        battery.setSoC(1)
        control(setpoint: 8_000)
        battery.step(by: .seconds(3_600))
        #expect(battery.snapshot.soc == 0)
        #expect(battery.snapshot.power == 0)
        #expect(battery.image.value(PointName.maxDischargeW) == 0)
        battery.setSoC(99)
        control(setpoint: -10_000)
        battery.step(by: .seconds(3_600))
        #expect(battery.snapshot.soc == 100)
        #expect(battery.snapshot.power == 0)
        #expect(battery.image.value(PointName.maxChargeW) == 0)
        control(setpoint: 2_000)
        #expect(battery.snapshot.power == 2_000, "a full battery still discharges")
    }

    @Test func nonsenseReportsImpossibleStateOfChargeThenRestores() {
        battery.showNonsense(true)
        #expect(battery.image.value(PointName.socPct) == 250)
        battery.showNonsense(false)
        #expect(battery.image.value(PointName.socPct) == 50)
    }
}
