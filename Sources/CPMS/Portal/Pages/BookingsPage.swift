import Foundation
import Scheduling

/// The Bookings page's view: one station's sockets (EVSEs), each a list by day of its bookings, maintenance
/// blocks and free slots; the maintenance form; what the signed-in role may do.
struct BookingsPage: Sendable {
    struct StationOption: Sendable {
        let id: String
        let selected: Bool
    }

    struct Socket: Sendable {
        let evse: Int
        let label: String
        let connectors: String
        let days: [Day]
    }

    struct Day: Sendable {
        let label: String
        let items: [Item]
        let isEmpty: Bool

        init(label: String, items: [Item]) {
            self.label = label
            self.items = items
            isEmpty = items.isEmpty
        }
    }

    /// One line of a socket's day: a booking, a maintenance block or a free slot.
    struct Item: Sendable {
        let kind: String
        let id: String
        let time: String
        let title: String
        let detail: String
        /// `scheduled`, `in use`, `cancelled`...; nil for a free slot.
        let status: String?
        let active: Bool
        /// A free slot's link that fills the maintenance form with it.
        let selectHref: String?
        /// The form that cancels the entry, when the role may.
        let cancel: CancelAction?
    }

    struct CancelAction: Sendable {
        let action: String
        let entry: String
        let label: String
        let csrf: String
        let station: String
        let date: String
        let view: String
    }

    /// The maintenance form (shown to roles that may schedule maintenance).
    struct MaintenanceForm: Sendable {
        struct SocketOption: Sendable {
            let value: Int
            let label: String
            let selected: Bool
        }

        let csrf: String
        let station: String
        let date: String
        let view: String
        let sockets: [SocketOption]
        let start: String
        let end: String
        let reason: String
        let slotStepMinutes: Int
        let socketError: String?
        let startError: String?
        let endError: String?
        let reasonError: String?
    }

    /// Why the calendar refused the block, with the entry in the way.
    struct Conflict: Sendable {
        let text: String
        let entry: String?
    }

    let stations: [StationOption]
    let station: String
    let date: String
    let view: String
    let isDay: Bool
    let isWeek: Bool
    let rangeLabel: String
    let previousHref: String
    let nextHref: String
    let todayHref: String
    let dayHref: String
    let weekHref: String
    let sockets: [Socket]
    let hasSockets: Bool
    let form: MaintenanceForm?
    let conflict: Conflict?
}

/// What the form says, as typed, with its problems by field.
struct MaintenanceFormInput: Sendable {
    var evse: Int?
    var start = ""
    var end = ""
    var reason = ""
    var errors: [String: String] = [:]
}

extension BookingsPage {
    /// Builds the page from the calendar's data for one station and range.
    static func build(
        station: String, stations: [String], connectors: [EVSEConnector], entries: [CalendarEntry], freeSlots: [FreeSlot],
        range: BookingsRange, now: Date, slotStep: TimeInterval, role: PortalRole, csrf: String,
        input: MaintenanceFormInput?, conflict: Conflict?
    ) -> BookingsPage {
        let date = BookingsRange.dayText(range.day)
        let view = range.kind.rawValue
        func href(_ range: BookingsRange, kind: BookingsRange.Kind? = nil) -> String {
            "/portal/bookings?" + query(["station": station, "date": BookingsRange.dayText(range.day), "view": (kind ?? range.kind).rawValue])
        }
        let evses = Array(Set(connectors.map(\.evse))).sorted()
        let mayCancelBookings = role.may(.cancelBookings), mayMaintain = role.may(.scheduleMaintenance)
        let sockets = evses.map { evse -> Socket in
            let own = connectors.filter { $0.evse == evse }
            let evseID = CalendarEVSE.id(station: station, evse: evse)
            let days = range.days.map { midnight -> Day in
                let dayEnd = midnight.addingTimeInterval(86_400)
                var timed: [(Date, Item)] = []
                for entry in entries where entry.evse == evseID && entry.window.start < dayEnd && midnight < entry.window.end {
                    timed.append((entry.window.start, item(
                        entry, day: midnight, now: now, csrf: csrf, station: station, date: date, view: view,
                        mayCancel: entry.isBooking ? mayCancelBookings : mayMaintain)))
                }
                for slot in freeSlots where slot.evse == evseID && slot.window.start < dayEnd && midnight < slot.window.end {
                    let start = max(slot.window.start, midnight), end = min(slot.window.end, dayEnd)
                    let select: String? = mayMaintain ? "/portal/bookings?" + query([
                        "station": station, "date": date, "view": view, "evse": String(evse),
                        "start": BookingsRange.timeText(start),
                        "end": BookingsRange.timeText(min(end, start.addingTimeInterval(max(3600, slotStep)))),
                    ]) + "#maintenance" : nil
                    timed.append((start, Item(
                        kind: "free", id: "", time: span(start, end, day: midnight), title: "Free",
                        detail: duration(end.timeIntervalSince(start)), status: nil, active: true, selectHref: select, cancel: nil)))
                }
                timed.sort { $0.0 < $1.0 }
                // A week names the year once, in the range above.
                return Day(label: dayLabel(midnight, withYear: range.kind == .day), items: timed.map(\.1))
            }
            return Socket(evse: evse, label: "Socket \(evse)", connectors: own.map(connectorText).joined(separator: " · "), days: days)
        }
        var form: MaintenanceForm?
        if mayMaintain, !evses.isEmpty {
            let input = input ?? MaintenanceFormInput()
            form = MaintenanceForm(
                csrf: csrf, station: station, date: date, view: view,
                sockets: evses.map { .init(value: $0, label: "Socket \($0)", selected: $0 == (input.evse ?? evses.first)) },
                start: input.start, end: input.end, reason: input.reason, slotStepMinutes: max(1, Int(slotStep / 60)),
                socketError: input.errors["evse"], startError: input.errors["start"], endError: input.errors["end"],
                reasonError: input.errors["reason"])
        }
        let last = range.days.last ?? range.start
        return BookingsPage(
            stations: stations.map { .init(id: $0, selected: $0 == station) }, station: station, date: date, view: view,
            isDay: range.kind == .day, isWeek: range.kind == .week,
            rangeLabel: range.kind == .day ? dayLabel(range.start) : "\(dayLabel(range.start)) – \(dayLabel(last))",
            previousHref: href(range.moved(by: -1)), nextHref: href(range.moved(by: 1)),
            todayHref: href(BookingsRange(kind: range.kind, day: now)),
            dayHref: href(range, kind: .day), weekHref: href(range, kind: .week),
            sockets: sockets, hasSockets: !sockets.isEmpty, form: form, conflict: conflict)
    }

