import Foundation
import SupplyPlanning
import Testing

/// Figures no feed should send still give a plan with safe caps, never a trap.
@Suite struct GarbageInputTests {
    @Test func unusableFiguresAreMadeSafe() throws {
        let windows = Fixture.windows(2)
        var broken = Fixture.supplier("broken", groups: ["depot", "bent"], capacityW: .nan, fallback: 0.4, offer: nil)
        broken.windows[windows[0]] = Fixture.offer(.nan, share: .nan, carbon: -.infinity, capacityW: -10, groupCapacityW: ["depot": .nan])
        broken.windows[windows[1]] = Fixture.offer(0.2, share: 7, carbon: .nan)
        let plan = SupplyPlanner.plan(
            Fixture.input(
                [Fixture.group("depot", .nan, -3, 11_000), Fixture.group("bent", 11_000, connectionLimitW: -5)],
                [broken, Fixture.supplier("sane", groups: ["depot"], capacityW: 5_000, offer: Fixture.offer(0.3), windows: windows)],
                policy: .greenest, windows: windows))
        let first = try #require(plan.choice("depot", windows[0]))
        #expect(first.pricePerKWh == Decimal(string: "0.3"))  // broken's NaN price counts as no offer: 0.40 fallback
        #expect(plan.choice("depot", windows[1])?.renewableShare == 1)
        #expect(plan.choice("bent", windows[0])?.capW == 0)
        for choice in plan.choices { #expect(choice.capW.isFinite && choice.capW >= 0) }
        for station in plan.stations {
            for slot in station.slots { #expect(slot.capW.isFinite && slot.capW >= 0) }
        }
        #expect(plan.station("depot-s3")?.slots.map(\.capW).allSatisfy { $0 <= 11_000 } == true)
    }
}
