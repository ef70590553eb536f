import Foundation
import Scheduling

/// A calendar entry as the API shows it.
struct CalendarEntryView: Encodable {
    /// `booking` or `maintenance`.
    let kind: String
    let id: String
    let station: String
    let evseId: Int
    let start: String
    let end: String
    /// `scheduled`, `used`, `cancelled` or `released`.
    let status: String
    let version: Int
    let createdAt: String
    let bookedBy: String?
    let token: TokenView?
    let requirement: RequirementView?
    let technician: String?
    let reason: String?
    let usedAt: String?
    let releasedAt: String?
    let cancellation: CancellationView?

    init(_ entry: CalendarEntry) {
        let location = try? CalendarStore.location(of: entry.evse)
        kind = entry.isBooking ? "booking" : "maintenance"
        id = entry.id.rawValue
        station = location?.0 ?? entry.evse.rawValue
        evseId = location?.1 ?? 0
        start = StoredTime.text(entry.window.start)
        end = StoredTime.text(entry.window.end)
        status = CalendarStore.statusName(entry.status)
        version = entry.version
        createdAt = StoredTime.text(entry.createdAt)
        bookedBy = entry.booking?.bookedBy.description
        token = entry.booking.map { TokenView($0.token) }
        requirement = entry.booking.flatMap { $0.requirement == .any ? nil : RequirementView($0.requirement) }
        technician = entry.maintenance?.technician
        reason = entry.maintenance?.reason
        if case .used(let at) = entry.status { usedAt = StoredTime.text(at) } else { usedAt = nil }
        if case .released(let at) = entry.status { releasedAt = StoredTime.text(at) } else { releasedAt = nil }
        cancellation = entry.cancellation.map(CancellationView.init)
    }

    /// The OCPI Token fields a booking carries.
    struct TokenView: Encodable {
        let uid: String
        let type: String
        let contractId: String
        let emsp: String

        init(_ token: DriverToken) {
            uid = token.uid
            type = token.type.rawValue
            contractId = token.contractID
            emsp = token.emsp.rawValue
        }
    }

    struct RequirementView: Encodable {
        let standard: String?
        let powerType: String?
        let minPower: Double?

        init(_ requirement: ConnectorRequirement) {
            standard = requirement.standard?.rawValue
            powerType = requirement.powerType?.rawValue
            minPower = requirement.minimumPower?.value
        }
    }

    struct CancellationView: Encodable {
        let at: String
        let by: String
        let reason: String
        let displacedBy: String?

        init(_ cancellation: Cancellation) {
            at = StoredTime.text(cancellation.at)
            by = cancellation.by.description
            reason = cancellation.reason
            displacedBy = cancellation.displacedBy?.rawValue
        }
    }
}

/// What a write answers: the entry as stored, and the bookings a forced maintenance block cancelled.
struct CalendarChangeView: Encodable {
    let entry: CalendarEntryView
    let cancelledBookings: [CalendarEntryView]
}

/// A refused request: the calendar's reason, a code for programs, and the entry in the way if there is one.
struct CalendarRefusalView: Encodable {
    let error: String
    let refusal: String
    let conflictingEntry: CalendarEntryView?
}

/// A free span of an EVSE.
struct FreeSlotView: Encodable {
    let station: String
    let evseId: Int
    let start: String
    let end: String

    init(_ slot: FreeSlot) {
        let location = try? CalendarStore.location(of: slot.evse)
        station = location?.0 ?? slot.evse.rawValue
        evseId = location?.1 ?? 0
        start = StoredTime.text(slot.window.start)
        end = StoredTime.text(slot.window.end)
    }
}

/// An action the scheduler executed at a station, with the station's answer.
struct ExecutedActionView: Encodable {
    let actionId: String
    let kind: String
    let entry: String
    let station: String
    let evseId: Int
    let due: String
    let executedAt: String
    let outcome: String

    init(_ action: CalendarStore.ExecutedAction) {
        actionId = action.id.rawValue
        kind = action.kind
        entry = action.entry.rawValue
        station = action.station
        evseId = action.evse
        due = StoredTime.text(action.due)
        executedAt = StoredTime.text(action.executedAt)
        outcome = action.outcome
    }
}

/// An EVSE with its connectors, in OCPI's words.
struct EVSEView: Encodable {
    let station: String
    let evseId: Int
    let connectors: [ConnectorView]

    struct ConnectorView: Encodable {
        let id: Int
        let standard: String
        let format: String
        let powerType: String
        let maxVoltage: Int?
        let maxAmperage: Int?
        let maxElectricPower: Int

        init(_ connector: EVSEConnector) {
            id = connector.connector
            standard = connector.standard.rawValue
            format = connector.format.rawValue
            powerType = connector.powerType.rawValue
            maxVoltage = connector.maxVoltage
            maxAmperage = connector.maxAmperage
            maxElectricPower = connector.maxElectricPower
        }
    }

    /// The EVSEs these connectors belong to, by station and number.
    static func group(_ connectors: [EVSEConnector]) -> [EVSEView] {
        var views: [EVSEView] = []
        for connector in connectors {
            if let last = views.last, last.station == connector.station, last.evseId == connector.evse {
                views[views.count - 1] = EVSEView(station: last.station, evseId: last.evseId, connectors: last.connectors + [ConnectorView(connector)])
            } else {
                views.append(EVSEView(station: connector.station, evseId: connector.evse, connectors: [ConnectorView(connector)]))
            }
        }
        return views
    }
}
