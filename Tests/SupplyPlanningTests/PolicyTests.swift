import Foundation
import SupplyPlanning
import Tariffs
import Testing

/// Each policy on hand-made offers, with the reason an admin reads.
@Suite struct PolicyTests {
    private let group = Fixture.group("depot", 22_000)

    @Test func cheapestTakesTheLowestPriceAndNamesTheRunnerUp() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [group],
                [
                    Fixture.supplier("enercity", groups: ["depot"], offer: Fixture.offer(0.24)),
                    Fixture.supplier("ovag", groups: ["depot"], offer: Fixture.offer(0.21)),
                    Fixture.supplier("stadtwerk", groups: ["depot"], offer: Fixture.offer(0.30)),
                ]))
        let choice = try #require(plan.choice("depot"))
        #expect(choice.supplier == "ovag")
        #expect(choice.pricePerKWh == Decimal(string: "0.21"))
        #expect(choice.capW == 22_000)
        #expect(choice.reasons == ["cheapest of 3 (0.21 EUR/kWh vs enercity 0.24)"])
        #expect(plan.shortfalls.isEmpty)
    }

    @Test func equalPricesAreBrokenBySupplierIDSoThePlanIsDeterministic() throws {
        let suppliers = [
            Fixture.supplier("zeta", groups: ["depot"], offer: Fixture.offer(0.20)),
            Fixture.supplier("alpha", groups: ["depot"], offer: Fixture.offer(0.20)),
        ]
        let plan = SupplyPlanner.plan(Fixture.input([group], suppliers))
        #expect(plan.choice("depot")?.supplier == "alpha")
        #expect(SupplyPlanner.plan(Fixture.input([group], suppliers.reversed())) == plan)
    }

    @Test func greenestTakesTheHighestShareThenTheLowerPrice() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [group],
                [
                    Fixture.supplier("coal", groups: ["depot"], offer: Fixture.offer(0.10, share: 0.2)),
                    Fixture.supplier("dear-green", groups: ["depot"], offer: Fixture.offer(0.30, share: 0.78)),
                    Fixture.supplier("green", groups: ["depot"], offer: Fixture.offer(0.25, share: 0.78)),
                ],
                policy: .greenest))
        let choice = try #require(plan.choice("depot"))
        #expect(choice.supplier == "green")
        #expect(choice.renewableShare == 0.78)
        #expect(choice.reasons == ["greenest of 3: 78 % renewable as dear-green, but cheaper (0.25 vs 0.30 EUR/kWh)"])
    }

    @Test func greenestCountsAnUnknownShareAsNothing() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [group],
                [
                    Fixture.supplier("unknown", groups: ["depot"], offer: Fixture.offer(0.05)),
                    Fixture.supplier("some", groups: ["depot"], offer: Fixture.offer(0.40, share: 0.05)),
                ],
                policy: .greenest))
        #expect(plan.choice("depot")?.supplier == "some")
        #expect(plan.choice("depot")?.reasons == ["greenest: 5 % renewable (vs unknown 0 %)"])

        let alone = SupplyPlanner.plan(
            Fixture.input([group], [Fixture.supplier("unknown", groups: ["depot"], offer: Fixture.offer(0.05))], policy: .greenest))
        #expect(alone.choice("depot")?.reasons == ["greenest: the only supplier (0 % renewable)", "renewable share unknown: counted as 0 %"])
    }

    @Test func greenestUsesTheContractsMixWhenTheOfferHasNone() throws {
        let mix = EnergyMix(
            isGreenEnergy: false, energySources: [EnergySource(source: .wind, percentage: 60), EnergySource(source: .gas, percentage: 40)],
            environImpact: [EnvironmentalImpact(category: .carbonDioxide, amount: 180)])
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [group],
                [
                    Fixture.supplier("windy", groups: ["depot"], mix: mix, offer: Fixture.offer(0.30)),
                    Fixture.supplier("grey", groups: ["depot"], offer: Fixture.offer(0.20, share: 0.5)),
                ],
                policy: .greenest))
        let choice = try #require(plan.choice("depot"))
        #expect(choice.supplier == "windy")
        #expect(choice.renewableShare == 0.6)
        #expect(choice.carbonGramsPerKWh == 180)
    }

    @Test func costWithCarbonPriceAddsTheCO2AtItsPrice() throws {
        // 0.20 + 400 g x 0.10 EUR/kg = 0.24; 0.22 + 100 g x 0.10 EUR/kg = 0.23.
        let suppliers = [
            Fixture.supplier("gas", groups: ["depot"], offer: Fixture.offer(0.20, carbon: 400)),
            Fixture.supplier("wind", groups: ["depot"], offer: Fixture.offer(0.22, carbon: 100)),
        ]
        let plan = SupplyPlanner.plan(Fixture.input([group], suppliers, policy: .costWithCarbonPrice(pricePerKilogram: 0.1)))
        let choice = try #require(plan.choice("depot"))
        #expect(choice.supplier == "wind")
        #expect(choice.reasons == ["lowest cost with CO2 of 2: 0.23 EUR/kWh (0.22 + 100 g/kWh at 0.10 EUR/kg) vs gas 0.24"])
        // Free CO2 makes it the cheapest again.
        let free = SupplyPlanner.plan(Fixture.input([group], suppliers, policy: .costWithCarbonPrice(pricePerKilogram: 0)))
        #expect(free.choice("depot")?.supplier == "gas")
    }

    @Test func costWithCarbonPriceRanksUnknownCO2LastAndSaysSo() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [group],
                [
                    Fixture.supplier("mystery", groups: ["depot"], offer: Fixture.offer(0.05)),
                    Fixture.supplier("coal", groups: ["depot"], offer: Fixture.offer(0.30, carbon: 900)),
                ],
                policy: .costWithCarbonPrice(pricePerKilogram: 0.1)))
        #expect(plan.choice("depot")?.supplier == "coal")
        #expect(plan.choice("depot")?.reasons.first?.hasSuffix("vs mystery CO2 unknown") == true)

        let onlyUnknown = SupplyPlanner.plan(
            Fixture.input(
                [group],
                [
                    Fixture.supplier("mystery", groups: ["depot"], offer: Fixture.offer(0.05)),
                    Fixture.supplier("enigma", groups: ["depot"], offer: Fixture.offer(0.07)),
                ],
                policy: .costWithCarbonPrice(pricePerKilogram: 0.1)))
        let choice = try #require(onlyUnknown.choice("depot"))
        #expect(choice.supplier == "mystery")
        #expect(choice.reasons.contains("CO2 unknown: ranked after suppliers with known emissions"))
    }

    @Test func minimumRenewableShareTakesTheCheapestAtOrAboveIt() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [group],
                [
                    Fixture.supplier("coal", groups: ["depot"], offer: Fixture.offer(0.10, share: 0.2)),
                    Fixture.supplier("green", groups: ["depot"], offer: Fixture.offer(0.30, share: 0.9)),
                    Fixture.supplier("half", groups: ["depot"], offer: Fixture.offer(0.25, share: 0.5)),
                ],
                policy: .minimumRenewableShare(0.5)))
        let choice = try #require(plan.choice("depot"))
        #expect(choice.supplier == "half")
        #expect(choice.reasons == ["cheapest with at least 50 % renewable (50 %, 0.25 EUR/kWh vs green 0.30)"])
    }

    @Test func minimumRenewableShareFallsBackToTheGreenestWhenNoneReachesIt() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [group],
                [
                    Fixture.supplier("coal", groups: ["depot"], offer: Fixture.offer(0.10, share: 0.2)),
                    Fixture.supplier("mixed", groups: ["depot"], offer: Fixture.offer(0.30, share: 0.42)),
                ],
                policy: .minimumRenewableShare(0.5)))
        let choice = try #require(plan.choice("depot"))
        #expect(choice.supplier == "mixed")
        #expect(choice.reasons == ["no supplier reaches 50 % renewable: the greenest instead (42 %, 0.30 EUR/kWh)"])
    }
}
