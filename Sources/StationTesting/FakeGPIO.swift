public import GPIO
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// An in-memory `GPIOProvider`: outputs record what was driven, inputs follow what the test drives.
///
/// Levels are active levels; `activeLow` is kept in the address but never inverts anything here.
/// Inputs deliver every driven change at once, whatever their debounce. Lines are told apart by chip
/// and line as written, so the same line by offset and by name counts as two lines.
public final class FakeGPIO: GPIOProvider {
    private struct LineKey: Hashable {
        var chip: String
        var line: GPIOLineAddress.Line

        init(_ address: GPIOLineAddress) {
            chip = address.chip
            line = address.line
        }
    }

    private struct State {
        var missingChips: Set<String> = []
        var missingLines: Set<LineKey> = []
        var requested: Set<LineKey> = []
        var outputHistories: [LineKey: [Bool]] = [:]
        var inputLevels: [LineKey: Bool] = [:]
        var inputBroadcasts: [LineKey: GPIOChangeBroadcast] = [:]
        var debounces: [LineKey: Duration] = [:]
    }

    private let state = Mutex(State())

    public init() {}

    public func output(_ address: GPIOLineAddress, initiallyActive: Bool) throws -> any GPIOOutput {
        let key = LineKey(address)
        try state.withLock { state throws(GPIOError) in
            try Self.claim(key, address, in: &state)
            state.outputHistories[key, default: []].append(initiallyActive)
        }
        return FakeGPIOOutput(address: address, fake: self)
    }

    public func input(_ address: GPIOLineAddress, debounce: Duration) throws -> any GPIOInput {
        let key = LineKey(address)
        let broadcast = GPIOChangeBroadcast()
        try state.withLock { state throws(GPIOError) in
            try Self.claim(key, address, in: &state)
            state.inputBroadcasts[key] = broadcast
            state.debounces[key] = debounce
        }
        return FakeGPIOInput(address: address, fake: self, broadcast: broadcast)
    }

    /// Sets an input line's level; a requested input's streams see it if the level changed.
    public func drive(_ address: GPIOLineAddress, active: Bool, at instant: ContinuousClock.Instant = .now) {
        let key = LineKey(address)
        state.withLock { state in
            let previous = state.inputLevels[key] ?? false
            state.inputLevels[key] = active
            guard previous != active else { return }
            state.inputBroadcasts[key]?.yield(GPIOInputChange(active: active, at: instant))
        }
    }

    /// The active level an output line was last driven to; nil if it was never requested.
    public func outputLevel(_ address: GPIOLineAddress) -> Bool? {
        state.withLock { $0.outputHistories[LineKey(address)]?.last }
    }

    /// Every level an output line was driven to, oldest first: each request's initial level, each `set`, each release.
    public func outputHistory(_ address: GPIOLineAddress) -> [Bool] {
        state.withLock { $0.outputHistories[LineKey(address)] ?? [] }
    }

    /// The debounce the line was last requested with as an input.
    public func debounce(of address: GPIOLineAddress) -> Duration? {
        state.withLock { $0.debounces[LineKey(address)] }
    }

    /// Whether a line is requested right now.
    public func isRequested(_ address: GPIOLineAddress) -> Bool {
        state.withLock { $0.requested.contains(LineKey(address)) }
    }

    /// Makes requests on the chip fail with `chipNotFound` (or succeed again when `missing` is false).
    public func setChip(_ chip: String, missing: Bool = true) {
        state.withLock { state in
            if missing { state.missingChips.insert(chip) } else { state.missingChips.remove(chip) }
        }
    }

    /// Makes requests for the line fail with `lineNotFound` (or succeed again when `missing` is false).
    public func setLine(_ address: GPIOLineAddress, missing: Bool = true) {
        state.withLock { state in
            if missing { state.missingLines.insert(LineKey(address)) } else { state.missingLines.remove(LineKey(address)) }
        }
    }

    func record(_ address: GPIOLineAddress, active: Bool) {
        state.withLock { $0.outputHistories[LineKey(address), default: []].append(active) }
    }

    func inputLevel(_ address: GPIOLineAddress) -> Bool {
        state.withLock { $0.inputLevels[LineKey(address)] ?? false }
    }

    func release(_ address: GPIOLineAddress) {
        let key = LineKey(address)
        state.withLock { state in
            state.requested.remove(key)
            state.inputBroadcasts[key] = nil
        }
    }

    /// Fails as libgpiod does for a missing chip, a missing line or a line already requested; else claims the line.
    private static func claim(_ key: LineKey, _ address: GPIOLineAddress, in state: inout State) throws(GPIOError) {
        if state.missingChips.contains(key.chip) {
            throw GPIOError(.chipNotFound, chip: key.chip, errno: ENOENT)
        }
        if state.missingLines.contains(key) {
            // libgpiod reports an offset past the chip's end as EINVAL and an unknown name as ENOENT.
            let failure: Int32 = if case .offset = key.line { EINVAL } else { ENOENT }
            throw GPIOError(.lineNotFound, at: address, errno: failure)
        }
        guard state.requested.insert(key).inserted else {
            throw GPIOError(.lineBusy, at: address, errno: EBUSY)
        }
    }
}
