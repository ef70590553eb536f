import Foundation
import SupplyPlanning
import Tariffs
import Testing

/// Windows without a feed, stale forecasts, suppliers in another currency, groups no contract covers.
@Suite struct FallbackTests {
    @Test func aWindowNoFeedCoversIsOfferedAtTheContractsFallbackPrice() throws {
        let windows = Fixture.windows(2)
        let mix = EnergyMix(isGreenEnergy: true)
        let supplier = Fixture.supplier("ovag", groups: ["depot"], fallback: 0.35, mix: mix, offer: Fixture.offer(0.21), windows: [windows[0]])
        let plan = SupplyPlanner.plan(Fixture.input([Fixture.group("depot", 22_000)], [supplier], windows: windows))
        let covered = try #require(plan.choice("depot", windows[0]))
        #expect(covered.quality == .fresh)
        #expect(covered.pricePerKWh == Decimal(string: "0.21"))
        let uncovered = try #require(plan.choice("depot", windows[1]))
        #expect(uncovered.supplier == "ovag")
        #expect(uncovered.pricePerKWh == Decimal(string: "0.35"))
        #expect(uncovered.quality == .fallback)
        #expect(uncovered.renewableShare == 1)
        #expect(uncovered.capW == 22_000)
        #expect(uncovered.reasons.last == "fallback price: no feed covers this window")
    }

    @Test func aFallbackPriceCanStillBeTheCheapest() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("depot", 22_000)],
                [
                    Fixture.supplier("silent", groups: ["depot"], fallback: 0.18, offer: nil),
                    Fixture.supplier("live", groups: ["depot"], offer: Fixture.offer(0.24)),
                ]))
        #expect(plan.choice("depot")?.supplier == "silent")
        #expect(plan.choice("depot")?.reasons == ["cheapest of 2 (0.18 EUR/kWh vs live 0.24)", "fallback price: no feed covers this window"])
    }

    @Test func aStaleForecastSaysItsAgeAndSource() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("depot", 22_000)],
                [Fixture.supplier("ovag", groups: ["depot"], offer: Fixture.offer(0.21, quality: .stale, source: "ENTSO-E", age: 3 * 3_600))]))
        let choice = try #require(plan.choice("depot"))
        #expect(choice.quality == .stale)
        #expect(choice.reasons.last == "stale forecast (age 3 h) from ENTSO-E")
    }

    @Test func aSupplierInAnotherCurrencyIsSkippedWithAReason() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("depot", 22_000)],
                [
                    Fixture.supplier("axpo", groups: ["depot"], currency: "CHF", offer: Fixture.offer(0.05)),
                    Fixture.supplier("ovag", groups: ["depot"], offer: Fixture.offer(0.21)),
                ]))
        let choice = try #require(plan.choice("depot"))
        #expect(choice.supplier == "ovag")
        #expect(choice.reasons == ["axpo skipped: its contract is in CHF, the plan in EUR", "cheapest: the only supplier (0.21 EUR/kWh)"])
    }

    @Test func aGroupNoContractCoversGetsItsConnectionLimitAtTheAssumedPrice() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("orphan", 11_000, 11_000), Fixture.group("swiss", 11_000)],
                [Fixture.supplier("axpo", groups: ["swiss"], currency: "CHF", offer: Fixture.offer(0.05))],
                unsupplied: 0.4))
        let orphan = try #require(plan.choice("orphan"))
        #expect(orphan.supplier == nil)
        #expect(orphan.pricePerKWh == Decimal(string: "0.4"))
        #expect(orphan.capW == 22_000)
        #expect(orphan.quality == .fallback)
        #expect(orphan.reasons == ["no contract covers the group: its connection limit (22 kW) at the assumed 0.40 EUR/kWh"])
        #expect(
            plan.choice("swiss")?.reasons == [
                "axpo skipped: its contract is in CHF, the plan in EUR",
                "no contract in EUR covers the group: its connection limit (11 kW) at the assumed 0.40 EUR/kWh",
            ])
        #expect(plan.shortfalls.isEmpty)
    }
}
