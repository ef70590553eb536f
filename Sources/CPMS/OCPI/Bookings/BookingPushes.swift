public import Foundation
import Logging
public import OCPI
public import Scheduling
public import SQLKit

/// Keeps each eMSP's Bookings in step with the calendar: told of every change the calendar stores, it updates the
/// changed entries' OCPI Bookings and enqueues their PUT to the owning eMSP, in the calendar's own transaction.
///
/// A change made for an eMSP's request (the request in flight, `BookingInFlight.current`) also answers that
/// request (ACCEPTED) and, for a new booking, stores it. Any other change (a technician's maintenance, a no-show
/// release, the booked token starting to charge, an admin's edit) changes only the reservation status. A change
/// that leaves a Booking as it was (an action executed at the station) pushes nothing.
public struct BookingPushes: CalendarChangeListener {
    let queue: OCPIPushQueue

    public init(queue: OCPIPushQueue) {
        self.queue = queue
    }

    public func storing(_ change: CalendarChange, on connection: any SQLDatabase, at time: Date) async throws {
        for entry in change.saved where entry.isBooking {
            let inFlight = BookingInFlight.current.flatMap { $0.booking.id == entry.id.rawValue ? $0 : nil }
            let stored = try await BookingStore.booking(id: entry.id.rawValue, on: connection)
            guard let base = inFlight?.booking ?? stored?.booking, let emsp = inFlight?.emsp ?? stored?.emsp else { continue }
            let updated = BookingStatusMapping.updated(base, by: entry, answering: inFlight?.request, at: time)
            if let stored, !BookingStatusMapping.differs(stored.booking, updated) { continue }
            let party = inFlight.map { ($0.request.countryCode, $0.request.partyID) } ?? ("", "")
            try await BookingStore.save(updated, emsp: emsp, requestParty: party, isNew: stored == nil, on: connection, at: time)
            try await OCPIPushQueue.enqueue([try BookingStore.push(updated)], for: [emsp], on: connection, at: time)
        }
    }

    public func stored(_ change: CalendarChange) async {
        if change.saved.contains(where: \.isBooking) { queue.wake() }
    }
}

/// The eMSP request the calendar is carrying out in this task, so `BookingPushes` can answer it with the change.
public struct BookingInFlight: Sendable {
    /// The Booking with the request PENDING in it.
    public var booking: Booking
    public var request: OCPI.BookingRequest
    /// The eMSP platform (`ocpi_parties.name`).
    public var emsp: String

    @TaskLocal public static var current: BookingInFlight?
}
