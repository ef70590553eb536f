public import Foundation

/// The station's sockets, sessions, availability and reservations: a pure state machine.
///
/// Every mutation takes the time it happens at and returns the events it caused.
public struct Station: Sendable {
    public private(set) var sockets: [SocketID: SocketState]
    public private(set) var reservations: [Int: Reservation] = [:]
    /// The most recent availability changes, oldest first.
    public private(set) var audit: [AvailabilityChange] = []
    public let auditCapacity: Int
    /// How long a token authorised before plug-in stays valid.
    public var connectionTimeout: TimeInterval = 120
    private let makeSessionID: @Sendable (SocketID, Date) -> String

    public init(
        sockets: [SocketState], auditCapacity: Int = 1000,
        makeSessionID: @escaping @Sendable (SocketID, Date) -> String = { _, _ in UUID().uuidString.lowercased() }
    ) {
        self.sockets = Dictionary(uniqueKeysWithValues: sockets.map { ($0.id, $0) })
        self.auditCapacity = auditCapacity
        self.makeSessionID = makeSessionID
    }

    public var socketIDs: [SocketID] { sockets.keys.sorted() }

    // MARK: Readings

    /// Takes a socket controller's latest readings: pilot state, power, energy register and their quality.
    public mutating func observe(
        _ id: SocketID, pilot: ControlPilotState?, quality: ReadingQuality, power: Watts?, energy: WattHours?, at time: Date
    ) -> [StationEvent] {
        guard var socket = sockets[id] else { return [] }
        var events: [StationEvent] = []
        let wasConnected = socket.pilot?.vehicleConnected ?? false
        socket.controllerQuality = quality
        if quality == .fresh {
            socket.pilot = pilot
            socket.power = power
            if let energy { socket.energyRegister = energy }
        } else if quality == .failed {
            socket.power = nil
        }
        let connected = socket.pilot?.vehicleConnected ?? false
        if quality == .fresh {
            if socket.sessionRestored {
                socket.sessionRestored = false
                if !connected { events += endSession(&socket, reason: .evDisconnected, at: time) }
            } else if wasConnected && !connected {
                events += endSession(&socket, reason: .evDisconnected, at: time)
                socket.sessionEndedAwaitingUnplug = false
            } else if !wasConnected && connected {
                events += plugIn(&socket, at: time)
            }
        }
        socket.session?.record(meter: socket.energyRegister, power: socket.power)
        sockets[id] = socket
        return events + refreshStatus(id, at: time)
    }

    /// Puts back a session that was running when the station stopped (read from durable storage).
    ///
    /// It continues if the first fresh reading still shows its vehicle, and ends as `EVDisconnected` otherwise.
    /// No event: the session's start was reported when it happened.
    public mutating func restore(_ session: ChargingSession) {
        guard session.isActive, var socket = sockets[session.socket], socket.session == nil else { return }
        socket.session = session
        socket.sessionRestored = true
        sockets[session.socket] = socket
    }

    // MARK: Availability

    /// Records a source's vote on a socket; technician and safety disables stop a running session.
    public mutating func setAvailability(_ change: AvailabilityChange) -> [StationEvent] {
        guard var socket = sockets[change.socket] else { return [] }
        guard socket.availability.apply(change) else { return [] }
        appendAudit(change)
        var events: [StationEvent] = [.availabilityChanged(change)]
        if !change.enabled && change.source.interruptsSessions {
            let reason: ChargingSession.EndReason = change.source == .safety ? .emergencyStop : .local
            events += endSession(&socket, reason: reason, at: change.at)
        }
        // A free-vend socket back in service starts a session for the vehicle still plugged in.
        if change.enabled, !socket.isOutOfService, socket.session == nil, socket.authorization == .freeVend,
           socket.pilot?.vehicleConnected == true, reservation(on: socket.id) == nil {
            events += startSession(&socket, idTag: nil, at: change.at)
        }
        sockets[change.socket] = socket
        return events + refreshStatus(change.socket, at: change.at)
    }

    // MARK: Sessions

    /// Starts a session for `idTag` now if a vehicle is plugged in, or holds the authorisation until one is.
    public mutating func authorize(
        _ id: SocketID, idTag: String, at time: Date, sessionID: String? = nil
    ) throws(StationRefusal) -> [StationEvent] {
        guard var socket = sockets[id] else { throw StationRefusal(.unknownSocket, "no socket \(id)") }
        guard socket.session == nil else { throw StationRefusal(.occupied, "socket \(id) already has a session") }
        guard socket.status != .faulted else { throw StationRefusal(.faulted, "socket \(id) is faulted") }
        guard !socket.isOutOfService else { throw StationRefusal(.unavailable, "socket \(id) is unavailable") }
        var events: [StationEvent] = []
        if let reservation = reservation(on: id) {
            guard reservation.idTag == idTag else {
                throw StationRefusal(.reserved, "socket \(id) is reserved for another token")
            }
            reservations[reservation.id] = nil
            events.append(.reservationEnded(reservation, .used))
        }
        if socket.pilot?.vehicleConnected == true {
            events += startSession(&socket, idTag: idTag, at: time, sessionID: sessionID)
        } else {
            socket.pendingAuthorization = (idTag, time.addingTimeInterval(connectionTimeout))
        }
        sockets[id] = socket
        return events + refreshStatus(id, at: time)
    }

    /// Ends the socket's session (remote or local stop); the socket shows Finishing until unplugged.
    public mutating func stop(_ id: SocketID, reason: ChargingSession.EndReason, at time: Date) throws(StationRefusal) -> [StationEvent] {
        guard var socket = sockets[id] else { throw StationRefusal(.unknownSocket, "no socket \(id)") }
        guard socket.session != nil else { throw StationRefusal(.noSession, "socket \(id) has no session") }
        let events = endSession(&socket, reason: reason, at: time)
        sockets[id] = socket
        return events + refreshStatus(id, at: time)
    }

