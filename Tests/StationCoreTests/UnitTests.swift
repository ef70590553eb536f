import StationCore
import Testing

@Suite struct UnitTests {
    @Test func powerAndCurrentConvertOverPhases() {
        #expect(Watts(current: 16, phases: 3, voltage: 230) == 11_040)
        #expect(Amperes(power: 7_360, phases: 1, voltage: 230) == 32)
        #expect(Amperes(power: 1_000, phases: 0, voltage: 230) == 0)
    }

    /// Issue 12, finding 1: a session's energy from a hostile meterStop reached `Int64(_:)` when it was logged.
    @Test func hugeAndNonFiniteQuantitiesPrintWithoutTrapping() {
        #expect(WattHours(Double(Int64.max)).description == "9.223372036854776e+18 Wh")
        #expect(WattHours(1e300).description == "1e+300 Wh")
        #expect(WattHours(-1e300).description == "-1e+300 Wh")
        #expect(Watts(.infinity).description == "inf W")
        #expect(Watts(.nan).description == "nan W")
        #expect(WattHours(1_000_000_000_000).description == "1000000000000 Wh")
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
