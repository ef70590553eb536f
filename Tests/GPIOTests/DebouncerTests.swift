import GPIO
import Testing

@Suite struct DebouncerTests {
    let start = ContinuousClock.now
    let debounce = Duration.milliseconds(50)

    func at(_ milliseconds: Int) -> ContinuousClock.Instant {
        start + .milliseconds(milliseconds)
    }

    @Test func bounceShorterThanTheDebounceIsIgnored() {
        var debouncer = Debouncer(debounce: debounce, initialLevel: false)
        #expect(debouncer.observe(true, at: at(0)) == nil)
        #expect(debouncer.observe(false, at: at(10)) == nil)
        #expect(debouncer.observe(true, at: at(20)) == nil)
        #expect(debouncer.observe(false, at: at(40)) == nil)
        #expect(debouncer.deadline == nil)
        #expect(debouncer.settle(at: at(500)) == nil)
        #expect(debouncer.stableLevel == false)
    }

    @Test func heldChangeIsReportedOnceAtItsDeadline() {
        var debouncer = Debouncer(debounce: debounce, initialLevel: false)
        #expect(debouncer.observe(true, at: at(0)) == nil)
        #expect(debouncer.deadline == at(50))
        #expect(debouncer.settle(at: at(49)) == nil)
        #expect(debouncer.settle(at: at(50)) == true)
        #expect(debouncer.stableLevel == true)
        #expect(debouncer.stableLevelSince == at(0))
        #expect(debouncer.deadline == nil)
        #expect(debouncer.settle(at: at(60)) == nil)
        #expect(debouncer.observe(true, at: at(70)) == nil)
    }

    @Test func repeatedSamplesOfThePendingLevelDoNotRestartTheDeadline() {
        var debouncer = Debouncer(debounce: debounce, initialLevel: false)
        _ = debouncer.observe(true, at: at(0))
        _ = debouncer.observe(true, at: at(30))
        #expect(debouncer.deadline == at(50))
        #expect(debouncer.settle(at: at(50)) == true)
    }

    @Test func bounceDuringAChangeRestartsItsDebounce() {
        var debouncer = Debouncer(debounce: debounce, initialLevel: false)
        _ = debouncer.observe(true, at: at(0))
        _ = debouncer.observe(false, at: at(30))
        _ = debouncer.observe(true, at: at(40))
        #expect(debouncer.deadline == at(90))
        #expect(debouncer.settle(at: at(60)) == nil)
        #expect(debouncer.settle(at: at(90)) == true)
        #expect(debouncer.stableLevelSince == at(40))
    }

    @Test func sampleAfterAMissedDeadlineReportsTheHeldChange() {
        var debouncer = Debouncer(debounce: debounce, initialLevel: false)
        _ = debouncer.observe(true, at: at(0))
        #expect(debouncer.observe(false, at: at(200)) == true)
        #expect(debouncer.stableLevel == true)
        #expect(debouncer.deadline == at(250))
        #expect(debouncer.settle(at: at(250)) == false)
    }

    @Test func zeroDebouncePassesEveryChangeThrough() {
        var debouncer = Debouncer(debounce: .zero, initialLevel: false)
        #expect(debouncer.observe(true, at: at(0)) == true)
        #expect(debouncer.observe(true, at: at(1)) == nil)
        #expect(debouncer.observe(false, at: at(1)) == false)
        #expect(debouncer.observe(true, at: at(2)) == true)
        #expect(debouncer.deadline == nil)
    }

    @Test func alternatingHeldChangesAreEachReported() {
        var debouncer = Debouncer(debounce: debounce, initialLevel: true)
        var reported: [Bool] = []
        for (step, level) in [false, true, false, true].enumerated() {
            let edge = at(step * 100)
            if let change = debouncer.observe(level, at: edge) { reported.append(change) }
            if let change = debouncer.settle(at: edge + debounce) { reported.append(change) }
        }
        #expect(reported == [false, true, false, true])
        #expect(debouncer.stableLevel == true)
    }

    @Test func negativeDebounceActsAsZero() {
        var debouncer = Debouncer(debounce: .milliseconds(-5), initialLevel: false)
        #expect(debouncer.debounce == .zero)
        #expect(debouncer.observe(true, at: at(0)) == true)
    }
}
