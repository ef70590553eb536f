import Foundation
import SupplyPlanning
import Testing

/// What each station is sent: its share of the group's cap and the chosen price, window by window.
@Suite struct StationScheduleTests {
    @Test func aPartialCapIsSharedInProportionToTheStationsLimits() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("depot", 22_000, 11_000)],
                [Fixture.supplier("ovag", groups: ["depot"], capacityW: 12_000, offer: Fixture.offer(0.21))]))
        #expect(plan.station("depot-s1")?.slots.map(\.capW) == [8_000])
        #expect(plan.station("depot-s2")?.slots.map(\.capW) == [4_000])
        #expect(plan.station("depot-s1")?.slots.first?.pricePerKWh == Decimal(string: "0.21"))
    }

    @Test func sharesAreWholeWattsThatNeverAddUpToMoreThanTheGroupsCap() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("depot", 7_400, 3_700, connectionLimitW: 11_000)],
                [Fixture.supplier("ovag", groups: ["depot"], offer: Fixture.offer(0.21))]))
        let caps = plan.stations.compactMap { $0.slots.first?.capW }
        #expect(caps == [7_333, 3_666])
        #expect(caps.reduce(0, +) <= 11_000)
    }

    @Test func noStationGetsMoreThanItsOwnLimit() throws {
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("depot", 7_400, 3_700, connectionLimitW: 50_000)],
                [Fixture.supplier("ovag", groups: ["depot"], offer: Fixture.offer(0.21))]))
        #expect(plan.choice("depot")?.capW == 50_000)
        #expect(plan.stations.compactMap { $0.slots.first?.capW } == [7_400, 3_700])
    }

    @Test func slotsAreInTimeOrderOnePerWindowWhateverTheInputsOrder() throws {
        let windows = Fixture.windows(4)
        let shuffled = [windows[2], windows[0], windows[3], windows[1], windows[2]]
        var supplier = Fixture.supplier("ovag", groups: ["depot"], offer: nil)
        for (index, window) in windows.enumerated() { supplier.windows[window] = Fixture.offer(Decimal(20 + index) / 100) }
        let plan = SupplyPlanner.plan(Fixture.input([Fixture.group("depot", 11_000)], [supplier], windows: shuffled))
        let slots = try #require(plan.station("depot-s1")?.slots)
        #expect(slots.map(\.window) == windows)
        #expect(slots.map(\.pricePerKWh) == [20, 21, 22, 23].map { Decimal($0) / 100 })
        #expect(plan.choices.map(\.window) == windows)
    }

    @Test func choicesAreOrderedByWindowThenGroupAndStationsByID() throws {
        let windows = Fixture.windows(2)
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("b", 11_000, 11_000), Fixture.group("a", 11_000)],
                [Fixture.supplier("ovag", groups: ["a", "b"], offer: Fixture.offer(0.21), windows: windows)], windows: windows))
        #expect(plan.choices.map { "\($0.group)@\(windows.firstIndex(of: $0.window) ?? -1)" } == ["a@0", "b@0", "a@1", "b@1"])
        #expect(plan.stations.map(\.station) == ["a-s1", "b-s1", "b-s2"])
        #expect(plan.stations.allSatisfy { $0.currency == "EUR" })
    }
}
