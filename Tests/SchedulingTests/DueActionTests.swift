import Foundation
import Scheduling
import Testing

@Suite struct DueActionTests {
    @Test func aBookingIsReservedAtItsStartUntilItsNoShowTime() throws {
        var calendar = try calendar(noShow: 20 * 60)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        #expect(calendar.dueActions(at: at(59)).isEmpty)
        let due = calendar.dueActions(at: at(60))
        #expect(due.map(\.id) == ["reserve/B1/v1"])
        #expect(due.first?.kind == .reserve(token: token(), expiry: at(80)))
        #expect(due.first?.station == "S1")
        #expect(due.first?.stationEVSE == 1)
        _ = calendar.markExecuted(try #require(due.first))
        #expect(calendar.dueActions(at: at(70)).isEmpty)
    }

    @Test func withoutANoShowTimeoutTheReservationRunsToTheEnd() throws {
        var calendar = try calendar(noShow: nil)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        #expect(calendar.dueActions(at: at(60)).first?.kind == .reserve(token: token(), expiry: at(120)))
        #expect(calendar.dueActions(at: at(130)).isEmpty)
    }

    @Test func anUnusedBookingIsReleasedAtItsNoShowTimeAndFreesItsWindow() throws {
        var calendar = try calendar(noShow: 15 * 60)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = calendar.markExecuted(try #require(calendar.dueActions(at: at(60)).first))
        let due = calendar.dueActions(at: at(75))
        #expect(due.map(\.id) == ["release/B1"])
        let change = calendar.markExecuted(try #require(due.first))
        #expect(change.saved.first?.status == .released(at: at(75)))
        #expect(calendar.dueActions(at: at(90)).isEmpty)
        _ = try calendar.book(bookingRequest("B2", window(90, 120), by: voltApp), now: at(76))
    }

    @Test func aUsedBookingIsNotReleased() throws {
        var calendar = try calendar(noShow: 15 * 60)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = calendar.markExecuted(try #require(calendar.dueActions(at: at(60)).first))
        _ = try calendar.recordUse(of: "B1", at: at(70))
        #expect(calendar.dueActions(at: at(75)).isEmpty)
        #expect(calendar.dueActions(at: at(200)).isEmpty)
        #expect(refusal { try calendar.recordUse(of: "B1", at: at(71)) } != nil)
        #expect(calendar.holdingEntries(of: "E1").map(\.id) == ["B1"])
    }

    @Test func aReservedBookingCancelledLaterIsCancelledAtTheStation() throws {
        var calendar = try calendar(noShow: 30 * 60)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = calendar.markExecuted(try #require(calendar.dueActions(at: at(60)).first))
        _ = try calendar.cancel("B1", by: .admin("ops"), reason: "socket damaged", now: at(65))
        let due = calendar.dueActions(at: at(65))
        #expect(due.map(\.id) == ["cancel-reservation/B1"])
        #expect(due.first?.kind == .cancelReservation(reason: "socket damaged"))
    }

    @Test func aBookingCancelledBeforeItsStartOwesTheStationNothing() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.cancel("B1", by: .emsp(greenCharge), reason: "plans changed", now: at(30))
        #expect(calendar.dueActions(at: at(60)).isEmpty)
        #expect(calendar.dueActions(at: at(200)).isEmpty)
    }

    @Test func aBookingChangedAfterItsReservationIsReservedAgainWithTheNewExpiry() throws {
        var calendar = try calendar(noShow: nil)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = calendar.markExecuted(try #require(calendar.dueActions(at: at(60)).first))
        _ = try calendar.modify("B1", to: EntryChange(window: window(60, 150)), by: .admin("ops"), now: at(70))
        let due = calendar.dueActions(at: at(70))
        #expect(due.map(\.id) == ["reserve/B1/v2"])
        #expect(due.first?.kind == .reserve(token: token(), expiry: at(150)))
    }

    @Test func maintenanceTakesTheEVSEOutAtItsStartAndBackAtItsEnd() throws {
        var calendar = try calendar()
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M1", window(60, 120)), now: at(0))
        let start = calendar.dueActions(at: at(60))
        #expect(start.map(\.id) == ["inoperative/M1"])
        #expect(start.first?.kind == .makeInoperative(reason: "replace the cable"))
        _ = calendar.markExecuted(try #require(start.first))
        #expect(calendar.dueActions(at: at(119)).isEmpty)
        let end = calendar.dueActions(at: at(120))
        #expect(end.map(\.id) == ["restore/M1"])
        #expect(end.first?.due == at(120))
        _ = calendar.markExecuted(try #require(end.first))
        #expect(calendar.dueActions(at: at(500)).isEmpty)
    }

    @Test func maintenanceEndedEarlyRestoresAtOnceAndMaintenanceMissedEntirelyRestoresNothing() throws {
        var calendar = try calendar()
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M1", window(60, 120)), now: at(0))
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M2", "E2", window(60, 120)), now: at(0))
        _ = calendar.markExecuted(try #require(calendar.dueActions(at: at(60)).first { $0.entry == "M1" }))
        _ = try calendar.cancel("M1", by: .technician("Kim"), reason: "done early", now: at(80))
        // M2's start was never executed (cpms was down) and its end has passed.
        #expect(calendar.dueActions(at: at(130)).map(\.id) == ["restore/M1"])
        #expect(calendar.dueActions(at: at(130)).first?.due == at(80))
    }

    @Test func actionsAtTheSameInstantFreeTheSocketBeforeTakingIt() throws {
        var calendar = try calendar(noShow: nil)
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M1", window(60, 120)), now: at(0))
        _ = try calendar.book(bookingRequest("B1", window(120, 180)), now: at(0))
        _ = calendar.markExecuted(try #require(calendar.dueActions(at: at(60)).first))
        #expect(calendar.dueActions(at: at(120)).map(\.id) == ["restore/M1", "reserve/B1/v1"])
    }

    @Test func aRebuiltCalendarOffersNothingTwiceAndForgetsNothing() throws {
        var calendar = try calendar(noShow: 15 * 60)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M1", "E2", window(60, 120)), now: at(0))
        for action in calendar.dueActions(at: at(60)) { _ = calendar.markExecuted(action) }
        let rebuilt = try BookingCalendar(settings: calendar.settings, evses: stationEVSEs, entries: calendar.entries, executed: calendar.executed)
        #expect(rebuilt.dueActions(at: at(61)).isEmpty)
        #expect(rebuilt.dueActions(at: at(120)).map(\.id) == ["release/B1", "restore/M1"])
    }

    @Test func aReleaseExecutedButNotStoredIsAppliedOnRebuild() throws {
        var calendar = try calendar(noShow: 15 * 60)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        let stored = calendar.entries
        _ = calendar.markExecuted(try #require(calendar.dueActions(at: at(75)).first { $0.id == "release/B1" }))
        let rebuilt = try BookingCalendar(settings: calendar.settings, evses: stationEVSEs, entries: stored, executed: calendar.executed)
        #expect(rebuilt.entry("B1")?.status == .released(at: at(75)))
        #expect(rebuilt.holdingEntries(of: "E1").isEmpty)
    }

    @Test func overlappingStoredEntriesAreReportedNotLoaded() throws {
        var one = try calendar()
        _ = try one.book(bookingRequest("B1", window(60, 120)), now: at(0))
        var two = try calendar()
        _ = try two.book(bookingRequest("B2", window(90, 150)), now: at(0))
        let refused = refusal { try BookingCalendar(evses: stationEVSEs, entries: one.entries + two.entries) }
        guard case .inconsistentStore = refused else {
            Issue.record("expected an inconsistent store, got \(String(describing: refused))")
            return
        }
    }
}

@Suite struct NextActionTimeTests {
    @Test func theNextTimeIsTheEarliestStartExpiryOrEndStillAhead() throws {
        var calendar = try calendar(noShow: 20 * 60)
        #expect(calendar.nextActionTime(after: at(0)) == nil)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M1", "E3", window(30, 45)), now: at(0))
        #expect(calendar.nextActionTime(after: at(0)) == at(30))
        #expect(calendar.nextActionTime(after: at(30)) == at(45))
        #expect(calendar.nextActionTime(after: at(45)) == at(60))
        #expect(calendar.nextActionTime(after: at(60)) == at(80))
        #expect(calendar.nextActionTime(after: at(80)) == nil)
    }

    @Test func noActionBecomesDueBetweenNowAndTheNextTime() throws {
        var calendar = try calendar(noShow: 15 * 60)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.book(bookingRequest("B2", "E2", window(90, 150)), now: at(0))
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M1", "E3", window(75, 105)), now: at(0))
        var now = at(0)
        var offered = 0
        while let next = calendar.nextActionTime(after: now) {
            // Every minute strictly before `next` offers nothing new.
            var minute = now.addingTimeInterval(60)
            while minute < next {
                #expect(calendar.dueActions(at: minute).isEmpty, "\(minute)")
                minute = minute.addingTimeInterval(60)
            }
            for action in calendar.dueActions(at: next) {
                _ = calendar.markExecuted(action)
                offered += 1
            }
            now = next
        }
        // Two reservations, two no-show releases, one maintenance start and its end.
        #expect(offered == 6)
    }
}
