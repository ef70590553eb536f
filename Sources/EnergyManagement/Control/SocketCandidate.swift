import StationCore

/// A socket that may get current this cycle, with the most it may get.
struct SocketCandidate {
    var id: SocketID
    var phases: Int
    /// What the socket could take: its EV's request (raised to the minimum current) or its maximum.
    var demand: Amperes
    /// `demand`, lowered by the ramp limit; never below the minimum current.
    var cap: Amperes
    /// Had 0 A in the previous decision: paused first when there is not enough for everyone.
    var pausedBefore: Bool

    /// The candidate for `socket`, or nil when it gets 0 A whatever the budget: no EV, unavailable, no
    /// phases, or a maximum below the minimum current.
    init?(_ socket: SocketDemand, previous: SetpointDecision?, settings: ControlSettings) {
        guard socket.state == .charging || socket.state == .connected, socket.phases > 0,
            socket.maxCurrent.value.isFinite, socket.maxCurrent >= settings.minimumCurrent
        else { return nil }
        let requested = socket.requestedCurrent.flatMap { $0.value.isFinite ? $0 : nil }
        let demand = (requested ?? socket.maxCurrent).clamped(to: settings.minimumCurrent...socket.maxCurrent)
        let last = previous?.socketLimits[socket.id].flatMap { $0.value.isFinite ? max($0, .zero) : nil }
        id = socket.id
        phases = socket.phases
        self.demand = demand
        if let ramp = settings.socketRamp {
            cap = min(demand, max(settings.minimumCurrent, (last ?? .zero) + ramp))
        } else {
            cap = demand
        }
        pausedBefore = previous != nil && (last ?? .zero) == .zero
    }

    /// Power the socket is believed to draw now: its meter, else its previous limit while an EV is plugged in.
    static func presentDraw(_ socket: SocketDemand, previous: SetpointDecision?, settings: ControlSettings) -> Watts {
        if let measured = socket.measuredPower, measured.value.isFinite { return max(measured, .zero) }
        guard socket.state == .charging || socket.state == .connected, socket.phases > 0,
            let last = previous?.socketLimits[socket.id], last.value.isFinite
        else { return .zero }
        return settings.power(max(last, .zero), phases: socket.phases)
    }
}
