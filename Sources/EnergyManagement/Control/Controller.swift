import StationCore

/// One control cycle: inputs and the current plan in, setpoints and reasons out.
///
/// Sign conventions: grid power positive = import; battery power positive = discharge (it lowers import);
/// socket power positive = consumption. So base load = grid − Σ socket draw + battery power, and the
/// import the decision leads to is base load + Σ socket limit × phases × voltage − battery setpoint.
struct Controller {
    let inputs: EnergyInputs
    let plan: BatteryPlan?
    let settings: ControlSettings
    let battery: BatteryAssessment
    /// Sockets by first occurrence of their id; a repeated id is ignored.
    let sockets: [SocketDemand]
    /// The base load to control on; nil = grid − Σ socket draw + battery power from this cycle's readings.
    let estimatedBaseLoad: Watts?

    init(inputs: EnergyInputs, plan: BatteryPlan?, baseLoad: Watts? = nil) {
        self.inputs = inputs
        self.plan = plan
        estimatedBaseLoad = baseLoad
        settings = ControlSettings(inputs.settings)
        battery = BatteryAssessment(inputs.battery, settings: inputs.settings)
        var seen = Set<SocketID>()
        sockets = inputs.sockets.filter { seen.insert($0.id).inserted }
    }

    func decide() -> SetpointDecision {
        switch FailSafe.checkGrid(inputs, settings: settings) {
        case .untrusted(let reason):
            return FailSafe.decision(
                sockets: sockets, settings: settings, reason: reason, batteryReasons: battery.reason.map { [$0] } ?? [])
        case .trusted(let power, let cap):
            return control(grid: power, cap: cap)
        }
    }

    private func control(grid: Watts, cap: Watts) -> SetpointDecision {
        var reasons = battery.reason.map { [$0] } ?? []
        let previous = inputs.previous
        let batteryNow = BatteryAssessment.presentPower(inputs.battery, previous: previous, trusted: battery.limits != nil)
        let draw = sockets.reduce(Watts.zero) { $0 + SocketCandidate.presentDraw($1, previous: previous, settings: settings) }
        let baseLoad = estimatedBaseLoad ?? (grid - draw + batteryNow)
        let candidates = sockets.compactMap { SocketCandidate($0, previous: previous, settings: settings) }
        let demand = candidates.reduce(Watts.zero) { $0 + settings.power($1.cap, phases: $1.phases) }
        let limit = cap - settings.headroom
        let step = plan?.step(at: inputs.time)
        let overload = max(.zero, baseLoad + demand - limit)

        var offered = Watts.zero
        var arbitrage = Watts.zero
        if let limits = battery.limits {
            let dispatch = BatteryDispatch(limits: limits, settings: settings)
            let shaving = overload > .zero ? min(overload, dispatch.dischargeAvailable(floor: limits.minimum)) : .zero
            if overload > .zero, limits.soc <= limits.minimum {
                reasons.append(DecisionReason(.socBound, "battery at minimum SoC \(Text.percent(limits.minimum)): cannot shave the peak"))
            }
            if case .discharge(let planned) = step?.intent {
                // Arbitrage covers the station's own consumption, never exports.
                arbitrage = min(planned, dispatch.dischargeAvailable(floor: limits.reserve), max(.zero, baseLoad + demand))
                if limits.soc <= limits.reserve {
                    reasons.append(DecisionReason(.socBound, "battery at reserve \(Text.percent(limits.reserve)): no discharge for price arbitrage"))
                }
            }
            offered = Ramp.limit(max(shaving, arbitrage), previous: previousBattery, ramp: settings.batteryRamp)
        }

        let share = FairShare(candidates, budget: limit - baseLoad + offered, settings: settings)
        // Sockets may have taken less than offered (a paused socket frees more than the deficit): the battery
        // then shaves only what keeps import at the line.
        let shaving = min(offered, max(.zero, baseLoad + share.allocated - limit))
        let discharge = min(offered, max(shaving, arbitrage))
        if shaving > .zero {
            reasons.append(DecisionReason(.peakShaving, "battery discharging \(Text.kW(shaving)) to keep grid import under cap \(Text.kW(cap))"))
        }
        if discharge > shaving, let step {
            reasons.append(DecisionReason(.dearSlot, "discharging battery \(Text.kW(discharge - shaving)): price \(Text.price(step.importPrice)) per kWh, a dear slot in the plan"))
        }
        reasons += socketReasons(share, cap: cap, baseLoad: baseLoad)

        var batteryPower = discharge
        if let limits = battery.limits, discharge == .zero, overload == .zero, case .charge(let planned) = step?.intent {
            let room = max(.zero, limit - baseLoad - share.allocated)
            let charge = charging(planned, room: room, limits: limits, price: step?.importPrice ?? 0, reasons: &reasons)
            batteryPower = Ramp.limit(-charge, previous: previousBattery, ramp: settings.batteryRamp)
        }

        var limits: [SocketID: Amperes] = [:]
        for socket in sockets { limits[socket.id] = share.limits[socket.id] ?? .zero }
        let mode: SetpointDecision.Mode =
            if battery.reason != nil { .failSafeBattery }
            else if share.curtailed { .curtailing }
            else if shaving > .zero { .peakShaving }
            else { .normal }
        return SetpointDecision(socketLimits: limits, batteryPower: batteryPower, mode: mode, reasons: reasons)
    }

    /// The charge power for a planned charge, within the SoC maximum, the inverter and the grid room left.
    private func charging(
        _ planned: Watts, room: Watts, limits: BatteryLimits, price: Double, reasons: inout [DecisionReason]
    ) -> Watts {
        guard limits.soc < limits.maximum else {
            reasons.append(DecisionReason(.socBound, "battery at maximum SoC \(Text.percent(limits.maximum)): not charging"))
            return .zero
        }
        let available = BatteryDispatch(limits: limits, settings: settings).chargeAvailable()
        let wanted = min(planned, available)
        let charge = min(wanted, room)
        if charge < wanted {
            reasons.append(DecisionReason(.chargeLimitedByCap, "battery charge limited to \(Text.kW(charge)) of \(Text.kW(wanted)) by the grid cap"))
        }
        if charge > .zero {
            reasons.append(
                limits.soc < limits.reserve
                    ? DecisionReason(.reserveRecharge, "charging battery \(Text.kW(charge)) back to its reserve \(Text.percent(limits.reserve)): price \(Text.price(price)) per kWh")
                    : DecisionReason(.cheapSlot, "charging battery \(Text.kW(charge)): price \(Text.price(price)) per kWh, a cheap slot in the plan"))
        }
        return charge
    }

    private func socketReasons(_ share: FairShare, cap: Watts, baseLoad: Watts) -> [DecisionReason] {
        var reasons: [DecisionReason] = []
        let context = "cap \(Text.kW(cap)), base load \(Text.kW(baseLoad))"
        if let level = share.level {
            reasons.append(DecisionReason(.curtailed, "sockets curtailed to \(Text.amps(level)) each: \(context)"))
        }
        if !share.paused.isEmpty {
            let names = share.paused.map(\.description).joined(separator: ", ")
            reasons.append(DecisionReason(.socketsPaused, "sockets \(names) paused, the rest would get less than \(Text.amps(settings.minimumCurrent)): \(context)"))
        }
        return reasons
    }

    private var previousBattery: Watts {
        guard let power = inputs.previous?.batteryPower, power.value.isFinite else { return .zero }
        return power
    }
}
