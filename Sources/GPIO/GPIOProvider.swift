/// Hands out GPIO lines; the real backend is `LibgpiodProvider`, tests use `FakeGPIO`.
///
/// A line can be requested once at a time; a second request throws `GPIOError` with code `lineBusy`
/// until the first line object is released.
public protocol GPIOProvider: Sendable {
    /// Requests an output line, driven to `initiallyActive` from the moment it is granted.
    func output(_ address: GPIOLineAddress, initiallyActive: Bool) throws -> any GPIOOutput
    /// Requests an input line whose level changes are reported after holding for `debounce`.
    func input(_ address: GPIOLineAddress, debounce: Duration) throws -> any GPIOInput
}
