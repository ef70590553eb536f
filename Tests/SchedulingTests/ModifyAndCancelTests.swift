import Foundation
import Scheduling
import Testing

@Suite struct ModifyAndCancelTests {
    @Test func aBookingMovesAndExtendsIntoFreeTimeWithANewVersion() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        let moved = try calendar.modify("B1", to: EntryChange(window: window(180, 240)), by: .emsp(greenCharge), now: at(10))
        #expect(moved.saved.first?.window == window(180, 240))
        #expect(moved.saved.first?.version == 2)
        let extended = try calendar.modify("B1", to: EntryChange(window: window(180, 300)), by: .emsp(greenCharge), now: at(10))
        #expect(extended.saved.first?.version == 3)
        _ = try calendar.book(bookingRequest("B2", window(60, 180)), now: at(10))
        #expect(calendar.holdingEntries(of: "E1").map(\.id) == ["B2", "B1"])
    }

    @Test func aRefusedModificationChangesNothing() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.book(bookingRequest("B2", window(180, 240)), now: at(0))
        let before = calendar.entries
        let refused = refusal { try calendar.modify("B1", to: EntryChange(window: window(60, 195)), by: .emsp(greenCharge), now: at(0)) }
        #expect(refused == .conflict(with: "B2", window: window(180, 240), isMaintenance: false))
        #expect(calendar.entries == before)
        let unsuitable = refusal {
            try calendar.modify("B1", to: EntryChange(window: window(60, 120), evse: "E9"), by: .emsp(greenCharge), now: at(0))
        }
        #expect(unsuitable == .unknownEVSE("E9"))
        #expect(calendar.entries == before)
        // The booking does not conflict with itself: shrinking it in place is fine.
        _ = try calendar.modify("B1", to: EntryChange(window: window(75, 120)), by: .emsp(greenCharge), now: at(0))
    }

    @Test func aBookingMovesToAnotherSuitableEVSEOnly() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", "E1", window(60, 120), requirement: .init(standard: .type2)), now: at(0))
        let refused = refusal { try calendar.modify("B1", to: EntryChange(window: window(60, 120), evse: "E2"), by: .admin("ops"), now: at(0)) }
        #expect(refused == .unsuitable("E2", ConnectorRequirement(standard: .type2)))
        _ = try calendar.modify("B1", to: EntryChange(window: window(60, 120), evse: "E3"), by: .admin("ops"), now: at(0))
        #expect(calendar.holdingEntries(of: "E1").isEmpty)
        #expect(calendar.holdingEntries(of: "E3").map(\.id) == ["B1"])
    }

    @Test func theChangeDeadlineBindsTheEMSPButNotAnAdmin() throws {
        var calendar = try calendar(changeDeadline: 60 * 60)
        _ = try calendar.book(bookingRequest("B1", window(120, 180)), now: at(0))
        _ = try calendar.modify("B1", to: EntryChange(window: window(120, 195)), by: .emsp(greenCharge), now: at(60))
        let late = refusal { try calendar.modify("B1", to: EntryChange(window: window(120, 210)), by: .emsp(greenCharge), now: at(61)) }
        #expect(late == .afterChangeDeadline("B1", deadline: at(60)))
        _ = try calendar.modify("B1", to: EntryChange(window: window(120, 210)), by: .admin("ops"), now: at(61))
    }

    @Test func theCancelDeadlineBindsTheEMSPButNotAnAdmin() throws {
        var calendar = try calendar(cancelDeadline: 30 * 60)
        _ = try calendar.book(bookingRequest("B1", window(120, 180)), now: at(0))
        _ = try calendar.book(bookingRequest("B2", "E2", window(120, 180)), now: at(0))
        #expect(refusal { try calendar.cancel("B1", by: .emsp(greenCharge), reason: "plans changed", now: at(91)) } == .afterCancelDeadline("B1", deadline: at(90)))
        let own = try calendar.cancel("B2", by: .emsp(greenCharge), reason: "plans changed", now: at(90))
        #expect(own.cancellations.isEmpty)
        let byAdmin = try calendar.cancel("B1", by: .admin("ops"), reason: "site closed", now: at(91))
        #expect(byAdmin.saved.first?.cancellation?.reason == "site closed")
        #expect(byAdmin.cancellations.map(\.booking) == ["B1"])
        #expect(byAdmin.cancellations.first?.token.emsp == greenCharge)
        #expect(calendar.holdingEntries(of: "E1").isEmpty)
    }

    @Test func aCancelledBookingFreesItsTimeAndCannotChangeAgain() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.cancel("B1", by: .emsp(greenCharge), reason: "plans changed", now: at(0))
        _ = try calendar.book(bookingRequest("B2", window(60, 120)), now: at(0))
        #expect(refusal { try calendar.cancel("B1", by: .emsp(greenCharge), reason: "again", now: at(0)) } != nil)
        #expect(refusal { try calendar.modify("B1", to: EntryChange(window: window(180, 240)), by: .admin("ops"), now: at(0)) } != nil)
        #expect(calendar.entry("B1")?.version == 2)
    }

    @Test func onlyTheOwnEMSPOrAnAdminChangesABooking() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        #expect(refusal { try calendar.cancel("B1", by: .emsp(voltApp), reason: "x", now: at(0)) } != nil)
        #expect(refusal { try calendar.modify("B1", to: EntryChange(window: window(60, 135)), by: .technician("Kim"), now: at(0)) } != nil)
        #expect(refusal { try calendar.cancel("B1", by: .emsp(greenCharge), reason: "  ", now: at(0)) } == .missingReason("a cancellation"))
        #expect(calendar.entry("B1")?.status == .scheduled)
    }

    @Test func aStartedEntryOnlyMovesItsEnd() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        #expect(refusal { try calendar.modify("B1", to: EntryChange(window: window(75, 135)), by: .admin("ops"), now: at(70)) } == .alreadyStarted("B1"))
        #expect(refusal { try calendar.modify("B1", to: EntryChange(window: window(60, 60 + 15)), by: .admin("ops"), now: at(80)) } == .endsInThePast(at(75), now: at(80)))
        _ = try calendar.modify("B1", to: EntryChange(window: window(60, 150)), by: .admin("ops"), now: at(70))
        #expect(refusal { try calendar.modify("B1", to: EntryChange(window: window(60, 180)), by: .admin("ops"), now: at(150)) } == .alreadyOver("B1"))
    }

    @Test func aStaleVersionIsRefused() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.modify("B1", to: EntryChange(window: window(60, 135)), by: .emsp(greenCharge), now: at(0), expectedVersion: 1)
        let stale = refusal { try calendar.modify("B1", to: EntryChange(window: window(60, 150)), by: .emsp(greenCharge), now: at(0), expectedVersion: 1) }
        #expect(stale == .staleVersion("B1", expected: 1, current: 2))
        #expect(refusal { try calendar.cancel("B1", by: .emsp(greenCharge), reason: "x", now: at(0), expectedVersion: 1) } != nil)
    }
}
