public import Foundation
public import OCPP
public import StationCore

/// One live OCPP connection with a charger, whatever the version.
public protocol ChargerSession: Sendable {
    var chargerID: String { get }
    var version: OCPPVersion { get }
    /// Answers an incoming text frame at once when it is a call with an immediate handler; otherwise the
    /// frame, parsed, is for `receive(_:)`. See `OCPPEndpoint.triage(_:)` for the order this relies on.
    func triage(_ text: String) -> FrameTriage
    /// Hands an incoming frame to the protocol endpoint, which answers in order.
    func receive(_ frame: IncomingFrame) async
    /// Parses an incoming text frame for `receive(_:)`.
    func parse(_ text: String) -> IncomingFrame
    /// Limits a connector (1.6 connectorId, 2.0.1 EVSE id) to `current` per phase; 0 pauses it.
    func setLimit(connector: Int, current: Amperes) async throws
    /// Puts a connector in or out of service.
    func setOperative(connector: Int, _ operative: Bool) async throws
    /// Holds a connector for a token until `expiresAt` (ReserveNow).
    func reserve(connector: Int, reservationID: Int, idTag: String, expiresAt: Date) async throws
    func cancelReservation(_ reservationID: Int) async throws
    /// Asks the charger to start a transaction for a token (RemoteStart / RequestStartTransaction).
    func remoteStart(connector: Int, idTag: String) async throws
    /// Asks the charger to stop the transaction of a connector (RemoteStop / RequestStopTransaction).
    func remoteStop(connector: Int, sessionID: String) async throws
    func close() async
    /// Registers the handlers for what the charger sends; the heartbeat interval goes in the boot answer.
    func start(heartbeatInterval: Duration) async
}

/// A charger refused what stationd asked.
public struct ChargerRefusal: Error, CustomStringConvertible, Sendable {
    public let description: String
}
