import Foundation
import Scheduling
import Testing

@Suite struct BookingTests {
    @Test func aBookingHoldsItsWindowAndReturnsTheRowToStore() throws {
        var calendar = try calendar()
        let change = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        #expect(change.saved.map(\.id) == ["B1"])
        #expect(change.saved.first?.version == 1)
        #expect(change.saved.first?.status == .scheduled)
        #expect(calendar.holdingEntries(of: "E1").map(\.id) == ["B1"])
    }

    @Test func anOverlappingBookingIsRefusedNamingTheEntryInTheWay() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        let refused = refusal { try calendar.book(bookingRequest("B2", window(105, 150), by: voltApp), now: at(0)) }
        #expect(refused == .conflict(with: "B1", window: window(60, 120), isMaintenance: false))
        #expect(refused?.reason.contains("booking B1") == true)
        #expect(calendar.entry("B2") == nil)
    }

    @Test func backToBackBookingsFitWithoutAGapButNotWithOne() throws {
        var noGap = try calendar()
        _ = try noGap.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try noGap.book(bookingRequest("B2", window(120, 180)), now: at(0))
        #expect(noGap.holdingEntries(of: "E1").map(\.id) == ["B1", "B2"])

        var withGap = try calendar(gap: 15 * 60)
        _ = try withGap.book(bookingRequest("B1", window(60, 120)), now: at(0))
        #expect(refusal { try withGap.book(bookingRequest("B2", window(120, 180)), now: at(0)) } != nil)
        #expect(refusal { try withGap.book(bookingRequest("B3", window(30, 60)), now: at(0)) } != nil)
        _ = try withGap.book(bookingRequest("B4", window(135, 180)), now: at(0))
        _ = try withGap.book(bookingRequest("B5", window(0, 45)), now: at(0))
    }

    @Test func startsAndEndsMustBeOnSlotBoundaries() throws {
        var calendar = try calendar()
        #expect(refusal { try calendar.book(bookingRequest("B1", window(61, 120)), now: at(0)) } == .notAligned(at(61), step: 900))
        #expect(refusal { try calendar.book(bookingRequest("B1", window(60, 110)), now: at(0)) } == .notAligned(at(110), step: 900))
        let fraction = TimeWindow(start: at(60).addingTimeInterval(0.5), end: at(120))
        #expect(refusal { try calendar.book(bookingRequest("B1", fraction), now: at(0)) } != nil)
        var fiveMinutes = try BookingCalendar(settings: CalendarSettings(slotStep: 300), evses: stationEVSEs)
        _ = try fiveMinutes.book(bookingRequest("B1", window(65, 110)), now: at(0))
    }

    @Test func emptyAndPastWindowsAreRefused() throws {
        var calendar = try calendar()
        #expect(refusal { try calendar.book(bookingRequest("B1", window(60, 60)), now: at(0)) } == .emptyWindow(window(60, 60)))
        #expect(refusal { try calendar.book(bookingRequest("B1", window(120, 60)), now: at(0)) } == .emptyWindow(window(120, 60)))
        #expect(refusal { try calendar.book(bookingRequest("B1", window(60, 120)), now: at(61)) } == .startsInThePast(at(60), now: at(61)))
    }

    @Test func aBookingFitsOnlyAnEVSEWhoseConnectorAndPowerSuitIt() throws {
        var calendar = try calendar()
        let ccs = ConnectorRequirement(standard: .ccs2)
        #expect(refusal { try calendar.book(bookingRequest("B1", "E1", window(60, 120), requirement: ccs), now: at(0)) } == .unsuitable("E1", ccs))
        _ = try calendar.book(bookingRequest("B1", "E2", window(60, 120), requirement: ccs), now: at(0))
        let fast = ConnectorRequirement(standard: .chademo, minimumPower: 100_000)
        #expect(refusal { try calendar.book(bookingRequest("B2", "E2", window(180, 240), requirement: fast), now: at(0)) } == .unsuitable("E2", fast))
        let ac = ConnectorRequirement(powerType: .ac3Phase, minimumPower: 22_000)
        _ = try calendar.book(bookingRequest("B3", "E1", window(60, 120), requirement: ac), now: at(0))
        #expect(refusal { try calendar.book(bookingRequest("B4", "E3", window(60, 120), requirement: ac), now: at(0)) } != nil)
    }

    @Test func unknownEVSEsDuplicateIdsAndStrangersAreRefused() throws {
        var calendar = try calendar()
        #expect(refusal { try calendar.book(bookingRequest("B1", "E9", window(60, 120)), now: at(0)) } == .unknownEVSE("E9"))
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        #expect(refusal { try calendar.book(bookingRequest("B1", "E2", window(60, 120)), now: at(0)) } == .duplicateEntry("B1"))
        let foreign = BookingRequest(id: "B2", evse: "E2", window: window(60, 120), by: .emsp(voltApp), token: token(emsp: greenCharge))
        #expect(refusal { try calendar.book(foreign, now: at(0)) } != nil)
        let technician = BookingRequest(id: "B3", evse: "E2", window: window(60, 120), by: .technician("Kim"), token: token())
        #expect(refusal { try calendar.book(technician, now: at(0)) } != nil)
        let admin = BookingRequest(id: "B4", evse: "E2", window: window(60, 120), by: .admin("ops"), token: token())
        _ = try calendar.book(admin, now: at(0))
    }

    @Test func settingsThatCannotWorkAreRefused() {
        #expect(refusal { try BookingCalendar(settings: CalendarSettings(slotStep: 0), evses: []) } != nil)
        #expect(refusal { try BookingCalendar(settings: CalendarSettings(slotStep: 90.5), evses: []) } != nil)
        #expect(refusal { try BookingCalendar(settings: CalendarSettings(turnaroundGap: -60), evses: []) } != nil)
        #expect(refusal { try BookingCalendar(settings: CalendarSettings(terms: BookingTerms(noShowTimeout: 0)), evses: []) } != nil)
        #expect(refusal { try BookingCalendar(settings: CalendarSettings(terms: BookingTerms(changeDeadline: .nan)), evses: []) } != nil)
        #expect(refusal { try BookingCalendar(settings: CalendarSettings(slotStep: .infinity), evses: []) } != nil)
        #expect(refusal { try BookingCalendar(settings: CalendarSettings(turnaroundGap: .infinity), evses: []) } != nil)
        #expect(refusal { try BookingCalendar(settings: CalendarSettings(terms: BookingTerms(noShowTimeout: .infinity)), evses: []) } != nil)
    }
}
