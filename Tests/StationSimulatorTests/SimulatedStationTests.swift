import StationConfig
import StationCore
import StationSimulator
import StationTesting
import Testing

/// The whole demo station stepped by hand: the meter's sum, scenario events and departures.
@Suite struct SimulatedStationTests {
    /// Enables socket `id` at `limit` as a master would.
    func offer(_ station: SimulatedStation, socket id: Int, limit: Double) throws {
        let image = try #require(station.socket(id)).image
        image.set(PointName.currentLimitA, limit)
        image.set(PointName.enable, 1)
    }

    @Test func builtFromTheDemoStationWithEveryDevice() throws {
        let station = try Fixtures.demoSimulation()
        #expect(station.sockets.map(\.socketID) == [1, 2])
        #expect(station.battery != nil)
        #expect(station.servedDevices == ["sim": [.socket(1), .socket(2), .battery, .gridMeter]])
        #expect(station.unservedDevices.isEmpty)
    }

    @Test func meterShowsBaseLoadPlusSocketsMinusBattery() throws {
        let station = try Fixtures.demoSimulation(Scenario(baseLoad: .constant(6_000)))
        try station.plugIn(socket: 1, ev: SimulatedEV(maxCurrent: 32))
        try station.plugIn(socket: 2, ev: SimulatedEV(maxCurrent: 16, phases: 1))
        try offer(station, socket: 1, limit: 16)
        try offer(station, socket: 2, limit: 16)
        let inverter = try #require(station.battery).image
        inverter.set("power_setpoint_mode", 1)
        inverter.set("power_setpoint_enable", 1)
        inverter.set(PointName.powerSetpointW, 5_000)
        station.step(by: .seconds(1))

        let snapshot = station.snapshot()
        #expect(snapshot.socket(1)?.power == 11_040)
        #expect(snapshot.socket(2)?.power == 3_680)
        #expect(snapshot.battery?.power == 5_000)
        #expect(snapshot.grid.power == Watts(6_000 + 11_040 + 3_680 - 5_000))
        #expect(station.gridMeter.image.value(PointName.powerW) == 15_720, "w_sf 1 keeps 10 W steps")
        #expect(station.gridMeter.image.value("w_sf") == 1)
        #expect(station.gridMeter.image.value("voltage_v") == 230)
        #expect(station.gridMeter.image.value("frequency_hz") == 50)
    }

    @Test func meterCountsImportAndExportSeparately() throws {
        let station = try Fixtures.demoSimulation(Scenario(baseLoad: .constant(3_600)))
        station.step(by: .seconds(3_600))
        #expect(station.snapshot().grid.energyImported == 3_600)
        station.setPV(5_400)
        station.step(by: .seconds(1_800))
        let grid = station.snapshot().grid
        #expect(grid.power == -1_800)
        #expect(grid.energyImported == 3_600)
        #expect(grid.energyExported == 900)
        #expect(station.gridMeter.image.value(PointName.energyExportWh) == 900)
    }

    @Test func scenarioVehiclesArriveAndLeaveOnTime() throws {
        let scenario = Scenario(arrivals: [
            EVArrival(socket: 1, at: .seconds(5), ev: SimulatedEV(departure: .after(.seconds(10)))),
            EVArrival(socket: 1, at: .seconds(8), ev: SimulatedEV()),
        ])
        let station = try Fixtures.demoSimulation(scenario)
        var events: [SimulationEvent] = []
        for _ in 0..<20 { events += station.step(by: .seconds(1)) }
        #expect(events.map(\.at) == [.seconds(5), .seconds(8), .seconds(15)])
        guard events.count == 3 else { return }
        #expect(events[0].kind == .evArrived(socket: 1, ev: scenario.arrivals[0].ev))
        #expect(events[1].kind == .evTurnedAway(socket: 1, ev: scenario.arrivals[1].ev))
        if case .evLeft(let socket, _, let delivered) = events[2].kind {
            #expect(socket == 1)
            #expect(delivered == 0)
        } else {
            Issue.record("expected the vehicle to leave, got \(events[2])")
        }
        #expect(station.snapshot().socket(1)?.pilot == .a)
    }

    @Test func aScheduledDepartureKeepsItsTimeWhenStepsMissTheArrival() throws {
        let arrival = EVArrival(socket: 2, at: .seconds(5), ev: SimulatedEV(departure: .after(.seconds(10))))
        let station = try Fixtures.demoSimulation(Scenario(arrivals: [arrival]))
        var events: [SimulationEvent] = []
        for _ in 0..<60 { events += station.step(by: .milliseconds(300)) }
        #expect(events.map(\.at) == [.milliseconds(5_100), .seconds(15)])
    }

    @Test func controlCallsAreEventsToo() async throws {
        let station = try Fixtures.demoSimulation()
        try station.plugIn(socket: 2, ev: SimulatedEV())
        #expect(throws: SimulatorError.self) { try station.plugIn(socket: 2, ev: SimulatedEV()) }
        #expect(throws: SimulatorError.self) { try station.plugIn(socket: 9, ev: SimulatedEV()) }
        try station.unplug(socket: 2)
        try station.inject(fault: .noAnswer, into: .battery)
        try station.clearFault(.battery)
        let events = await station.events.collect(4, within: .seconds(5))
        #expect(events.map(\.description) == [
            "[    0.0 s] socket 2: EV arrived (60 kWh at 30 %, 16 A × 3)",
            "[    0.0 s] socket 2: EV left at 30 % after taking 0 kWh",
            "[    0.0 s] battery: fault no_answer on",
            "[    0.0 s] battery: fault no_answer off",
        ])
    }

    @Test func baseLoadFollowsTheScenarioUnlessHeld() throws {
        let steps = LoadProfile.steps([
            .init(at: .elapsed(.seconds(10)), power: 4_000), .init(at: .elapsed(.seconds(20)), power: 8_000),
        ])
        let station = try Fixtures.demoSimulation(Scenario(baseLoad: steps))
        #expect(station.snapshot().baseLoad == 4_000, "the first step holds before it starts")
        station.step(by: .seconds(20))
        #expect(station.snapshot().baseLoad == 8_000)
        station.setBaseLoad(1_000)
        #expect(station.snapshot().grid.power == 1_000)
        station.setBaseLoad(nil)
        #expect(station.snapshot().grid.power == 8_000)
    }

    @Test func runStepsWithTheClock() async throws {
        let clock = ManualClock()
        let station = try Fixtures.demoSimulation(Scenario(baseLoad: .constant(7_200)))
        let running = Task { await station.run(clock: clock, tick: .milliseconds(100)) }
        for _ in 0..<10 {
            try await clock.waitForSleepers(count: 1)
            clock.advance(by: .milliseconds(100))
        }
        try await clock.waitForSleepers(count: 1)
        running.cancel()
        await running.value
        #expect(station.elapsed == .seconds(1))
        #expect(abs(station.snapshot().grid.energyImported.value - 2) < 1e-9)
    }
}
