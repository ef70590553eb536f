#if os(Linux)
import GPIO
import Glibc
import Testing

/// These run against the real kernel interface; they expect a machine without GPIO chips.
@Suite(.enabled(if: access("/dev/gpiochip0", F_OK) != 0, "needs a machine without /dev/gpiochip0"))
struct LibgpiodProviderTests {
    let provider = LibgpiodProvider(consumer: "stationd-test")

    @Test func outputOnAMissingChipThrowsChipNotFoundNamingTheChip() {
        let error = #expect(throws: GPIOError.self) {
            _ = try provider.output(GPIOLineAddress(chip: "gpiochip0", offset: 17), initiallyActive: false)
        }
        #expect(error?.code == .chipNotFound)
        #expect(error?.description.contains("gpiochip0") == true)
        #expect(error?.description.contains("No such file or directory") == true)
    }

    @Test func inputByNameOnAMissingChipThrowsChipNotFound() {
        let error = #expect(throws: GPIOError.self) {
            _ = try provider.input(GPIOLineAddress(chip: "gpiochip0", name: "estop"), debounce: .milliseconds(20))
        }
        #expect(error?.code == .chipNotFound)
        #expect(error?.description == "gpiochip0: No such file or directory")
    }

    @Test func aFileThatIsNotAGPIOChipIsChipNotFound() {
        let error = #expect(throws: GPIOError.self) {
            _ = try provider.output(GPIOLineAddress(chip: "/dev/null", offset: 0), initiallyActive: false)
        }
        #expect(error?.code == .chipNotFound)
        #expect(error?.description.hasPrefix("/dev/null: ") == true)
    }

    @Test func consumerIsKeptForRequests() {
        #expect(provider.consumer == "stationd-test")
    }
}
#endif
