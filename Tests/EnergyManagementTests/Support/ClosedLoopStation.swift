import EnergyManagement
import Foundation
import StationCore
import StationTesting

/// How fast the devices and the loop of one closed-loop run are, in milliseconds (multiples of the tick).
struct LoopTiming: CustomStringConvertible, Hashable {
    /// Time an EV takes to follow a new socket limit.
    var evseDelay: Int
    /// Time the battery inverter takes to follow a new setpoint.
    var batteryDelay: Int
    /// Time between two updates of the grid meter's value.
    var meterInterval: Int
    var controlPeriod: Int
    /// Offset of the socket and battery polls after each cycle start, as a share of the period.
    var devicePollPhase: Double
    /// Offset of the grid meter poll after each cycle start, as a share of the period.
    var meterPollPhase: Double

    var description: String {
        "EVSE \(evseDelay) ms, battery \(batteryDelay) ms, meter every \(meterInterval) ms, period \(controlPeriod) ms, "
            + "poll phases \(devicePollPhase)/\(meterPollPhase)"
    }
}

/// Something that happens to the station at a moment of a run.
enum LoopEvent: Equatable {
    case carArrives(SocketID)
    case carLeaves(SocketID)
    case baseLoadChanges(by: Watts)
    case meterDropsOut
    case meterReturns
    case batteryRunsEmpty
}

/// A station's physics driven by the real `EnergyManager`, on simulated time: EVs that follow a limit
/// after a delay, a battery that follows its setpoint after a delay and can run empty, a grid meter that
/// updates its value at an interval with a latency, and pollers that read each device at their own phase.
struct ClosedLoopStation {
    static let tick = 50
    static let voltage: Volts = 230
    static let meterLatency = 200

    let timing: LoopTiming
    var gridCap: Watts = 22_000
    var settings: EnergySettings
    var manager = EnergyManager()
    var rng: SplitMix64
    /// Whether the manager is told when each reading was taken; without, it treats them as simultaneous.
    var tellsReadingTimes = true
    /// The price schedule the manager plans the battery on, and the wall time at the run's start.
    var schedule = PriceSchedule.empty
    var startTime = Date(timeIntervalSince1970: 1_800_000_000)
    /// The most each car draws per phase, whatever its limit.
    var carMaxCurrent: Amperes = 32

    // Physics
    var now = 0
    var baseLoad: Watts = 5_000
    var carPresent: [SocketID: Bool] = [1: true, 2: false]
    var limitWrites: [SocketID: [(at: Int, value: Amperes)]] = [1: [(0, 0)], 2: [(0, 0)]]
    var batteryWrites: [(at: Int, value: Watts)] = [(0, 0)]
    var batteryEmpty = false
    var meterOut = false
    /// True grid import, one entry per tick.
    var importSeries: [Watts] = []

    // What the meter holds and what the pollers last read
    var meterValue: Watts?
    var polledGrid: (value: Watts?, at: Int, failed: Bool) = (nil, 0, true)
    var polledSockets: [SocketID: (power: Watts, at: Int)] = [:]
    var polledBattery: (power: Watts, at: Int)?

    var previous: SetpointDecision?
    /// Every decision with its time, for settling figures.
    var decisions: [(at: Int, decision: SetpointDecision)] = []

    init(timing: LoopTiming, seed: UInt64) {
        self.timing = timing
        rng = SplitMix64(seed: seed)
        settings = EnergySettings(
            socReservePercent: 30, socMinimumPercent: 10, socMaximumPercent: 90, safeCurrent: 6, minimumCurrent: 6,
            voltage: Self.voltage, headroom: 300, cycleDuration: .milliseconds(timing.controlPeriod),
            socketResponseTime: .seconds(5), batteryResponseTime: .seconds(2),
            meterLag: .milliseconds(1_000 + Self.meterLatency))
    }

    // MARK: Physics

    static func value<T>(_ writes: [(at: Int, value: T)], at time: Int) -> T {
        writes.last { $0.at <= time }?.value ?? writes[0].value
    }

    func socketPower(_ id: SocketID, at time: Int) -> Watts {
        guard carPresent[id] == true else { return .zero }
        let limit = Self.value(limitWrites[id] ?? [(0, 0)], at: time - timing.evseDelay)
        guard limit >= 6 else { return .zero }
        return Watts(current: min(limit, carMaxCurrent), phases: 3, voltage: Self.voltage)
    }

