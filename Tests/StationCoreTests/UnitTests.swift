import StationCore
import Testing

@Suite struct UnitTests {
    @Test func powerAndCurrentConvertOverPhases() {
        #expect(Watts(current: 16, phases: 3, voltage: 230) == 11_040)
        #expect(Amperes(power: 7_360, phases: 1, voltage: 230) == 32)
        #expect(Amperes(power: 1_000, phases: 0, voltage: 230) == 0)
    }

    @Test func energyIntegratesPowerOverTime() {
        #expect(Watts(3_600).over(.seconds(3_600)) == 3_600)
        #expect(Watts(11_000).over(.milliseconds(500)).value.isApproximately(11_000.0 / 7_200))
    }

    @Test func quantitiesDoArithmeticAndPrintWithTheirUnit() {
        let total: Watts = [Watts(1_000), 2_500.5].reduce(.zero, +)
        #expect(total == 3_500.5)
        #expect(total.description == "3500.5 W")
        #expect(Amperes(40).clamped(to: 6...32) == 32)
        #expect((-Watts(5)).magnitude == 5)
    }
}

extension Double {
    func isApproximately(_ other: Double, tolerance: Double = 1e-9) -> Bool { abs(self - other) <= tolerance }
}
