public import StationCore

/// A station socket that is a connector of an OCPP charger: how the controller drives it.
public protocol ChargerConnectorLink: Sendable {
    var socket: SocketID { get }
    /// Whether the charger is connected now.
    var isConnected: Bool { get async }
    /// Limits the connector to `current` per phase (0 pauses charging), as a charging profile.
    func offer(_ current: Amperes) async throws
    /// Puts the connector in or out of service (ChangeAvailability).
    func setOperative(_ operative: Bool) async throws
    /// Holds the connector for a token (ReserveNow).
    func reserve(_ reservation: Reservation) async throws
    func cancelReservation(_ reservationID: Int) async throws
    /// Asks the charger to start a transaction for a token.
    func remoteStart(idTag: String) async throws
    /// Asks the charger to stop the connector's transaction.
    func remoteStop(sessionID: String) async throws
}

/// The verdict on a token at the station.
public enum AuthorizationVerdict: String, Sendable, Hashable {
    case accepted = "Accepted"
    case blocked = "Blocked"
    case expired = "Expired"
    case invalid = "Invalid"
    case concurrentTx = "ConcurrentTx"
}

/// What the station says to a charger that reports a transaction start.
public struct ChargerTransactionStart: Sendable, Hashable {
    /// The transaction's number (OCPP 1.6 transactionId); also the station session's id.
    public let transactionNumber: Int
    public let verdict: AuthorizationVerdict
}
