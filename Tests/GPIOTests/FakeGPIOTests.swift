import GPIO
import StationTesting
import Testing

@Suite struct FakeGPIOTests {
    let fake = FakeGPIO()
    let contactor = GPIOLineAddress(chip: "gpiochip0", name: "contactor-1")
    let keySwitch = GPIOLineAddress(chip: "gpiochip0", offset: 5, activeLow: true)

    @Test func outputRecordsItsInitialLevelAndEverySet() throws {
        let output = try fake.output(contactor, initiallyActive: false)
        try output.set(true)
        try output.set(false)
        try output.set(true)
        #expect(fake.outputHistory(contactor) == [false, true, false, true])
        #expect(fake.outputLevel(contactor) == true)
        #expect(try output.isActive)
    }

    @Test func activeLowOutputRecordsActiveLevels() throws {
        let led = GPIOLineAddress(chip: "gpiochip0", offset: 9, activeLow: true)
        let output = try fake.output(led, initiallyActive: true)
        try output.set(false)
        #expect(fake.outputHistory(led) == [true, false])
        #expect(output.address.activeLow)
    }

    @Test func drivenLevelChangesReachTheChangesStream() async throws {
        let input = try fake.input(keySwitch, debounce: .milliseconds(50))
        let changes = input.changes()
        let start = ContinuousClock.now
        fake.drive(keySwitch, active: true, at: start)
        fake.drive(keySwitch, active: false, at: start + .seconds(1))
        let received = await changes.collect(2, within: .seconds(5))
        #expect(received == [
            GPIOInputChange(active: true, at: start),
            GPIOInputChange(active: false, at: start + .seconds(1)),
        ])
        #expect(fake.debounce(of: keySwitch) == .milliseconds(50))
    }

    @Test func drivingTheSameLevelAgainIsNotAChange() async throws {
        let input = try fake.input(keySwitch, debounce: .zero)
        let changes = input.changes()
        fake.drive(keySwitch, active: false)
        fake.drive(keySwitch, active: true)
        fake.drive(keySwitch, active: true)
        fake.drive(keySwitch, active: false)
        let received = await changes.collect(2, within: .seconds(5))
        #expect(received.map(\.active) == [true, false])
    }

    @Test func everyStreamOfAnInputSeesEachChange() async throws {
        let input = try fake.input(keySwitch, debounce: .zero)
        let first = input.changes()
        let second = input.changes()
        fake.drive(keySwitch, active: true)
        #expect(await first.collect(1, within: .seconds(5)).map(\.active) == [true])
        #expect(await second.collect(1, within: .seconds(5)).map(\.active) == [true])
    }

    @Test func readReturnsTheDrivenLevel() throws {
        fake.drive(keySwitch, active: true)
        let input = try fake.input(keySwitch, debounce: .zero)
        #expect(try input.read())
        fake.drive(keySwitch, active: false)
        #expect(try !input.read())
    }

    @Test func requestingALineTwiceIsLineBusy() throws {
        let output = try fake.output(contactor, initiallyActive: false)
        let error = #expect(throws: GPIOError.self) {
            _ = try fake.input(contactor, debounce: .zero)
        }
        #expect(error?.code == .lineBusy)
        #expect(error?.description == #"gpiochip0 line "contactor-1": Device or resource busy"#)
        withExtendedLifetime(output) {}
    }

    @Test func releasedLineCanBeRequestedAgain() throws {
        var output: (any GPIOOutput)? = try fake.output(contactor, initiallyActive: true)
        #expect(fake.isRequested(contactor))
        withExtendedLifetime(output) {}
        output = nil
        #expect(!fake.isRequested(contactor))
        let again = try fake.output(contactor, initiallyActive: true)
        #expect(fake.outputHistory(contactor) == [true, false, true])
        withExtendedLifetime(again) {}
    }

    @Test func releasingAnOutputDrivesItInactive() throws {
        var output: (any GPIOOutput)? = try fake.output(contactor, initiallyActive: false)
        try output?.set(true)
        output = nil
        #expect(fake.outputLevel(contactor) == false)
        #expect(fake.outputHistory(contactor) == [false, true, false])
    }

    @Test func releasingAnInputFinishesItsStreams() async throws {
        var input: (any GPIOInput)? = try fake.input(keySwitch, debounce: .zero)
        let changes = try #require(input).changes()
        input = nil
        #expect(await changes.collect(1, within: .seconds(5)).isEmpty)
    }

    @Test func missingChipIsChipNotFoundNamingTheChip() throws {
        fake.setChip("gpiochip3")
        let error = #expect(throws: GPIOError.self) {
            _ = try fake.output(GPIOLineAddress(chip: "gpiochip3", offset: 1), initiallyActive: false)
        }
        #expect(error?.code == .chipNotFound)
        #expect(error?.description == "gpiochip3: No such file or directory")
    }

    @Test func missingLineIsLineNotFound() throws {
        fake.setLine(keySwitch)
        let error = #expect(throws: GPIOError.self) {
            _ = try fake.input(keySwitch, debounce: .zero)
        }
        #expect(error?.code == .lineNotFound)
        #expect(error?.description.hasPrefix("gpiochip0 line 5: ") == true)
        fake.setLine(keySwitch, missing: false)
        _ = try fake.input(keySwitch, debounce: .zero)
    }
}
