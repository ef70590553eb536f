import Modbus
import StationConfig
import StationSimulator
import Testing

/// Faults start and end on schedule, and devices answer cleanly afterwards.
@Suite struct FaultScheduleTests {
    @Test func scheduledFaultsSetAndClearTheBank() throws {
        let scenario = Scenario(faults: [
            FaultWindow(device: .gridMeter, fault: .noAnswer, from: .seconds(3), to: .seconds(5)),
            FaultWindow(device: .socket(2), fault: .exception(6), from: .seconds(4), to: .seconds(6)),
        ])
        let station = try Fixtures.demoSimulation(scenario)
        var meterFaults: [ModbusFault?] = []
        var socketFaults: [ModbusFault?] = []
        for _ in 0..<7 {
            meterFaults.append(station.gridMeter.image.bank.fault)
            socketFaults.append(station.socket(2)?.image.bank.fault)
            station.step(by: .seconds(1))
        }
        #expect(meterFaults == [nil, nil, nil, .noAnswer, .noAnswer, nil, nil])
        #expect(socketFaults == [nil, nil, nil, nil, .exception(6), .exception(6), nil])
        #expect(station.snapshot().faults.isEmpty)
    }

    @Test func nonsenseWindowShowsGarbageThenRealValues() throws {
        let scenario = Scenario(
            baseLoad: .constant(6_000),
            faults: [
                FaultWindow(device: .gridMeter, fault: .nonsense, from: .seconds(1), to: .seconds(2)),
                FaultWindow(device: .battery, fault: .nonsense, from: .seconds(1), to: .seconds(2)),
                FaultWindow(device: .socket(1), fault: .nonsense, from: .seconds(1), to: .seconds(2)),
            ])
        let station = try Fixtures.demoSimulation(scenario)
        let meter = station.gridMeter.image
        station.step(by: .seconds(1))
        #expect(station.snapshot().faults == [.gridMeter: .nonsense, .battery: .nonsense, .socket(1): .nonsense])
        #expect(meter.raw(PointName.powerW) == Double(Int16.max))
        #expect((meter.value(PointName.powerW) ?? 0) > 1e12)
        #expect(station.battery?.image.value(PointName.socPct) == 250)
        #expect(station.socket(1)?.image.value(PointName.cpState) == 999)
        #expect(meter.bank.fault == nil, "nonsense answers, it does not refuse")

        station.step(by: .seconds(1))
        #expect(station.snapshot().faults.isEmpty)
        #expect(meter.value(PointName.powerW) == 6_000)
        #expect(meter.value("w_sf") == 1)
        #expect(station.battery?.image.value(PointName.socPct) == 50)
        #expect(station.socket(1)?.image.value(PointName.cpState) == 65)
    }

    @Test func laterWindowReplacesAndOnlyItsOwnEndClears() throws {
        let station = try Fixtures.demoSimulation()
        try station.schedule(FaultWindow(device: .battery, fault: .noAnswer, from: .seconds(1), to: .seconds(5)))
        try station.schedule(FaultWindow(device: .battery, fault: .exception(4), from: .seconds(3), to: .seconds(8)))
        station.step(by: .seconds(5))
        #expect(station.battery?.image.bank.fault == .exception(4), "the first window's end does not clear the second's fault")
        station.step(by: .seconds(3))
        #expect(station.battery?.image.bank.fault == nil)
    }

    @Test func injectedFaultLastsUntilCleared() throws {
        let station = try Fixtures.demoSimulation()
        try station.inject(fault: .delay(.milliseconds(200)), into: .socket(1))
        station.step(by: .seconds(60))
        #expect(station.socket(1)?.image.bank.fault == .delay(.milliseconds(200)))
        try station.clearFault(.socket(1))
        #expect(station.socket(1)?.image.bank.fault == nil)
        #expect(throws: SimulatorError.self) { try station.inject(fault: .noAnswer, into: .socket(3)) }
    }

    @Test(arguments: [
        ("grid_meter:no_answer@30-60", FaultWindow(device: .gridMeter, fault: .noAnswer, from: .seconds(30), to: .seconds(60))),
        ("socket:1:exception:6@10-", FaultWindow(device: .socket(1), fault: .exception(6), from: .seconds(10))),
        ("battery:exception", FaultWindow(device: .battery, fault: .exception(4))),
        ("battery:nonsense@1.5-2", FaultWindow(device: .battery, fault: .nonsense, from: .milliseconds(1500), to: .seconds(2))),
        ("socket:2:delay:800ms@0-5", FaultWindow(device: .socket(2), fault: .delay(.milliseconds(800)), to: .seconds(5))),
    ])
    func commandLineFaultSpecsParse(spec: String, window: FaultWindow) throws {
        #expect(try FaultWindow(spec: spec) == window)
    }

    @Test(arguments: ["meter:no_answer", "battery:sleepy", "socket:x:nonsense", "grid_meter:no_answer@60-30", "battery:exception:0"])
    func badFaultSpecsAreRefused(spec: String) {
        #expect(throws: SimulatorError.self) { try FaultWindow(spec: spec) }
    }
}
