import Foundation
import Scheduling

/// The OCPP call a calendar action becomes at its station (nil for a no-show release, which needs none).
enum StationCommand: Sendable, Hashable, CustomStringConvertible {
    /// ReserveNow: the booked token on the EVSE until `expiry`, under the booking's reservation id.
    case reserveNow(reservationID: Int, evse: Int, token: DriverToken, expiry: Date)
    /// CancelReservation of the booking's reservation.
    case cancelReservation(reservationID: Int)
    /// ChangeAvailability of one EVSE, Operative or Inoperative.
    case changeAvailability(evse: Int, operative: Bool)

    init?(_ action: CalendarAction) {
        let reservation = Self.reservationID(of: action.entry)
        switch action.kind {
        case .reserve(let token, let expiry):
            self = .reserveNow(reservationID: reservation, evse: action.stationEVSE, token: token, expiry: expiry)
        case .cancelReservation:
            self = .cancelReservation(reservationID: reservation)
        case .makeInoperative:
            self = .changeAvailability(evse: action.stationEVSE, operative: false)
        case .restore:
            self = .changeAvailability(evse: action.stationEVSE, operative: true)
        case .releaseNoShow:
            return nil
        }
    }

    /// The OCPP reservation id of a booking: the same for every version of it, so a re-reserve after a
    /// change replaces the station's reservation and a CancelReservation names it, also after a restart.
    ///
    /// FNV-1a (64 bits) of the entry id folded into 1...2^31-1. Two live bookings of one station sharing an
    /// id would need a collision among that station's few current bookings: about 1 in 10^9 for a handful.
    static func reservationID(of entry: EntryID) -> Int {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in entry.rawValue.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return Int(hash % 0x7fff_ffff) + 1
    }

    var description: String {
        switch self {
        case .reserveNow(let id, let evse, let token, let expiry):
            "ReserveNow \(id) EVSE \(evse) for \(token.uid) until \(expiry.formatted(.iso8601))"
        case .cancelReservation(let id): "CancelReservation \(id)"
        case .changeAvailability(let evse, let operative): "ChangeAvailability EVSE \(evse) \(operative ? "Operative" : "Inoperative")"
        }
    }
}
