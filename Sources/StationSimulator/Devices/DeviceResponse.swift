/// How a simulated socket or battery follows its master's commands, and how noisy its measurements are.
///
/// Real devices are slow: an EV follows a new pilot current within up to 5 s (IEC 61851-1), an inverter
/// a new setpoint within a second or two, and both then move at a finite rate.
public struct DeviceResponse: Sendable, Hashable {
    /// Time from a master's write until the device starts following it.
    public var delay: Duration
    /// How fast the device's output moves to a new command once it follows it, per second (amperes for a
    /// socket, watts for a battery); nil = at once.
    public var rampPerSecond: Double?
    /// Each measured power is off by up to this share of it (0.01 = ±1 %).
    public var noise: Double

    public init(delay: Duration = .zero, rampPerSecond: Double? = nil, noise: Double = 0) {
        self.delay = delay
        self.rampPerSecond = rampPerSecond
        self.noise = noise
    }

    /// Follows every write at once, exactly.
    public static let immediate = DeviceResponse()

    var isImmediate: Bool { delay <= .zero && rampPerSecond == nil }

    /// `value` moved toward `target` by at most the ramp over `dt`.
    func approach(_ value: Double, _ target: Double, over dt: Duration) -> Double {
        guard let rampPerSecond else { return target }
        let step = rampPerSecond * dt.inSeconds
        return value < target ? min(target, value + step) : max(target, value - step)
    }
}

/// How a simulated grid meter updates the value it shows.
public struct MeterResponse: Sendable, Hashable {
    /// Time between two updates of the shown value; zero = it changes with the power.
    public var updateInterval: Duration
    /// Age of the power an update shows.
    public var latency: Duration
    /// Each update is off by up to this many watts.
    public var noiseW: Double

    public init(updateInterval: Duration = .zero, latency: Duration = .zero, noiseW: Double = 0) {
        self.updateInterval = updateInterval
        self.latency = latency
        self.noiseW = noiseW
    }

    /// Shows the power as it is, exactly.
    public static let immediate = MeterResponse()

    var isImmediate: Bool { updateInterval <= .zero && latency <= .zero && noiseW == 0 }
}

/// The master's commands to one device over time, so the device can follow each one after its delay.
struct CommandTrail<Command: Equatable> {
    private(set) var entries: [(at: Duration, command: Command)]

    init(_ initial: Command) { entries = [(.zero, initial)] }

    mutating func record(_ command: Command, at time: Duration) {
        guard entries.last?.command != command else { return }
        entries.append((time, command))
    }

    /// The command a device with `delay` follows at `time`; older entries are dropped.
    mutating func followed(at time: Duration, delay: Duration) -> Command {
        let due = entries.lastIndex { $0.at + delay <= time } ?? 0
        if due > 0 { entries.removeFirst(due) }
        return entries[0].command
    }
}

/// A small seeded generator for measurement noise, so a run can be replayed.
struct NoiseSource: Sendable {
    private var state: UInt64

    init(seed: UInt64) { state = seed }

    /// Uniform in -1...1.
    mutating func next() -> Double {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        z ^= z >> 31
        return Double(z >> 11) / Double(1 << 52) - 1
    }
}
