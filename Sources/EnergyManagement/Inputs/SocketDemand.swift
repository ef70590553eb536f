public import StationCore

/// What one charging socket is doing this cycle and how much it could take.
public struct SocketDemand: Sendable, Hashable {
    /// The socket's charging state as far as energy management cares.
    public enum State: String, Sendable, Hashable, Codable {
        /// No EV plugged in: gets 0 A in normal control.
        case idle
        /// EV plugged in, not drawing (yet): gets a share, so it can start.
        case connected
        /// EV drawing current: gets a share.
        case charging
        /// Disabled (maintenance, fault, availability): always 0 A.
        case unavailable
    }

    public var id: SocketID
    /// Number of phases the socket charges on (1 or 3); anything below 1 makes the socket ineligible.
    public var phases: Int
    /// Hardware or cable maximum per phase.
    public var maxCurrent: Amperes
    public var state: State
    /// Active power the socket draws now; nil when its meter gave nothing this cycle.
    public var measuredPower: Watts?
    /// Current the EV asks for, when the charger reports it.
    public var requestedCurrent: Amperes?
    /// When `measuredPower` was read, on the clock of `EnergyInputs.uptime`.
    public var measuredAt: Duration?

    public init(
        id: SocketID,
        phases: Int,
        maxCurrent: Amperes,
        state: State,
        measuredPower: Watts? = nil,
        requestedCurrent: Amperes? = nil,
        measuredAt: Duration? = nil
    ) {
        self.id = id
        self.phases = phases
        self.maxCurrent = maxCurrent
        self.state = state
        self.measuredPower = measuredPower
        self.requestedCurrent = requestedCurrent
        self.measuredAt = measuredAt
    }
}
