public import Foundation

/// Something the station model decided that others (log, uplink, OCPP) must hear about.
public enum StationEvent: Sendable, Hashable {
    case statusChanged(SocketID, SocketStatus, at: Date)
    case sessionStarted(ChargingSession)
    case sessionEnded(ChargingSession)
    case availabilityChanged(AvailabilityChange)
    case reservationMade(Reservation)
    case reservationEnded(Reservation, ReservationEnd)

    /// Why a reservation stopped holding its socket.
    public enum ReservationEnd: String, Sendable, Hashable, Codable {
        case used, cancelled, expired
    }
}

/// A request the station model refuses, with the reason in OCPP's terms.
public struct StationRefusal: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Reason: String, Sendable, Hashable {
        case unknownSocket, occupied, faulted, unavailable, reserved, rejected, unknownReservation, noSession
    }

    public let reason: Reason
    public let description: String

    public init(_ reason: Reason, _ description: String) {
        self.reason = reason
        self.description = description
    }
}