    func batteryPower(at time: Int) -> Watts {
        let setpoint = Self.value(batteryWrites, at: time - timing.batteryDelay)
        return min(max(setpoint, -10_000), batteryEmpty ? .zero : 10_000)
    }

    /// Import at the moment: base load + sockets − battery discharge.
    func trueImport(at time: Int) -> Watts {
        baseLoad + socketPower(1, at: time) + socketPower(2, at: time) - batteryPower(at: time)
    }

    mutating func apply(_ event: LoopEvent) {
        switch event {
        case .carArrives(let id): carPresent[id] = true
        case .carLeaves(let id): carPresent[id] = false
        case .baseLoadChanges(let by): baseLoad += by
        case .meterDropsOut: meterOut = true
        case .meterReturns: meterOut = false
        case .batteryRunsEmpty: batteryEmpty = true
        }
    }

    // MARK: The run

    /// Runs until `end` (ms), applying `events` at their times.
    mutating func run(until end: Int, events: [(at: Int, event: LoopEvent)]) {
        var pending = events.sorted { $0.at < $1.at }[...]
        let period = timing.controlPeriod
        let devicePoll = Self.rounded(Double(period) * timing.devicePollPhase)
        let meterPoll = Self.rounded(Double(period) * timing.meterPollPhase)
        while now <= end {
            while let next = pending.first, next.at <= now {
                apply(next.event)
                pending.removeFirst()
            }
            let current = trueImport(at: now)
            importSeries.append(current)
            if now % timing.meterInterval == 0 {
                let shown = importSeries[max(0, importSeries.count - 1 - Self.meterLatency / Self.tick)]
                meterValue = shown + Watts(rng.uniform(-50...50))
            }
            if now % period == devicePoll {
                for id in [SocketID(1), 2] {
                    polledSockets[id] = (socketPower(id, at: now) + Watts(rng.uniform(-20...20)), now)
                }
                polledBattery = (batteryPower(at: now), now)
            }
            if now % period == meterPoll {
                polledGrid = meterOut ? (polledGrid.value, polledGrid.at, true) : (meterValue, now, false)
            }
            if now % period == 0 { control() }
            now += Self.tick
        }
    }

    private static func rounded(_ ms: Double) -> Int { Int((ms / Double(tick)).rounded(.down)) * tick }

    private mutating func control() {
        let sockets = [SocketID(1), 2].map { id in
            SocketDemand(
                id: id, phases: 3, maxCurrent: 32, state: carPresent[id] == true ? .charging : .idle,
                measuredPower: polledSockets[id]?.power, measuredAt: polledSockets[id].map { .milliseconds($0.at) })
        }
        let battery = BatteryState(
            soc: batteryEmpty ? 9 : 60, capacity: 100_000, maxChargePower: 10_000, maxDischargePower: 10_000,
            power: polledBattery?.power, quality: polledBattery == nil ? .failed : .fresh,
            measuredAt: polledBattery.map { .milliseconds($0.at) })
        let inputs = EnergyInputs(
            time: startTime.addingTimeInterval(Double(now) / 1000), gridPower: polledGrid.value,
            gridQuality: polledGrid.failed || polledGrid.value == nil ? .failed : .fresh, sockets: sockets, battery: battery,
            schedule: schedule, gridCap: gridCap, settings: settings, previous: previous,
            uptime: tellsReadingTimes ? .milliseconds(now) : nil, gridReadAt: .milliseconds(polledGrid.at))
        let decision = manager.decide(inputs)
        for id in [SocketID(1), 2] {
            let limit = decision.socketLimits[id] ?? .zero
            // Like stationd: whole amperes, nothing below the minimum.
            let written = limit >= 6 ? Amperes(limit.value.rounded(.down)) : .zero
            if limitWrites[id]?.last?.value != written { limitWrites[id, default: []].append((now, written)) }
        }
        let setpoint = Watts(decision.batteryPower.value.rounded())
        if batteryWrites.last?.value != setpoint { batteryWrites.append((now, setpoint)) }
        decisions.append((now, decision))
        previous = decision
    }
}
