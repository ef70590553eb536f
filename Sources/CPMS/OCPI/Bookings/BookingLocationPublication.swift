public import Foundation
public import OCPI
public import Scheduling

/// A published Location's EVSEs as BookingLocations, each with a calendar of its free timeslots. Pure.
///
/// One BookingLocation per EVSE: its `id` and `evse_uid` are the EVSE's uid, `location_id` the Location's id.
/// Its one calendar (`id` "free") spans `window` and lists the EVSE's free spans in it (the calendar's free slots:
/// turnaround gaps already left out), each with the smallest and largest connector power (W) as `min_power` and
/// `max_power`; `step_size` is the calendar's slot step in minutes. A fully booked EVSE has no calendar (a calendar
/// needs a timeslot). `last_updated` is the later of the EVSE's and its calendar's last change.
public enum BookingLocationPublication {
    /// The EVSE's free spans and when its calendar entries last changed.
    public struct EVSECalendar: Sendable, Equatable {
        public var free: [TimeWindow]
        public var lastChange: Date?

        public init(free: [TimeWindow], lastChange: Date?) {
            self.free = free
            self.lastChange = lastChange
        }
    }

    public static let calendarID = "free"

    public static func bookingLocations(
        _ location: Location, calendars: [String: EVSECalendar], window: TimeWindow, slotStep: TimeInterval, terms: OCPI.BookingTerms
    ) -> [BookingLocation] {
        (location.evses ?? []).map { evse in
            let calendar = calendars[evse.uid] ?? EVSECalendar(free: [], lastChange: nil)
            let powers = evse.connectors.compactMap { $0.maxElectricPower.map { Decimal($0) } }
            let slots = calendar.free.map {
                Timeslot(startFrom: OCPIDateTime($0.start), endBefore: OCPIDateTime($0.end), minPower: powers.min(), maxPower: powers.max())
            }
            let calendarUpdated = max(calendar.lastChange ?? evse.lastUpdated.date, evse.lastUpdated.date)
            let tariffs = Array(Set(evse.connectors.flatMap { $0.tariffIDs ?? [] })).sorted()
            return BookingLocation(
                countryCode: location.countryCode, partyID: location.partyID, id: evse.uid, locationID: location.id, evseUID: evse.uid,
                bookable: Bookable(reservationRequired: false), tariffIDs: tariffs.isEmpty ? nil : tariffs, bookingTerms: [terms],
                calendars: slots.isEmpty
                    ? nil
                    : [OCPI.BookingCalendar(
                        id: calendarID, beginFrom: OCPIDateTime(window.start), endBefore: OCPIDateTime(window.end),
                        stepSize: max(1, Int(slotStep / 60)), availableTimeslots: slots, lastUpdated: OCPIDateTime(calendarUpdated))],
                lastUpdated: OCPIDateTime(calendarUpdated))
        }
    }

    /// The station's EVSE number in a uid cpms made (`CC*PID*E<code>*<evse>`, `EVSEIdentity`); nil for another text.
    public static func evseNumber(uid: String) -> Int? {
        guard let last = uid.split(separator: "*", omittingEmptySubsequences: false).last, let number = Int(last), number > 0 else { return nil }
        return number
    }

    /// When an EVSE's calendar last changed: the latest creation, cancellation, release or use among its entries.
    public static func lastChange(of entries: [CalendarEntry]) -> Date? {
        entries.map { entry in
            switch entry.status {
            case .scheduled: entry.createdAt
            case .used(let at), .released(let at): max(at, entry.createdAt)
            case .cancelled(let cancellation): max(cancellation.at, entry.createdAt)
            }
        }.max()
    }
}
