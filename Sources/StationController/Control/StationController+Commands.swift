public import Foundation
public import StationCore

extension StationController {
    /// Holds a socket for a token until `expiresAt`; a charger's connector is reserved on the charger too.
    /// `replacing` names a reservation that this one replaces (the CSMS sent ReserveNow again with its id).
    @discardableResult
    public func reserve(
        _ id: SocketID, idTag: String, expiresAt: Date, replacing previous: Int? = nil
    ) async throws(StationRefusal) -> Reservation {
        let number: Int
        if let previous, station.reservations[previous] != nil {
            number = previous
        } else {
            reservationCounter += 1
            number = reservationCounter
        }
        let reservation = Reservation(id: number, socket: id, idTag: idTag, expiresAt: expiresAt)
        publish(try station.reserve(reservation, at: clock.wallTime))
        if let link = chargerLinks[id] {
            do {
                try await link.reserve(reservation)
            } catch {
                publish((try? station.cancelReservation(reservation.id, at: clock.wallTime)) ?? [])
                throw StationRefusal(.rejected, "\(error)")
            }
        }
        return reservation
    }

    /// Ends the reservation holding a socket.
    public func cancelReservation(on id: SocketID) async throws(StationRefusal) {
        guard let reservation = station.reservation(on: id) else {
            throw StationRefusal(.unknownReservation, "socket \(id) is not reserved")
        }
        if let link = chargerLinks[id] {
            do {
                try await link.cancelReservation(reservation.id)
            } catch {
                logger.warning("socket \(id): charger did not cancel reservation \(reservation.id): \(error)")
            }
        }
        publish(try station.cancelReservation(reservation.id, at: clock.wallTime))
    }

    /// Starts a session for a token the station accepts: now if a vehicle is plugged in, else when one is.
    ///
    /// A token the CSMS sends has been authorised there (`authorizedCentrally`); others must be on the local list.
    public func remoteStart(_ id: SocketID, idTag: String, authorizedCentrally: Bool = false) async throws(StationRefusal) {
        guard station.sockets[id] != nil else { throw StationRefusal(.unknownSocket, "no socket \(id)") }
        let verdict = authorizedCentrally ? .accepted : authorize(idTag: idTag)
        guard verdict == .accepted else { throw StationRefusal(.rejected, "token \(idTag) is \(verdict.rawValue)") }
        if let link = chargerLinks[id] {
            // The charger starts the transaction itself, with a token the local list may not hold.
            if authorizedCentrally {
                centralAuthorizations[id] = CentralAuthorization(
                    idTag: idTag, until: clock.wallTime.addingTimeInterval(station.connectionTimeout + 60))
            }
            do {
                try await link.remoteStart(idTag: idTag)
            } catch {
                centralAuthorizations[id] = nil
                throw StationRefusal(.rejected, "\(error)")
            }
            return
        }
        publish(try station.authorize(id, idTag: idTag, at: clock.wallTime))
    }

    /// Stops the socket's session.
    public func remoteStop(_ id: SocketID) async throws(StationRefusal) {
        guard let socket = station.sockets[id] else { throw StationRefusal(.unknownSocket, "no socket \(id)") }
        guard let session = socket.session else { throw StationRefusal(.noSession, "socket \(id) has no session") }
        if let link = chargerLinks[id] {
            do {
                try await link.remoteStop(sessionID: session.id)
            } catch {
                throw StationRefusal(.rejected, "\(error)")
            }
            return
        }
        publish(try station.stop(id, reason: .remote, at: clock.wallTime))
    }
}
