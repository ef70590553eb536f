public import OCPP
public import StationCore

/// Something a simulated charger did or heard, for the console and for tests.
public enum ChargerEvent: Sendable, Hashable, CustomStringConvertible {
    /// Opening the WebSocket, the `attempt`-th time.
    case connecting(attempt: Int)
    case connected(OCPPVersion)
    /// The BootNotification's answer: its status and the heartbeat interval.
    case booted(status: String, heartbeatInterval: Duration)
    case statusReported(connector: Int, ChargerConnectorStatus)
    case authorized(idTag: String, accepted: Bool)
    case transactionStarted(connector: Int, transactionID: String, accepted: Bool)
    case metered(connector: Int, energy: WattHours, power: Watts)
    case transactionStopped(connector: Int, transactionID: String, energy: WattHours)
    /// A charging profile arrived (connector 0: the whole charger); nil: a profile was cleared.
    case limitSet(connector: Int, current: Amperes?)
    case availabilitySet(connector: Int, operative: Bool)
    case heartbeat
    /// A call was answered with a CALLERROR, timed out or could not be sent.
    case callFailed(action: String, reason: String)
    case disconnected(reason: String)
    /// The next connection attempt waits this long.
    case reconnecting(after: Duration)

    public var description: String {
        switch self {
        case .connecting(let attempt): "connecting (attempt \(attempt))"
        case .connected(let version): "connected (\(version))"
        case .booted(let status, let interval): "BootNotification \(status), heartbeat every \(interval.inSeconds.formatted1) s"
        case .statusReported(let connector, let status): "connector \(connector): \(status.rawValue)"
        case .authorized(let idTag, let accepted): "Authorize \(idTag): \(accepted ? "accepted" : "refused")"
        case .transactionStarted(let connector, let id, let accepted):
            "connector \(connector): transaction \(id) \(accepted ? "started" : "refused")"
        case .metered(let connector, let energy, let power): "connector \(connector): \(energy), \(power)"
        case .transactionStopped(let connector, let id, let energy): "connector \(connector): transaction \(id) stopped at \(energy)"
        case .limitSet(let connector, let current): "connector \(connector): limit \(current.map(\.description) ?? "cleared")"
        case .availabilitySet(let connector, let operative): "connector \(connector): \(operative ? "operative" : "inoperative")"
        case .heartbeat: "Heartbeat"
        case .callFailed(let action, let reason): "\(action) failed: \(reason)"
        case .disconnected(let reason): "disconnected: \(reason)"
        case .reconnecting(let delay): "reconnecting in \(delay.inSeconds.formatted1) s"
        }
    }
}

extension OCPPError {
    /// Whether the call failed because the connection is gone (or the charger is stopping), not the peer.
    var losesConnection: Bool {
        switch self {
        case .closed, .cancelled, .transport: true
        case .callError, .timeout, .invalidResponse, .malformedResponse, .invalidRequest: false
        }
    }
}
