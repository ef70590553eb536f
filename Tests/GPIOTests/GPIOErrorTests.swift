import GPIO
import Testing

@Suite struct GPIOErrorTests {
    @Test func descriptionNamesChipOffsetAndLineName() {
        let error = GPIOError(.lineBusy, chip: "gpiochip0", offset: 17, lineName: "contactor-1", reason: "Device or resource busy")
        #expect(error.description == #"gpiochip0 line 17 ("contactor-1"): Device or resource busy"#)
    }

    @Test func descriptionOfAChipFailureNamesOnlyTheChip() {
        let error = GPIOError(.chipNotFound, chip: "gpiochip0", reason: "No such file or directory")
        #expect(error.description == "gpiochip0: No such file or directory")
    }

    @Test func errnoBecomesItsTextAndTheAddressNamesTheLine() {
        let byName = GPIOError(.lineNotFound, at: GPIOLineAddress(chip: "gpiochip1", name: "estop"), errno: 2)
        #expect(byName.description == #"gpiochip1 line "estop": No such file or directory"#)
        #expect(byName.errno == 2)
        let byOffset = GPIOError(.ioFailed, at: GPIOLineAddress(chip: "gpiochip1", offset: 4), errno: 5)
        #expect(byOffset.description == "gpiochip1 line 4: Input/output error")
    }

    @Test func codesCompareByKind() {
        #expect(GPIOError.Code.lineBusy == .lineBusy)
        #expect(GPIOError.Code.lineBusy != .lineNotFound)
        #expect(GPIOError.Code.chipNotFound.description == "chipNotFound")
    }
}
