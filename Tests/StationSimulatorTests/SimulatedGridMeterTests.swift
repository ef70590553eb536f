import StationConfig
import StationCore
import StationSimulator
import Testing

/// A simulated SunSpec grid meter: its registers, scale factors and energy counters.
@Suite struct SimulatedGridMeterTests {
    let meter: SimulatedGridMeter

    init() throws {
        meter = SimulatedGridMeter(image: try Fixtures.image("sunspec-meter-203"), voltage: 230)
    }

    @Test func showsPowerInTenWattStepsWithVoltageAndFrequency() {
        meter.setPower(25_437)
        #expect(meter.image.value("w_sf") == 1)
        #expect(meter.image.raw(PointName.powerW) == 2_544)
        #expect(meter.image.value(PointName.powerW) == 25_440)
        #expect(meter.image.value("voltage_l2_v") == 230)
        #expect(meter.image.value("frequency_hz") == 50)
        #expect(meter.image.value("power_l1_w") == 8_480)
        #expect(meter.image.value("current_l3_a") == 36.9)
    }

    @Test func countsImportAndExportSeparately() {
        meter.setPower(6_000)
        meter.step(by: .seconds(1_800))
        meter.setPower(-2_000)
        meter.step(by: .seconds(900))
        #expect(meter.snapshot == GridSnapshot(power: -2_000, energyImported: 3_000, energyExported: 500))
        #expect(meter.image.value(PointName.energyImportWh) == 3_000)
        #expect(meter.image.value(PointName.energyExportWh) == 500)
    }

    @Test func largestImportFitsTheRegister() {
        meter.setPower(327_000)
        #expect(meter.image.value(PointName.powerW) == 327_000)
    }

    @Test func nonsenseShowsTheInt16ExtremeThenRestores() {
        meter.setPower(6_000)
        meter.showNonsense(true)
        #expect(meter.image.raw(PointName.powerW) == Double(Int16.max))
        #expect((meter.image.value(PointName.powerW) ?? 0) > 1e12)
        meter.showNonsense(false)
        #expect(meter.image.value(PointName.powerW) == 6_000)
        #expect(meter.image.value("w_sf") == 1)
    }
}