    private static func item(
        _ entry: CalendarEntry, day: Date, now: Date, csrf: String, station: String, date: String, view: String, mayCancel: Bool
    ) -> Item {
        let status = statusText(entry.status)
        let cancellable = entry.status == .scheduled && entry.window.end > now
        let cancel: CancelAction? = mayCancel && cancellable ? CancelAction(
            action: entry.isBooking ? "/portal/bookings/cancel" : "/portal/bookings/maintenance/cancel", entry: entry.id.rawValue,
            label: entry.isBooking ? "Cancel booking" : "Cancel maintenance", csrf: csrf, station: station, date: date, view: view) : nil
        let time = span(entry.window.start, entry.window.end, day: day)
        if let booking = entry.booking {
            return Item(
                kind: "booking", id: entry.id.rawValue, time: time, title: "Booking",
                detail: "eMSP \(booking.token.emsp.rawValue) · token \(booking.token.uid) · by \(booking.bookedBy)",
                status: status, active: entry.holdsTime, selectHref: nil, cancel: cancel)
        }
        let maintenance = entry.maintenance
        return Item(
            kind: "maintenance", id: entry.id.rawValue, time: time, title: "Maintenance",
            detail: "\(maintenance?.reason ?? "") · \(maintenance?.technician ?? "")", status: status, active: entry.holdsTime,
            selectHref: nil, cancel: cancel)
    }

    /// `07:15–08:00`, with the date of an end or start outside `day`.
    static func span(_ start: Date, _ end: Date, day: Date) -> String {
        let dayEnd = day.addingTimeInterval(86_400)
        func clock(_ date: Date, inside: Bool) -> String {
            let text = PortalFormat.dateTime(date)
            return inside ? String(text.suffix(5)) : text
        }
        let endText = end == dayEnd ? "24:00" : clock(end, inside: end > day && end < dayEnd)
        return "\(clock(start, inside: start >= day && start < dayEnd))–\(endText)"
    }

    static func duration(_ seconds: TimeInterval) -> String {
        let minutes = Int(seconds / 60)
        if minutes < 60 { return "\(minutes) min" }
        return minutes % 60 == 0 ? "\(minutes / 60) h" : "\(minutes / 60) h \(minutes % 60) min"
    }

    static func statusText(_ status: CalendarEntry.Status) -> String {
        switch status {
        case .scheduled: "scheduled"
        case .used: "in use"
        case .cancelled(let cancellation): "cancelled by \(cancellation.by): \(cancellation.reason)"
        case .released: "released (no-show)"
        }
    }

    /// `Mon 7 Dec 2026`.
    static func dayLabel(_ midnight: Date, withYear: Bool = true) -> String {
        let names = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let dayNumber = Int((midnight.timeIntervalSince1970 / 86_400).rounded(.down))
        let text = BookingsRange.dayText(midnight).split(separator: "-")
        guard text.count == 3, let month = Int(text[1]), let day = Int(text[2]), (1...12).contains(month) else { return String(text.joined(separator: "-")) }
        let label = "\(names[((dayNumber + 3) % 7 + 7) % 7]) \(day) \(months[month - 1])"
        return withYear ? "\(label) \(text[0])" : label
    }

    static func connectorText(_ connector: EVSEConnector) -> String {
        let power = Double(connector.maxElectricPower) / 1000
        let kilowatts = power.rounded() == power ? String(Int(power)) : String(format: "%.1f", power)
        return "\(connector.standard.rawValue) \(connector.powerType.rawValue) \(kilowatts) kW"
    }

    static func query(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }
            .map { "\($0.key)=\($0.value.addingPercentEncoding(withAllowedCharacters: allowed) ?? "")" }.joined(separator: "&")
    }
}
