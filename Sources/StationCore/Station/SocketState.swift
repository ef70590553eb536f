public import Foundation

/// How a socket's sessions get authorised.
public enum AuthorizationMode: String, Sendable, Hashable, Codable {
    /// Plugging in starts a session (no reader on the socket).
    case freeVend = "free"
    /// A session needs a token: a remote start from the CPMS or an id tag from the local list.
    case token
}

/// One socket's live state in the station model.
public struct SocketState: Sendable, Hashable {
    public let id: SocketID
    public let phases: Int
    public let maxCurrent: Amperes
    public let authorization: AuthorizationMode

    public internal(set) var pilot: ControlPilotState?
    public internal(set) var controllerQuality: ReadingQuality = .failed
    public internal(set) var power: Watts?
    public internal(set) var energyRegister: WattHours?
    public internal(set) var availability = SocketAvailability()
    public internal(set) var session: ChargingSession?
    /// A session restored after a restart waits for the first fresh reading to know if its vehicle stayed.
    public internal(set) var sessionRestored = false
    /// A session ended but the vehicle is still plugged in.
    public internal(set) var sessionEndedAwaitingUnplug = false
    /// A token authorised before the vehicle was plugged in, valid until the date.
    public internal(set) var pendingAuthorization: (idTag: String, until: Date)?
    public internal(set) var offeredCurrent: Amperes = .zero
    public internal(set) var status: SocketStatus = .faulted

    public init(id: SocketID, phases: Int, maxCurrent: Amperes, authorization: AuthorizationMode) {
        self.id = id
        self.phases = phases
        self.maxCurrent = maxCurrent
        self.authorization = authorization
    }

    /// Disabled, and the source that disabled it does not wait for sessions to end (or no session runs).
    public var isOutOfService: Bool {
        guard let source = availability.governingSource else { return false }
        return source.interruptsSessions || session == nil
    }

    /// Whether the socket may deliver energy now: the contactor may close and the EMS may offer current.
    public var mayCharge: Bool {
        session != nil && !isOutOfService && controllerQuality == .fresh && pilot?.isFault == false
    }

    var conditions: SocketConditions {
        SocketConditions(
            pilot: pilot, deviceFault: controllerQuality != .fresh, enabled: !isOutOfService,
            reserved: false, sessionActive: session != nil, sessionEnded: sessionEndedAwaitingUnplug,
            offeredCurrent: mayCharge ? offeredCurrent : .zero)
    }

    public static func == (lhs: SocketState, rhs: SocketState) -> Bool {
        lhs.id == rhs.id && lhs.status == rhs.status && lhs.session == rhs.session && lhs.pilot == rhs.pilot
            && lhs.availability == rhs.availability && lhs.offeredCurrent == rhs.offeredCurrent
            && lhs.power == rhs.power && lhs.energyRegister == rhs.energyRegister
            && lhs.controllerQuality == rhs.controllerQuality && lhs.pendingAuthorization?.idTag == rhs.pendingAuthorization?.idTag
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(status)
        hasher.combine(session)
    }
}
