import EnergyManagement
import Foundation
import StationCore
import StationTesting
import Testing

@Suite struct PricePlannerTests {
    /// 20 kWh, 5 kW both ways, SoC 30 % = the reserve; 90 % efficiency, 0.05 per kWh cycle cost.
    static let battery = BatteryState(soc: 30, capacity: 20_000, maxChargePower: 5_000, maxDischargePower: 5_000)
    static let settings = EnergySettings()

    static func plan(_ schedule: PriceSchedule, battery: BatteryState = battery, settings: EnergySettings = settings) -> BatteryPlan {
        PricePlanner.plan(schedule: schedule, battery: battery, settings: settings, from: Schedules.midnight)
    }

    @Test func chargesInTheCheapNightAndDischargesInTheDearEvening() {
        let plan = Self.plan(Schedules.nightAndEvening())
        #expect(plan.steps.count == 96)
        let charging = plan.steps.filter { if case .charge = $0.intent { true } else { false } }
        let discharging = plan.steps.filter { if case .discharge = $0.intent { true } else { false } }
        #expect(!charging.isEmpty && !discharging.isEmpty)
        #expect(charging.allSatisfy { $0.importPrice == 0.08 })
        #expect(discharging.allSatisfy { $0.importPrice == 0.40 })
        // Charged up to the SoC maximum by morning, back to the reserve after the evening.
        #expect(abs(plan.steps[23].expectedSoC.value - 90) < 0.5)
        #expect(abs(plan.steps[95].expectedSoC.value - 30) < 0.5)
        #expect(plan.steps.allSatisfy { $0.expectedSoC.value >= 30 - 1e-9 && $0.expectedSoC.value <= 90 + 1e-9 })
    }

    @Test func plannedPowersRespectTheInverterLimits() {
        let plan = Self.plan(Schedules.nightAndEvening())
        for step in plan.steps {
            switch step.intent {
            case .charge(let power): #expect(power.value <= 5_000 + 1e-6)
            case .discharge(let power): #expect(power.value <= 5_000 + 1e-6)
            case .hold: break
            }
        }
    }

    @Test func flatScheduleHolds() {
        var battery = Self.battery
        battery.soc = 50
        #expect(Self.plan(Schedules.quarterHours(Array(repeating: 0.25, count: 96)), battery: battery).holdsThroughout)
    }

    @Test func spreadBelowCycleCostAndLossesHolds() {
        // 0.25 × 0.9 − 0.20 = 0.025 < 0.05 cycle cost.
        let prices = (0..<96).map { $0 < 24 ? 0.20 : ($0 >= 68 && $0 < 84 ? 0.25 : 0.22) }
        #expect(Self.plan(Schedules.quarterHours(prices)).holdsThroughout)
    }

    @Test func arbitrageNeverDischargesBelowTheReserve() {
        var battery = Self.battery
        battery.soc = 80
        let plan = Self.plan(Schedules.nightAndEvening(), battery: battery)
        #expect(plan.steps.allSatisfy { $0.expectedSoC.value >= 30 - 1e-9 })
        #expect(plan.steps.contains { if case .discharge = $0.intent { true } else { false } })
    }

    @Test func aDrainedReserveIsRestoredInTheCheapestSlotsEvenWithoutArbitrage() {
        var battery = Self.battery
        battery.soc = 12
        let prices = (0..<8).map { $0 == 5 ? 0.10 : 0.30 }
        let plan = Self.plan(Schedules.quarterHours(prices), battery: battery)
        let charging = plan.steps.indices.filter { if case .charge = plan.steps[$0].intent { true } else { false } }
        #expect(charging.contains(5))
        #expect(plan.steps[7].expectedSoC.value >= 30 - 1e-9)
    }

    @Test func theRunningSlotIsPlannedFromNowAndPastSlotsAreLeftOut() {
        let now = Schedules.time(ofSlot: 10).addingTimeInterval(300)
        let plan = PricePlanner.plan(schedule: Schedules.nightAndEvening(), battery: Self.battery, settings: Self.settings, from: now)
        #expect(plan.steps.count == 86)
        #expect(plan.steps.first?.start == now)
        #expect(plan.step(at: now.addingTimeInterval(-1)) == nil)
        #expect(plan.step(at: Schedules.time(ofSlot: 70))?.importPrice == 0.40)
    }

    @Test func slotsThatAreNotUsableAreDroppedAndTheRestSorted() {
        var schedule = Schedules.quarterHours([0.1, 0.2, 0.3, 0.4])
        schedule.slots.reverse()
        schedule.slots[0].importPrice = .nan
        schedule.slots.append(PriceSlot(start: Schedules.time(ofSlot: 9), end: Schedules.time(ofSlot: 8), importPrice: 0.1))
        let plan = Self.plan(schedule)
        #expect(plan.steps.map(\.importPrice) == [0.1, 0.2, 0.3])
    }

    @Test func plansBuyOnlyWhatALaterDearSlotPaysFor() {
        var violations = Violations()
        for seed in 0..<UInt64(400) {
            var random = SplitMix64(seed: seed)
            let prices = (0..<random.integer(1...96)).map { _ in random.uniform(0.0...0.5) }
            let minimum = random.uniform(0...20)
            let settings = EnergySettings(
                socReservePercent: random.uniform(minimum...50), socMinimumPercent: minimum,
                socMaximumPercent: random.uniform(70...100), cycleCostPerKWh: random.uniform(0...0.1),
                roundTripEfficiency: random.uniform(0.75...0.98))
            let battery = BatteryState(
                soc: StateOfCharge(random.uniform(settings.socReservePercent...100)),
                capacity: WattHours(random.uniform(2_000...100_000)),
                maxChargePower: Watts(random.uniform(500...30_000)), maxDischargePower: Watts(random.uniform(500...30_000)))
            let plan = Self.plan(Schedules.quarterHours(prices), battery: battery, settings: settings)
            let cheapest = prices.min() ?? 0
            let efficiency = settings.roundTripEfficiency
            for (index, step) in plan.steps.enumerated() {
                switch step.intent {
                case .charge(let power):
                    let paid = plan.steps[(index + 1)...].contains { later in
                        if case .discharge = later.intent { later.importPrice * efficiency - step.importPrice > settings.cycleCostPerKWh } else { false }
                    }
                    violations.check(paid, seed, "charge at \(step.importPrice) with no dear slot after it")
                    violations.check(power <= battery.maxChargePower + 1e-6, seed, "charge \(power) over the inverter")
                case .discharge(let power):
                    violations.check(step.importPrice * efficiency - cheapest > settings.cycleCostPerKWh, seed,
                                     "discharge at \(step.importPrice), cheapest \(cheapest)")
                    violations.check(power <= battery.maxDischargePower + 1e-6, seed, "discharge \(power) over the inverter")
                    violations.check(step.expectedSoC.value >= settings.socReservePercent - 1e-9, seed, "below the reserve")
                case .hold: break
                }
                violations.check(step.expectedSoC.value <= max(settings.socMaximumPercent, battery.soc.value) + 1e-9, seed, "over the maximum")
            }
        }
        #expect(violations.found.isEmpty, "\(violations.summary)")
    }
}
