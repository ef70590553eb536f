import StationCore

/// Orders a decision's steps so that no transient adds import: steps that lower import (a socket limit
/// down, more battery discharge or less charge) go out at once; steps that raise it wait until every
/// earlier step has settled and no lowering step goes out in the same cycle.
///
/// So when the battery and the sockets both rise, the battery goes first and the sockets follow once the
/// meter shows the battery's new power; a socket that gives current to another does so before the other
/// takes it.
enum StepSequencer {
    /// `batteryTrusted` false: the battery goes to its target at once (an untrusted battery must idle).
    /// `empty`: sockets without an EV, whose limits change nothing at the meter and so are no steps.
    static func sequence(
        _ target: SetpointDecision, previous: SetpointDecision?, settled: Bool, batteryTrusted: Bool,
        empty: Set<SocketID> = []
    ) -> SetpointDecision {
        guard let previous else { return target }
        let tolerance = 1e-6
        var lowering = false
        var raising = false
        for (id, limit) in target.socketLimits where !empty.contains(id) {
            let before = previous.socketLimits[id] ?? .zero
            if limit.value < before.value - tolerance { lowering = true }
            if limit.value > before.value + tolerance { raising = true }
        }
        let holdsBattery = batteryTrusted && previous.batteryPower.value.isFinite
        if holdsBattery, target.batteryPower.value > previous.batteryPower.value + tolerance { lowering = true }
        if holdsBattery, target.batteryPower.value < previous.batteryPower.value - tolerance { raising = true }
        guard raising, !settled || lowering else { return target }

        var held = target
        for (id, limit) in target.socketLimits {
            let before = previous.socketLimits[id] ?? .zero
            if limit > before { held.socketLimits[id] = before }
        }
        if holdsBattery, target.batteryPower < previous.batteryPower {
            held.batteryPower = previous.batteryPower
        }
        let why = lowering ? "a step that lowers import goes first" : "the last step is still settling"
        held.reasons.append(DecisionReason(.stepHeld, "steps that raise import held: \(why)"))
        return held
    }
}

extension SetpointDecision {
    /// Every socket of `decision` at 0 A and the battery idle: what devices do before the first command.
    static func idle(_ decision: SetpointDecision) -> SetpointDecision {
        SetpointDecision(socketLimits: decision.socketLimits.mapValues { _ in .zero }, batteryPower: .zero, mode: .normal, reasons: [])
    }
}
