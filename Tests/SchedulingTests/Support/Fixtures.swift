import Foundation
import Scheduling
import StationCore
import Testing

/// Monday 2026-06-01 00:00 UTC, on every slot boundary.
let midnight = Date(timeIntervalSince1970: 1_780_272_000)

/// `minutes` after midnight.
func at(_ minutes: Int) -> Date { midnight.addingTimeInterval(TimeInterval(minutes * 60)) }

/// [from, to) in minutes after midnight.
func window(_ from: Int, _ to: Int) -> TimeWindow { TimeWindow(start: at(from), end: at(to)) }

let greenCharge: EMSPParty = "NL*GCH"
let voltApp: EMSPParty = "DE*VLT"

func token(_ uid: String = "04A1B2C3", emsp: EMSPParty = greenCharge) -> DriverToken {
    DriverToken(uid: uid, type: .rfid, contractID: "\(emsp)-C-\(uid)", emsp: emsp)
}

/// Station S1: E1 a 22 kW Type 2, E2 a 150 kW CCS2 + CHAdeMO; station S2: E3 an 11 kW Type 2.
let stationEVSEs = [
    EVSEDescription(id: "E1", station: "S1", stationEVSE: 1, connectors: [.init(standard: .type2, powerType: .ac3Phase, maxPower: 22_000)]),
    EVSEDescription(
        id: "E2", station: "S1", stationEVSE: 2,
        connectors: [.init(standard: .ccs2, powerType: .dc, maxPower: 150_000), .init(standard: .chademo, powerType: .dc, maxPower: 50_000)]),
    EVSEDescription(id: "E3", station: "S2", stationEVSE: 1, connectors: [.init(standard: .type2, powerType: .ac3Phase, maxPower: 11_000)]),
]

func calendar(
    gap: TimeInterval = 0, changeDeadline: TimeInterval = 0, cancelDeadline: TimeInterval = 0, noShow: TimeInterval? = 15 * 60
) throws -> BookingCalendar {
    try BookingCalendar(
        settings: CalendarSettings(
            turnaroundGap: gap, terms: BookingTerms(changeDeadline: changeDeadline, cancelDeadline: cancelDeadline, noShowTimeout: noShow)),
        evses: stationEVSEs)
}

func bookingRequest(
    _ id: EntryID, _ window: TimeWindow, by emsp: EMSPParty = greenCharge, requirement: ConnectorRequirement = .any
) -> BookingRequest {
    bookingRequest(id, "E1", window, by: emsp, requirement: requirement)
}

func bookingRequest(
    _ id: EntryID, _ evse: EVSEID, _ window: TimeWindow, by emsp: EMSPParty = greenCharge,
    requirement: ConnectorRequirement = .any
) -> BookingRequest {
    BookingRequest(id: id, evse: evse, window: window, by: .emsp(emsp), token: token(emsp: emsp), requirement: requirement)
}

func maintenanceRequest(_ id: EntryID, _ window: TimeWindow, force: Bool = false) -> MaintenanceRequest {
    maintenanceRequest(id, "E1", window, force: force)
}

func maintenanceRequest(_ id: EntryID, _ evse: EVSEID, _ window: TimeWindow, force: Bool = false) -> MaintenanceRequest {
    MaintenanceRequest(id: id, evse: evse, window: window, by: .technician("Kim"), reason: "replace the cable", force: force)
}

/// The refusal a throwing call ends with, or nil when it succeeded.
func refusal<T>(_ body: () throws -> T) -> CalendarRefusal? {
    do {
        _ = try body()
        return nil
    } catch let refusal as CalendarRefusal {
        return refusal
    } catch {
        Issue.record("not a CalendarRefusal: \(error)")
        return nil
    }
}
