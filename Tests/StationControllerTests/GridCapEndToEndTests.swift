import EnergyManagement
import StationController
import StationCore
import StationSimulator
import StationTesting
import Testing

/// stationd against station-sim over Modbus TCP with realistic device delays: the grid cap holds through cars
/// arriving and leaving, a base-load jump and a meter outage, and the limits come to rest.
@Suite struct GridCapEndToEndTests {
    /// EVs follow a new limit 4 s late and then move 8 A/s; the inverter follows 2 s late at 5 kW/s; the
    /// meter shows the power of 200 ms ago, updated every second.
    static let slowDevices = DeviceResponses(
        sockets: [
            1: DeviceResponse(delay: .seconds(4), rampPerSecond: 8, noise: 0.005),
            2: DeviceResponse(delay: .seconds(4), rampPerSecond: 8, noise: 0.005),
        ],
        battery: DeviceResponse(delay: .seconds(2), rampPerSecond: 5_000, noise: 0.002),
        gridMeter: MeterResponse(updateInterval: .seconds(1), latency: .milliseconds(200), noiseW: 30))

    @Test func importStaysUnderTheCapOutsideStepTransientsWithSlowDevices() async throws {
        let h = try SimulatedStationHarness(baseLoad: 8_000, devices: Self.slowDevices)
        let cap = h.configuration.grid.connectionLimitW
        // Periods after a step in which import may exceed the cap: the slowest device's delay and ramp, the
        // meter's interval and latency, and two cycles.
        let allowance = 4 + 4 + 2 + 2
        var steps = [0]
        var imports: [Double] = []
        var limits: [[Double]] = []
        func run(_ count: Int) async {
            for _ in 0..<count {
                await h.period()
                let snapshot = h.simulator.snapshot()
                imports.append(snapshot.grid.power.value)
                limits.append(snapshot.sockets.map(\.currentLimit.value))
            }
        }

        try h.simulator.plugIn(socket: 1, ev: h.ev())
        await run(25)
        steps.append(imports.count)
        try h.simulator.plugIn(socket: 2, ev: h.ev())
        await run(30)
        steps.append(imports.count)
        try h.simulator.inject(fault: .noAnswer, into: .gridMeter)
        await run(15)
        steps.append(imports.count)
        try h.simulator.clearFault(.gridMeter)
        await run(30)
        steps.append(imports.count)
        h.simulator.setBaseLoad(13_000)
        await run(30)
        steps.append(imports.count)
        _ = try h.simulator.unplug(socket: 1)
        await run(30)
        await h.stop()

        var breaches: [String] = []
        for (index, power) in imports.enumerated() where power > cap * 1.03 {
            let last = steps.last { $0 <= index } ?? 0
            if index - last >= allowance { breaches.append("\(Int(power)) W in period \(index), \(index - last) after a step") }
        }
        let worst = imports.max() ?? 0
        print("slow devices over Modbus: worst import \(Int(worst)) W (\(String(format: "%.1f", (worst / cap - 1) * 100)) % over), "
            + "periods over the cap: \(imports.filter { $0 > cap }.count) of \(imports.count)")
        #expect(breaches.isEmpty, "import over cap + 3 % outside step transients: \(breaches)")
        // Limits come to rest: no change in the last 10 periods before each next step.
        for (index, step) in steps.enumerated() {
            let end = index + 1 < steps.count ? steps[index + 1] : limits.count
            let window = limits[max(step, end - 10)..<end]
            #expect(Set(window.map { $0.description }).count == 1, "limits still moving before period \(end): \(Array(window))")
        }
    }
}
