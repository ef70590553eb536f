import Foundation
import Scheduling
import Testing

@Suite struct FreeSlotTests {
    @Test func theFreeTimeOfOneEVSEAroundItsEntries() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.scheduleMaintenance(maintenanceRequest("M1", window(180, 240)), now: at(0))
        let slots = calendar.freeSlots(FreeSlotQuery(scope: .evse("E1"), window: window(0, 300), minimumDuration: 15 * 60))
        #expect(slots.map(\.window) == [window(0, 60), window(120, 180), window(240, 300)])
    }

    @Test func theTurnaroundGapIsLeftOutAndSlotsAreAligned() throws {
        var calendar = try calendar(gap: 10 * 60)
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        // A 10-minute gap before 60 leaves up to 50, rounded down to 45; after 120 from 130 rounded up to 135.
        let slots = calendar.freeSlots(FreeSlotQuery(scope: .evse("E1"), window: window(0, 240), minimumDuration: 15 * 60))
        #expect(slots.map(\.window) == [window(0, 45), window(135, 240)])
        // A search window off the boundaries is narrowed to whole slots.
        let odd = TimeWindow(start: at(7), end: at(233))
        #expect(calendar.freeSlots(FreeSlotQuery(scope: .evse("E1"), window: odd, minimumDuration: 15 * 60)).map(\.window) == [window(15, 45), window(135, 225)])
        // Every slot offered can be booked.
        for slot in slots {
            var copy = calendar
            _ = try copy.book(bookingRequest("X", slot.window), now: at(0))
        }
    }

    @Test func theMinimumDurationDropsShortGaps() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.book(bookingRequest("B2", window(150, 240)), now: at(0))
        let hour = calendar.freeSlots(FreeSlotQuery(scope: .evse("E1"), window: window(0, 300), minimumDuration: 60 * 60))
        #expect(hour.map(\.window) == [window(0, 60), window(240, 300)])
        let half = calendar.freeSlots(FreeSlotQuery(scope: .evse("E1"), window: window(0, 300), minimumDuration: 30 * 60))
        #expect(half.map(\.window) == [window(0, 60), window(120, 150), window(240, 300)])
    }

    @Test func aStationConnectorTypeOrMinimumPowerPicksTheEVSEs() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", "E2", window(60, 120)), now: at(0))
        let search = window(0, 180)
        let station = calendar.freeSlots(FreeSlotQuery(scope: .station("S1"), window: search, minimumDuration: 900))
        #expect(station.map(\.description) == [
            "E1 \(window(0, 180))", "E2 \(window(0, 60))", "E2 \(window(120, 180))",
        ])
        let type2 = calendar.freeSlots(FreeSlotQuery(requirement: .init(standard: .type2), window: search, minimumDuration: 900))
        #expect(type2.map(\.evse) == ["E1", "E3"])
        let fast = calendar.freeSlots(FreeSlotQuery(requirement: .init(minimumPower: 20_000), window: search, minimumDuration: 3600))
        #expect(fast.map(\.description) == ["E1 \(window(0, 180))", "E2 \(window(0, 60))", "E2 \(window(120, 180))"])
        #expect(calendar.freeSlots(FreeSlotQuery(scope: .evse("E9"), window: search, minimumDuration: 900)).isEmpty)
        #expect(calendar.freeSlots(FreeSlotQuery(scope: .evse("E3"), requirement: .init(standard: .ccs2), window: search, minimumDuration: 900)).isEmpty)
    }

    @Test func nonsenseSearchesFindNothingAndDoNotTrap() throws {
        let calendar = try calendar()
        #expect(calendar.freeSlots(FreeSlotQuery(window: window(0, 300), minimumDuration: 1e300)).isEmpty)
        #expect(calendar.freeSlots(FreeSlotQuery(window: window(0, 300), minimumDuration: .infinity)).isEmpty)
        #expect(calendar.freeSlots(FreeSlotQuery(window: window(300, 0), minimumDuration: 900)).isEmpty)
        #expect(calendar.freeSlots(FreeSlotQuery(window: window(0, 10), minimumDuration: 900)).isEmpty)
        let far = TimeWindow(start: Date(timeIntervalSince1970: 1e300), end: Date(timeIntervalSince1970: .infinity))
        #expect(calendar.freeSlots(FreeSlotQuery(window: far, minimumDuration: 900)).isEmpty)
        #expect(calendar.freeSlots(FreeSlotQuery(window: window(0, 60), minimumDuration: -5)).count == 3)
    }

    @Test func cancelledAndReleasedEntriesAreFreeTime() throws {
        var calendar = try calendar()
        _ = try calendar.book(bookingRequest("B1", window(60, 120)), now: at(0))
        _ = try calendar.cancel("B1", by: .emsp(greenCharge), reason: "plans changed", now: at(0))
        #expect(calendar.freeSlots(FreeSlotQuery(scope: .evse("E1"), window: window(0, 180), minimumDuration: 900)).map(\.window) == [window(0, 180)])
    }
}
