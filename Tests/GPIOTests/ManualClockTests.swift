import StationTesting
import Testing

@Suite struct ManualClockTests {
    let clock = ManualClock()

    @Test func sleepResumesOnlyOnceAdvancePassesTheDeadline() async throws {
        let deadline = clock.now.advanced(by: .seconds(10))
        let sleeper = Task { [clock] in try await clock.sleep(until: deadline) }
        try await clock.waitForSleepers(count: 1)
        clock.advance(by: .seconds(9))
        #expect(clock.sleeperCount == 1)
        #expect(clock.nextDeadline == deadline)
        clock.advance(by: .seconds(1))
        #expect(clock.sleeperCount == 0)
        try await sleeper.value
        #expect(clock.now == deadline)
    }

    @Test func cancellationEndsTheSleep() async throws {
        let sleeper = Task { [clock] in try await clock.sleep(for: .seconds(60)) }
        try await clock.waitForSleepers(count: 1)
        sleeper.cancel()
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperCount == 0)
        #expect(clock.now == ManualClock.Instant(offset: .zero))
    }

    @Test func sleepInACancelledTaskThrowsAtOnce() async {
        let sleeper = Task { [clock] in
            withUnsafeCurrentTask { $0?.cancel() }
            try await clock.sleep(for: .seconds(1))
        }
        await #expect(throws: CancellationError.self) { try await sleeper.value }
        #expect(clock.sleeperCount == 0)
    }

    @Test func sleepUntilAPastDeadlineReturnsAtOnce() async throws {
        clock.advance(by: .seconds(5))
        try await clock.sleep(until: ManualClock.Instant(offset: .seconds(3)))
        #expect(clock.sleeperCount == 0)
    }

    @Test func oneAdvanceWakesEverySleeperThatIsDue() async throws {
        let short = Task { [clock] in try await clock.sleep(for: .seconds(1)) }
        let long = Task { [clock] in try await clock.sleep(for: .seconds(3)) }
        let later = Task { [clock] in try await clock.sleep(for: .seconds(10)) }
        try await clock.waitForSleepers(count: 3)
        clock.advance(by: .seconds(5))
        try await short.value
        try await long.value
        #expect(clock.sleeperCount == 1)
        later.cancel()
        await #expect(throws: CancellationError.self) { try await later.value }
    }

    @Test func advanceNeverMovesTimeBackwards() {
        clock.advance(by: .seconds(2))
        clock.advance(to: ManualClock.Instant(offset: .seconds(1)))
        #expect(clock.now == ManualClock.Instant(offset: .seconds(2)))
    }

    @Test func instantsMeasureDurationsBetweenThem() {
        let start = clock.now
        clock.advance(by: .milliseconds(1500))
        #expect(start.duration(to: clock.now) == .milliseconds(1500))
        #expect(start < clock.now)
    }
}
