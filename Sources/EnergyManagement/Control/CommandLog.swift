import StationCore

/// The setpoints the manager gave each device and when they changed, so a reading can be checked against
/// the commands it could reflect.
struct CommandLog: Sendable {
    /// One device's commanded value over time: the changes of the recent past, oldest first.
    struct History: Sendable {
        var changes: [(at: Duration, value: Double)] = []

        var current: Double? { changes.last?.value }
        var lastChange: Duration? { changes.last?.at }

        /// The value in force at `time`, nil before the first command.
        func value(at time: Duration) -> Double? {
            changes.last { $0.at <= time }?.value
        }

        /// The smallest and largest value in force at any moment of `window`.
        func range(over window: ClosedRange<Duration>) -> ClosedRange<Double>? {
            var values = changes.filter { window.contains($0.at) }.map(\.value)
            if let start = value(at: window.lowerBound) { values.append(start) }
            guard let low = values.min(), let high = values.max() else { return nil }
            return low...high
        }

        mutating func record(_ value: Double, at time: Duration, keepingAfter horizon: Duration) {
            guard current != value else { return }
            changes.append((time, value))
            // Keep the last change before the horizon: it is the value in force at the horizon.
            while changes.count > 1, changes[1].at <= horizon { changes.removeFirst() }
        }
    }

    var sockets: [SocketID: History] = [:]
    var battery = History()

    /// Records a decision's setpoints as the commands in force from `time`.
    ///
    /// A socket without an EV draws nothing whatever its limit, so it is recorded at 0 A: the safe current
    /// that fail-safe gives an empty socket is no step to wait for, and an EV that arrives at a socket with a
    /// standing limit is a step from the moment it shows.
    mutating func record(_ decision: SetpointDecision, sockets demands: [SocketDemand], at time: Duration, horizon: Duration) {
        let keepAfter = time - horizon
        let empty = Set(demands.filter { $0.state == .idle }.map(\.id))
        for (id, limit) in decision.socketLimits {
            let drawable = empty.contains(id) ? 0 : limit.value
            sockets[id, default: History()].record(drawable, at: time, keepingAfter: keepAfter)
        }
        for id in sockets.keys where decision.socketLimits[id] == nil {
            sockets[id]?.record(0, at: time, keepingAfter: keepAfter)
        }
        battery.record(decision.batteryPower.value, at: time, keepingAfter: keepAfter)
    }
}
