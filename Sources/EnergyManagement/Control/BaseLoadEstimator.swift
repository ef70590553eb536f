import StationCore

/// Estimates the base load (everything behind the grid meter that the station does not control) from
/// readings that are coherent with the commands they could reflect.
///
/// A reading of the grid meter taken at `t` shows the devices as they were up to `meterLag` earlier; a
/// device that was given a new setpoint may take its response time to follow it. So grid − Σ socket
/// draw + battery power is a true sample of the base load only when every device's last command was
/// followed before the meter's window began and every device reading was taken after it had followed.
/// While some device is still following a step, the estimate is the larger of the last coherent sample
/// and a lower bound that assumes every device drew the most (battery: delivered the least) it could
/// have in that window; so a rising base load is seen at once, and a step in flight is never mistaken
/// for a change of the base load.
struct BaseLoadEstimator: Sendable {
    /// What the estimate says this cycle.
    struct Estimate {
        /// The base load the controller works with.
        var baseLoad: Watts
        /// The newest grid reading shows every device settled on its last command: steps that raise
        /// import may follow.
        var settled: Bool
    }

    /// The base load in use; it moves only when the evidence differs by more than the deadband.
    private(set) var current: Watts?
    /// Coherent samples of the last two distinct grid readings, oldest first.
    private var samples: [(at: Duration, value: Watts)] = []

    mutating func update(
        grid: Watts, sockets: [SocketDemand], inputs: EnergyInputs, log: CommandLog, now: Duration, settings: ControlSettings
    ) -> Estimate {
        let timing = ResponseTimes(inputs.settings)
        let gridAt = min(inputs.gridReadAt ?? now, now)
        var coherent = true
        var draw = Watts.zero
        var mostDraw = Watts.zero
        for socket in sockets {
            var present = SocketCandidate.presentDraw(socket, previous: inputs.previous, settings: settings)
            let history = log.sockets[socket.id]
            if let changed = history?.lastChange {
                if changed + timing.socket + timing.meterLag > gridAt { coherent = false }
                // A reading from before the EV followed its last limit (a charger reports only every few
                // seconds) counts for no more than that limit allows.
                if socket.measuredPower != nil, let at = socket.measuredAt, at < changed + timing.socket,
                    let limit = history?.current
                {
                    present = min(present, settings.power(Amperes(max(limit, 0)), phases: max(socket.phases, 0)))
                }
            }
            draw += present
            var most = present
            if let range = history?.range(over: (gridAt - timing.meterLag - timing.socket)...gridAt) {
                most = max(most, settings.power(Amperes(max(range.upperBound, 0)), phases: max(socket.phases, 0)))
            }
            mostDraw += most
        }
        let trusted = BatteryAssessment(inputs.battery, settings: inputs.settings).limits != nil
        let battery = BatteryAssessment.presentPower(inputs.battery, previous: inputs.previous, trusted: trusted)
        var leastBattery = battery
        if let state = inputs.battery {
            if let range = log.battery.range(over: (gridAt - timing.meterLag - timing.battery)...gridAt) {
                leastBattery = min(leastBattery, Watts(range.lowerBound))
            }
            if let changed = log.battery.lastChange {
                if changed + timing.battery + timing.meterLag > gridAt { coherent = false }
                if state.power != nil, let at = state.measuredAt, at < changed + timing.battery { coherent = false }
            }
        }
        let lowerBound = grid - mostDraw + leastBattery
        if coherent {
            let sample = grid - draw + battery
            if samples.last?.at == gridAt { samples.removeLast() }
            samples.append((gridAt, sample))
            if samples.count > 2 { samples.removeFirst() }
        }
        // The sample before the newest counts while it is within one meter lag of it: a device reading
        // may show a change (a car leaving) that the meter does not show yet.
        let newest = samples.last?.at ?? gridAt
        let recent = samples.filter { newest - $0.at <= timing.meterLag }.map(\.value)
        let evidence = max(recent.max() ?? lowerBound, lowerBound)
        let deadband = settings.headroom / 2
        if let current {
            if evidence > current + deadband || (coherent && evidence < current - deadband) { self.current = evidence }
        } else {
            current = evidence
        }
        return Estimate(baseLoad: current ?? evidence, settled: coherent)
    }

    /// Forgets the samples, e.g. after the grid reading could not be trusted.
    mutating func reset() {
        samples = []
        current = nil
    }
}

/// The settings' response times and meter lag, with garbage replaced by 0.
struct ResponseTimes {
    var socket: Duration
    var battery: Duration
    var meterLag: Duration

    init(_ settings: EnergySettings) {
        socket = max(settings.socketResponseTime, .zero)
        battery = max(settings.batteryResponseTime, .zero)
        meterLag = max(settings.meterLag, .zero)
    }

    /// How long commands must be remembered to bound what any reading could reflect.
    var horizon: Duration { max(socket, battery) + meterLag + .seconds(10) }
}