    /// The socket whose session has this id.
    public func socket(withSession sessionID: String) -> SocketID? {
        sockets.values.first { $0.session?.id == sessionID }?.id
    }

    // MARK: Reservations

    /// Holds an available socket for a token until `reservation.expiresAt`; the same id replaces its reservation.
    public mutating func reserve(_ reservation: Reservation, at time: Date) throws(StationRefusal) -> [StationEvent] {
        guard let socket = sockets[reservation.socket] else {
            throw StationRefusal(.unknownSocket, "no socket \(reservation.socket)")
        }
        // A reservation whose time is up but that the cycle has not expired yet holds nothing: the next
        // booking's reservation may start at the very instant the previous one ends.
        let other = self.reservation(on: reservation.socket).flatMap { $0.id == reservation.id ? nil : $0 }
        if let other, !other.isExpired(at: time) {
            throw StationRefusal(.occupied, "socket \(reservation.socket) is already reserved")
        }
        switch socket.status {
        case .faulted: throw StationRefusal(.faulted, "socket \(reservation.socket) is faulted")
        case .unavailable: throw StationRefusal(.unavailable, "socket \(reservation.socket) is unavailable")
        case .available, .reserved: break
        default: throw StationRefusal(.occupied, "socket \(reservation.socket) is in use")
        }
        guard !reservation.isExpired(at: time) else { throw StationRefusal(.rejected, "reservation already expired") }
        var events: [StationEvent] = []
        if let other {
            reservations[other.id] = nil
            events.append(.reservationEnded(other, .expired))
        }
        if let previous = reservations[reservation.id], previous.socket != reservation.socket {
            events.append(.reservationEnded(previous, .cancelled))
        }
        reservations[reservation.id] = reservation
        events.append(.reservationMade(reservation))
        return events + refreshStatus(reservation.socket, at: time)
    }

    public mutating func cancelReservation(_ id: Int, at time: Date) throws(StationRefusal) -> [StationEvent] {
        guard let reservation = reservations.removeValue(forKey: id) else {
            throw StationRefusal(.unknownReservation, "no reservation \(id)")
        }
        return [.reservationEnded(reservation, .cancelled)] + refreshStatus(reservation.socket, at: time)
    }

    public func reservation(on id: SocketID) -> Reservation? {
        reservations.values.first { $0.socket == id }
    }

    // MARK: Control

    /// Records the current the energy manager offers each socket this cycle.
    public mutating func offer(_ limits: [SocketID: Amperes], at time: Date) -> [StationEvent] {
        var events: [StationEvent] = []
        for (id, limit) in limits where sockets[id] != nil {
            sockets[id]?.offeredCurrent = limit
            events += refreshStatus(id, at: time)
        }
        return events
    }

    /// Expires reservations and pre-plug authorisations whose time has passed.
    public mutating func expire(at time: Date) -> [StationEvent] {
        var events: [StationEvent] = []
        for reservation in reservations.values.sorted(by: { $0.id < $1.id }) where reservation.isExpired(at: time) {
            reservations[reservation.id] = nil
            events.append(.reservationEnded(reservation, .expired))
            events += refreshStatus(reservation.socket, at: time)
        }
        for id in socketIDs {
            if let pending = sockets[id]?.pendingAuthorization, pending.until <= time {
                sockets[id]?.pendingAuthorization = nil
            }
        }
        return events
    }

    // MARK: Internals

    private mutating func plugIn(_ socket: inout SocketState, at time: Date) -> [StationEvent] {
        socket.sessionEndedAwaitingUnplug = false
        if let pending = socket.pendingAuthorization, pending.until > time {
            socket.pendingAuthorization = nil
            return startSession(&socket, idTag: pending.idTag, at: time)
        }
        socket.pendingAuthorization = nil
        guard socket.authorization == .freeVend, reservation(on: socket.id) == nil, !socket.isOutOfService else {
            return []
        }
        return startSession(&socket, idTag: nil, at: time)
    }

    private func startSession(
        _ socket: inout SocketState, idTag: String?, at time: Date, sessionID: String? = nil
    ) -> [StationEvent] {
        let session = ChargingSession(
            id: sessionID ?? makeSessionID(socket.id, time), socket: socket.id, idTag: idTag, startedAt: time,
            meterStart: socket.controllerQuality == .fresh ? socket.energyRegister : nil)
        socket.session = session
        socket.sessionEndedAwaitingUnplug = false
        return [.sessionStarted(session)]
    }

    private func endSession(_ socket: inout SocketState, reason: ChargingSession.EndReason, at time: Date) -> [StationEvent] {
        guard var session = socket.session else { return [] }
        session.record(meter: socket.energyRegister, power: nil)
        session.end(at: time, reason: reason)
        socket.session = nil
        socket.sessionEndedAwaitingUnplug = socket.pilot?.vehicleConnected ?? false
        return [.sessionEnded(session)]
    }

    private mutating func refreshStatus(_ id: SocketID, at time: Date) -> [StationEvent] {
        guard var socket = sockets[id] else { return [] }
        var conditions = socket.conditions
        conditions.reserved = reservation(on: id) != nil
        let status = SocketStateMachine.status(for: conditions)
        guard status != socket.status else { return [] }
        socket.status = status
        sockets[id] = socket
        return [.statusChanged(id, status, at: time)]
    }

    private mutating func appendAudit(_ change: AvailabilityChange) {
        audit.append(change)
        if audit.count > auditCapacity { audit.removeFirst(audit.count - auditCapacity) }
    }
}
