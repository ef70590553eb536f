import Benchmark
import EnergyManagement
import Foundation
import StationCore

private func microseconds() -> Benchmark.Configuration {
    Benchmark.Configuration(metrics: [.wallClock, .throughput], timeUnits: .microseconds)
}

private let midnight = Date(timeIntervalSince1970: 1_748_736_000)

/// A day of quarter hours: cheap night, dear evening.
private func dayAhead() -> PriceSchedule {
    var slots: [PriceSlot] = []
    for slot in 0..<96 {
        let price: Double = slot < 24 ? 0.08 : (68..<84).contains(slot) ? 0.40 : 0.20
        let start = midnight.addingTimeInterval(Double(slot) * 900)
        slots.append(PriceSlot(start: start, end: start.addingTimeInterval(900), importPrice: price))
    }
    return PriceSchedule(version: 1, slots: slots)
}

/// A busy evening cycle: 10 kW base load, most sockets charging, a cap of 7 kW per socket, so the battery
/// shaves the peak and the sockets are still curtailed; ramps limit the increases from the last cycle.
private func busyCycle(sockets count: Int) -> EnergyInputs {
    let sockets = (1...count).map { id -> SocketDemand in
        let plugged = id % 7 == 0
        return SocketDemand(
            id: SocketID(id), phases: id % 4 == 0 ? 1 : 3, maxCurrent: Amperes(id % 5 == 0 ? 16 : 32),
            state: plugged ? .connected : .charging,
            measuredPower: Watts(plugged ? 0 : 11_040), requestedCurrent: id % 3 == 0 ? Amperes(20) : nil)
    }
    let drawn = sockets.reduce(Watts.zero) { $0 + ($1.measuredPower ?? .zero) }
    var lastLimits: [SocketID: Amperes] = [:]
    for socket in sockets { lastLimits[socket.id] = 16 }
    let previous = SetpointDecision(socketLimits: lastLimits, batteryPower: 5_000, mode: .curtailing, reasons: [])
    let battery = BatteryState(
        soc: 60, capacity: 100_000, maxChargePower: 50_000, maxDischargePower: 50_000, power: 5_000)
    return EnergyInputs(
        time: midnight.addingTimeInterval(70 * 900), gridPower: Watts(10_000) + drawn - Watts(5_000),
        gridQuality: .fresh, sockets: sockets, battery: battery, schedule: dayAhead(),
        gridCap: Watts(Double(count) * 7_000), settings: EnergySettings(socketRampPerCycle: 2, batteryRampPerCycle: 5_000),
        previous: previous)
}

private func decide(sockets count: Int) -> (Benchmark) -> Void {
    { benchmark in
        let inputs = busyCycle(sockets: count)
        var manager = EnergyManager()
        blackHole(manager.decide(inputs))
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(manager.decide(inputs))
        }
        benchmark.stopMeasurement()
    }
}

private func plan(_ battery: BatteryState) -> (Benchmark) -> Void {
    { benchmark in
        let schedule = dayAhead()
        let settings = EnergySettings()
        for _ in benchmark.scaledIterations {
            blackHole(PricePlanner.plan(schedule: schedule, battery: battery, settings: settings, from: midnight))
        }
    }
}

let benchmarks: @Sendable () -> Void = {
    for count in [4, 20, 100] {
        Benchmark("EnergyManagement decide, \(count) sockets", configuration: microseconds(), closure: decide(sockets: count))
    }
    Benchmark(
        "EnergyManagement price plan, 96 slots",
        configuration: microseconds(),
        closure: plan(BatteryState(soc: 30, capacity: 20_000, maxChargePower: 5_000, maxDischargePower: 5_000)))
    Benchmark(
        "EnergyManagement price plan, 96 slots, finest SoC grid",
        configuration: microseconds(),
        closure: plan(BatteryState(soc: 30, capacity: 200_000, maxChargePower: 1_000, maxDischargePower: 1_000)))
}
