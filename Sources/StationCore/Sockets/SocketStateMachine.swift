/// Everything a socket's status is derived from, at one moment.
public struct SocketConditions: Sendable, Hashable {
    /// The pilot state, or nil when the controller could not be read.
    public var pilot: ControlPilotState?
    /// The controller itself reports a fault, or its data is stale or failed.
    public var deviceFault: Bool
    /// Every availability source agrees the socket may be used.
    public var enabled: Bool
    /// A reservation holds the socket.
    public var reserved: Bool
    /// A charging session is running.
    public var sessionActive: Bool
    /// A session ended while the vehicle is still plugged in.
    public var sessionEnded: Bool
    /// The current the station offers the vehicle now.
    public var offeredCurrent: Amperes

    public init(
        pilot: ControlPilotState?, deviceFault: Bool = false, enabled: Bool = true, reserved: Bool = false,
        sessionActive: Bool = false, sessionEnded: Bool = false, offeredCurrent: Amperes = 0
    ) {
        self.pilot = pilot
        self.deviceFault = deviceFault
        self.enabled = enabled
        self.reserved = reserved
        self.sessionActive = sessionActive
        self.sessionEnded = sessionEnded
        self.offeredCurrent = offeredCurrent
    }
}

/// Derives a socket's OCPP status from its conditions (IEC 61851 pilot states to OCPP statuses).
public enum SocketStateMachine {
    public static func status(for c: SocketConditions) -> SocketStatus {
        guard let pilot = c.pilot, !c.deviceFault, !pilot.isFault else { return .faulted }
        guard c.enabled else { return .unavailable }
        switch pilot {
        case .a:
            return c.reserved ? .reserved : .available
        case .b:
            if c.sessionActive { return c.offeredCurrent > .zero ? .suspendedEV : .suspendedEVSE }
            return c.sessionEnded ? .finishing : .preparing
        case .c, .d:
            if c.sessionActive { return c.offeredCurrent > .zero ? .charging : .suspendedEVSE }
            return c.sessionEnded ? .finishing : .preparing
        case .e, .f:
            return .faulted
        }
    }
}
