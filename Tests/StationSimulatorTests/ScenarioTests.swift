import StationConfig
import StationCore
import StationSimulator
import Testing

/// Scenario files: the format, its errors with file and line, and the shipped demo.
@Suite struct ScenarioTests {
    @Test func everyKeyParses() throws {
        let scenario = try Scenario.parse("""
            base_load_w:
              - { at: "06:30", w: 4000 }
              - { at: "18:00", w: 9000 }
            pv: { peak_w: 8000, sunrise: 0, sunset: 600 }
            battery: { soc_pct: 75 }
            evs:
              - { socket: 1, arrive_s: 5, leave_s: 65, capacity_kwh: 40, soc_pct: 10, max_current_a: 32, phases: 1 }
              - { socket: 2, arrive_s: 7.5, leave_when_full: true }
            faults:
              - { device: grid_meter, kind: no_answer, from_s: 30, to_s: 60 }
              - { device: "socket:2", kind: exception, code: 6, from_s: 10 }
              - { device: battery, kind: nonsense }
              - { device: battery, kind: delay, delay_ms: 800, from_s: 70, to_s: 80 }
            """, station: try Fixtures.demoStation())
        #expect(scenario.baseLoad == .steps([
            .init(at: .timeOfDay(.seconds(6 * 3600 + 1800)), power: 4_000), .init(at: .timeOfDay(.seconds(18 * 3600)), power: 9_000),
        ]))
        #expect(scenario.pv == PVProfile(peak: 8_000, sunrise: .elapsed(.zero), sunset: .elapsed(.seconds(600))))
        #expect(scenario.batterySoC == 75)
        #expect(scenario.arrivals == [
            EVArrival(socket: 1, at: .seconds(5), ev: SimulatedEV(capacity: 40_000, soc: 10, maxCurrent: 32, phases: 1, departure: .after(.seconds(60)))),
            EVArrival(socket: 2, at: .milliseconds(7500), ev: SimulatedEV(departure: .whenFull)),
        ])
        #expect(scenario.faults == [
            FaultWindow(device: .gridMeter, fault: .noAnswer, from: .seconds(30), to: .seconds(60)),
            FaultWindow(device: .socket(2), fault: .exception(6), from: .seconds(10)),
            FaultWindow(device: .battery, fault: .nonsense),
            FaultWindow(device: .battery, fault: .delay(.milliseconds(800)), from: .seconds(70), to: .seconds(80)),
        ])
    }

    @Test func aConstantBaseLoadAndAPeakAloneAreEnough() throws {
        let scenario = try Scenario.parse("base_load_w: 6000\npv: 5000\n")
        #expect(scenario.baseLoad == .constant(6_000))
        #expect(scenario.pv == PVProfile(peak: 5_000))
        #expect(try Scenario.parse("") == Scenario())
    }

    @Test func problemsNameFileLineAndKey() {
        let text = """
            base_load_w: lots
            evs:
              - socket: 3
                arrive_s: 10
                leave_s: 5
              - socket: 1
                capcity_kwh: 60
            faults:
              - { device: meter, kind: no_answer }
            """
        let error = #expect(throws: ConfigurationError.self) {
            try Scenario.parse(text, file: "scenarios/bad.yaml", station: try Fixtures.demoStation())
        }
        #expect(error?.problems.map(\.description) == [
            "scenarios/bad.yaml:1: base_load_w: expected a number, got \"lots\"",
            "scenarios/bad.yaml:3: evs[0].socket: the station has no socket 3 (sockets: 1, 2)",
            "scenarios/bad.yaml:5: evs[0].leave_s: leave_s must be after arrive_s (10)",
            "scenarios/bad.yaml:6: evs[1]: missing required key \"arrive_s\"",
            "scenarios/bad.yaml:7: evs[1]: unknown key \"capcity_kwh\"; expected one of socket, arrive_s, leave_s, leave_when_full, capacity_kwh, soc_pct, max_current_a, phases",
            "scenarios/bad.yaml:9: faults[0].device: expected grid_meter, battery or socket:<id>, got \"meter\"",
        ])
    }

    @Test func yamlSyntaxErrorsAndMissingFilesAreProblemsToo() {
        let syntax = #expect(throws: ConfigurationError.self) { try Scenario.parse("evs: [\n  { socket: 1\n", file: "s.yaml") }
        #expect(syntax?.problems.first?.line != nil)
        #expect(syntax?.problems.first?.description.hasPrefix("s.yaml:") == true)
        let missing = #expect(throws: ConfigurationError.self) { try Scenario.load(path: "/nonexistent/scenario.yaml") }
        #expect(missing?.description == "/nonexistent/scenario.yaml: no such file")
    }

    @Test func mixedStepKindsAndFaultKeysOfTheWrongKindAreRefused() {
        let error = #expect(throws: ConfigurationError.self) {
            try Scenario.parse("""
                base_load_w: [{ at: 0, w: 1 }, { at: "08:00", w: 2 }]
                faults: [{ device: battery, kind: no_answer, code: 4 }]
                """)
        }
        #expect(error?.problems.map(\.message) == [
            "mix of seconds and times of day; use one kind for every step",
            "only an exception fault has a code",
        ])
    }

    @Test func theShippedDemoScenarioTellsItsStoryOnTheDemoStation() throws {
        let station = try Fixtures.demoStation()
        let scenario = try Scenario.load(path: Fixtures.demoScenarioPath, station: station)
        let first = try #require(scenario.arrivals.first { $0.socket == 1 })
        let second = try #require(scenario.arrivals.first { $0.socket == 2 })
        #expect(first.at == .seconds(5))
        #expect(second.at == .seconds(20))
        let baseLoad = scenario.baseLoad.power(elapsed: .seconds(20), timeOfDay: .zero)
        #expect((5_000...7_000).contains(baseLoad.value))
        let demand = [first, second].reduce(baseLoad) { sum, arrival in
            let socket = station.socket(id: arrival.socket)
            let current = min(arrival.ev.maxCurrent.value, socket?.maxCurrentA ?? 0)
            return sum + Watts(current: Amperes(current), phases: arrival.ev.phases, voltage: Volts(station.grid.nominalVoltageV))
        }
        #expect(demand.value > station.grid.connectionLimitW)
        #expect(scenario.faults == [FaultWindow(device: .gridMeter, fault: .noAnswer, from: .seconds(90), to: .seconds(110))])
        #expect(first.ev.departure == .after(.seconds(175)), "the first car leaves at 180 s")
        #expect(scenario.devices.sockets[2] == DeviceResponse(delay: .milliseconds(4_500), rampPerSecond: 6, noise: 0.005))
        #expect(scenario.devices.gridMeter == MeterResponse(updateInterval: .seconds(1), latency: .milliseconds(200), noiseW: 40))
    }

    @Test func devicesSayHowSlowAndNoisyEachDeviceIs() throws {
        let scenario = try Scenario.parse("""
            devices:
              - { device: "socket:1", response_delay_s: 2.5, ramp_a_per_s: 10, noise_pct: 1 }
              - { device: battery, response_delay_s: 1, ramp_w_per_s: 4000 }
              - { device: grid_meter, update_interval_ms: 500, latency_ms: 100, noise_w: 25 }
            """)
        #expect(scenario.devices.sockets == [1: DeviceResponse(delay: .milliseconds(2_500), rampPerSecond: 10, noise: 0.01)])
        #expect(scenario.devices.battery == DeviceResponse(delay: .seconds(1), rampPerSecond: 4_000))
        #expect(scenario.devices.gridMeter == MeterResponse(updateInterval: .milliseconds(500), latency: .milliseconds(100), noiseW: 25))
    }

    @Test func aMeterKeyOnASocketAndANegativeDelayAreRefused() {
        let error = #expect(throws: ConfigurationError.self) {
            try Scenario.parse("""
                devices:
                  - { device: "socket:1", latency_ms: 100 }
                  - { device: battery, response_delay_s: -1 }
                """)
        }
        #expect(error?.problems.count == 2)
    }

    @Test func loadStepsHoldUntilTheNextAndTimeOfDayWraps() {
        let elapsed = LoadProfile.steps([.init(at: .elapsed(.seconds(10)), power: 1), .init(at: .elapsed(.seconds(20)), power: 2)])
        #expect(elapsed.power(elapsed: .zero, timeOfDay: .zero) == 1)
        #expect(elapsed.power(elapsed: .seconds(19), timeOfDay: .zero) == 1)
        #expect(elapsed.power(elapsed: .seconds(20), timeOfDay: .zero) == 2)
        let daily = LoadProfile.steps([
            .init(at: .timeOfDay(.seconds(6 * 3600)), power: 5), .init(at: .timeOfDay(.seconds(22 * 3600)), power: 3),
        ])
        #expect(daily.power(elapsed: .zero, timeOfDay: .seconds(2 * 3600)) == 3, "before 06:00 the evening step still holds")
        #expect(daily.power(elapsed: .zero, timeOfDay: .seconds(12 * 3600)) == 5)
    }

    @Test func pvIsAHalfSineBetweenSunriseAndSunset() {
        let pv = PVProfile(peak: 8_000, sunrise: .elapsed(.seconds(100)), sunset: .elapsed(.seconds(300)))
        #expect(pv.power(elapsed: .seconds(50), timeOfDay: .zero) == 0)
        #expect(abs(pv.power(elapsed: .seconds(200), timeOfDay: .zero).value - 8_000) < 1e-6)
        #expect(abs(pv.power(elapsed: .seconds(150), timeOfDay: .zero).value - 8_000 * 0.5.squareRoot()) < 1e-6)
        #expect(pv.power(elapsed: .seconds(400), timeOfDay: .zero) == 0)
    }
}
