import EnergyManagement
import Foundation
import StationCore
import Testing

@Suite struct PlanCacheTests {
    @Test func planIsComputedOnceWhileScheduleAndBatteryStayTheSame() {
        var station = PriceArbitrageTests.station(at: 0, soc: 50)
        var manager = EnergyManager()
        for cycle in 0..<200 {
            station.time = Schedules.midnight.addingTimeInterval(Double(cycle) * 30)
            station.battery?.soc = StateOfCharge(50 + Double(cycle) * 0.1)
            station.previous = manager.decide(station.inputs)
        }
        #expect(manager.plansComputed == 1)
        #expect(manager.plan?.steps.count == 96)
    }

    @Test func changedScheduleOrBatteryCapacityReplans() {
        var station = PriceArbitrageTests.station(at: 0, soc: 50)
        var manager = EnergyManager()
        _ = manager.decide(station.inputs)
        station.schedule.slots[40].importPrice = 0.5
        _ = manager.decide(station.inputs)
        _ = manager.decide(station.inputs)
        #expect(manager.plansComputed == 2)
        station.battery?.capacity = 30_000
        _ = manager.decide(station.inputs)
        #expect(manager.plansComputed == 3)
        station.settings.cycleCostPerKWh = 0.02
        _ = manager.decide(station.inputs)
        #expect(manager.plansComputed == 4)
    }

    @Test func staleBatteryKeepsThePlanItHas() {
        var station = PriceArbitrageTests.station(at: 0, soc: 50)
        var manager = EnergyManager()
        _ = manager.decide(station.inputs)
        station.battery?.quality = .stale
        station.schedule.slots[40].importPrice = 0.5
        _ = manager.decide(station.inputs)
        #expect(manager.plansComputed == 1)
        station.battery?.quality = .fresh
        _ = manager.decide(station.inputs)
        #expect(manager.plansComputed == 2)
    }
}
