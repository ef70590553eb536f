import Devices
import Foundation
import Modbus
import StationCore
import StationTesting
import Synchronization
import Testing

@Suite struct PollScheduleTests {
    @Test func devicesAreDueAtTheirOwnIntervalsWithoutDrift() {
        var schedule = PollSchedule([(key: "meter", interval: .seconds(1)), (key: "evse", interval: .milliseconds(500))], start: .zero)
        #expect(schedule.due(at: .zero) == ["meter", "evse"])
        schedule.record("meter", succeeded: true, at: .milliseconds(30))
        schedule.record("evse", succeeded: true, at: .milliseconds(60))
        #expect(schedule.entry("meter")?.due == .seconds(1))
        #expect(schedule.entry("evse")?.due == .milliseconds(500))
        #expect(schedule.nextDue == .milliseconds(500))
    }

    @Test func failingDeviceBacksOffExponentiallyUpToTheCapAndRecovers() {
        var schedule = PollSchedule([(key: "battery", interval: .seconds(1))], start: .zero, maxBackoff: .seconds(10))
        var now = Duration.zero
        var waits: [Duration] = []
        for _ in 0..<6 {
            schedule.record("battery", succeeded: false, at: now)
            let due = schedule.entry("battery")!.due
            waits.append(due - now)
            now = due
        }
        #expect(waits == [.seconds(1), .seconds(2), .seconds(4), .seconds(8), .seconds(10), .seconds(10)])
        schedule.record("battery", succeeded: true, at: now)
        #expect(schedule.entry("battery")?.due == now + .seconds(1))
        #expect(schedule.entry("battery")?.consecutiveFailures == 0)
    }

    @Test func pollerKeepsHealthyDevicesAtTheirRateWhileAFailingOneBacksOff() async throws {
        let clock = ManualClock()
        let counts = Mutex<[String: Int]>([:])
        let bus = ModbusBus(.tcp(host: "127.0.0.1", port: 9))
        let poller = BusPoller(
            bus: bus,
            targets: [
                .init(name: "evse", interval: .seconds(1)) { counts.withLock { $0["evse", default: 0] += 1 }; return true },
                .init(name: "meter", interval: .seconds(1)) { counts.withLock { $0["meter", default: 0] += 1 }; return false },
            ],
            clock: clock)
        let task = Task { await poller.run() }
        for _ in 0..<100 {
            try await clock.waitForSleepers(count: 1)
            clock.advance(by: .milliseconds(100))
        }
        try await clock.waitForSleepers(count: 1)
        task.cancel()
        await task.value
        let seen = counts.withLock { $0 }
        #expect(seen["evse"] == 11, "polled at 0 s, 1 s, ..., 10 s")
        #expect(seen["meter"] == 4, "polled at 0 s, then after 1, 2 and 4 s; the next is due at 15 s")
    }
}
