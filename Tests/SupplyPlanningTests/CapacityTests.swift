import Foundation
import SupplyPlanning
import Testing

/// Suppliers' capacity shared among groups: the next best when the best is full, partial caps, shortfalls.
@Suite struct CapacityTests {
    @Test func aFullSupplierSendsTheNextGroupToTheNextBest() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("g1", 22_000), Fixture.group("g2", 22_000)],
                [
                    Fixture.supplier("ovag", groups: ["g1", "g2"], capacityW: 30_000, offer: Fixture.offer(0.21)),
                    Fixture.supplier("enercity", groups: ["g1", "g2"], capacityW: 100_000, offer: Fixture.offer(0.24)),
                ]))
        // Equal regret: the group ids decide who is served first.
        #expect(plan.choice("g1")?.supplier == "ovag")
        let second = try #require(plan.choice("g2"))
        #expect(second.supplier == "enercity")
        #expect(second.capW == 22_000)
        #expect(second.reasons == ["ovag has no room (8 kW left, needs 22 kW): next best", "2nd cheapest of 2 (0.24 EUR/kWh)"])
        #expect(plan.shortfalls.isEmpty)
    }

    @Test func theWindowsOfferedCapacityBindsBelowTheContracts() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("g1", 11_000), Fixture.group("g2", 11_000)],
                [
                    Fixture.supplier("ovag", groups: ["g1", "g2"], capacityW: 100_000, offer: Fixture.offer(0.21, capacityW: 15_000)),
                    Fixture.supplier("enercity", groups: ["g1", "g2"], offer: Fixture.offer(0.24)),
                ]))
        #expect(plan.choice("g1")?.supplier == "ovag")
        #expect(plan.choice("g2")?.supplier == "enercity")
    }

    @Test func aGroupWithNoAlternativeIsServedFirst() throws {
        // g2 can only buy from ovag; g1 loses 0.03 EUR/kWh by going to enercity. Served by id, g2 would be short.
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("g1", 22_000), Fixture.group("g2", 22_000)],
                [
                    Fixture.supplier("ovag", groups: ["g1", "g2"], capacityW: 22_000, offer: Fixture.offer(0.21)),
                    Fixture.supplier("enercity", groups: ["g1"], offer: Fixture.offer(0.24)),
                ]))
        #expect(plan.choice("g2")?.supplier == "ovag")
        #expect(plan.choice("g1")?.supplier == "enercity")
        #expect(plan.shortfalls.isEmpty)
    }

    @Test func theGroupWithMoreToLoseIsServedFirst() throws {
        // Both can go to either; "big" loses 0.10 EUR/kWh x 50 kW by moving, "small" 0.10 x 11 kW.
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("a-small", 11_000), Fixture.group("big", 50_000)],
                [
                    Fixture.supplier("cheap", groups: ["a-small", "big"], capacityW: 50_000, offer: Fixture.offer(0.20)),
                    Fixture.supplier("dear", groups: ["a-small", "big"], offer: Fixture.offer(0.30)),
                ]))
        #expect(plan.choice("big")?.supplier == "cheap")
        #expect(plan.choice("a-small")?.supplier == "dear")
    }

    @Test func withoutRoomAnywhereTheRoomiestGivesAPartialCapAndTheGapIsAShortfall() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("depot", 11_000, 11_000)],
                [
                    Fixture.supplier("cheap", groups: ["depot"], capacityW: 5_000, offer: Fixture.offer(0.20)),
                    Fixture.supplier("ovag", groups: ["depot"], capacityW: 12_000, offer: Fixture.offer(0.26)),
                ]))
        let choice = try #require(plan.choice("depot"))
        #expect(choice.supplier == "ovag")
        #expect(choice.capW == 12_000)
        #expect(
            choice.reasons == [
                "cheap has no room (5 kW left, needs 22 kW)", "2nd cheapest of 2 (0.26 EUR/kWh)",
                "no supplier has room for 22 kW: ovag has the most (12 kW), 10 kW short",
            ])
        #expect(plan.shortfalls == [SupplyShortfall(group: "depot", window: Fixture.first, supplier: "ovag", neededW: 22_000, allottedW: 12_000)])
    }

    @Test func aLimitForTheGroupSendsItToTheNextBest() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("depot", 22_000)],
                [
                    Fixture.supplier("ovag", groups: ["depot"], offer: Fixture.offer(0.21, groupCapacityW: ["depot": 11_000])),
                    Fixture.supplier("enercity", groups: ["depot"], offer: Fixture.offer(0.24)),
                ]))
        let choice = try #require(plan.choice("depot"))
        #expect(choice.supplier == "enercity")
        #expect(choice.reasons.first == "ovag has no room (limit for the group 11 kW, needs 22 kW): next best")
    }

    @Test func aLimitForTheGroupCapsItWhenNoOneHasMore() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("depot", 22_000), Fixture.group("other", 22_000)],
                [Fixture.supplier("ovag", groups: ["depot", "other"], capacityW: 40_000, offer: Fixture.offer(0.21, groupCapacityW: ["depot": 11_000]))]))
        #expect(plan.choice("depot")?.capW == 11_000)
        #expect(plan.choice("other")?.capW == 22_000)
        #expect(plan.shortfalls.map(\.group) == ["depot"])
    }

    @Test func noCapacityAtAllStillGivesTheBestRankedSupplierWithACapOfZero() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("depot", 22_000)],
                [
                    Fixture.supplier("dear", groups: ["depot"], capacityW: 0, offer: Fixture.offer(0.30)),
                    Fixture.supplier("cheap", groups: ["depot"], capacityW: -5, offer: Fixture.offer(0.20, capacityW: .nan)),
                ]))
        let choice = try #require(plan.choice("depot"))
        #expect(choice.supplier == "cheap")
        #expect(choice.capW == 0)
        #expect(plan.shortfalls.first?.allottedW == 0)
    }

    @Test func capacityIsCountedPerWindow() throws {
        let windows = Fixture.windows(2)
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("g1", 20_000), Fixture.group("g2", 20_000)],
                [
                    Fixture.supplier("ovag", groups: ["g1", "g2"], capacityW: 40_000, offer: Fixture.offer(0.21), windows: windows),
                    Fixture.supplier("enercity", groups: ["g1", "g2"], offer: Fixture.offer(0.24), windows: windows),
                ],
                windows: windows))
        for window in windows {
            #expect(plan.choice("g1", window)?.supplier == "ovag")
            #expect(plan.choice("g2", window)?.supplier == "ovag")
        }
    }
}
