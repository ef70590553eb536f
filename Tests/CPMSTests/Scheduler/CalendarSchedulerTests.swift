@testable import CPMS
import Foundation
import Scheduling
import StationCore
import StationTesting
import Testing

/// The scheduler on a manual clock with fake stations: each action goes out at its time as its OCPP
/// command, an answer marks it executed with its outcome, an unreachable station catches up when it boots, a
/// silent one delays no other, and a restart over the same stored calendar executes nothing twice.
@Suite(.timeLimit(.minutes(2)))
struct CalendarSchedulerTests {
    static let t0 = ManualClock.wallTimeOrigin
    static let token = DriverToken(uid: "TOKEN-A", type: .rfid, contractID: "NL-TNM-C00000001-X", emsp: "NL*TNM")
    static let emsp = Scheduling.Actor.emsp("NL*TNM")
    static let technician = Scheduling.Actor.technician("jdoe")

    static func at(minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    static func evse(_ station: String, _ number: Int) -> EVSEDescription {
        EVSEDescription(
            id: EVSEID("\(station)*\(number)"), station: StationID(station), stationEVSE: number,
            connectors: [ConnectorDescription(standard: .type2, powerType: .ac3Phase, maxPower: Watts(22_000))])
    }

    static func booking(_ id: EntryID, on evse: EVSEDescription, from start: Double, to end: Double) -> BookingRequest {
        BookingRequest(id: id, evse: evse.id, window: TimeWindow(start: at(minutes: start), end: at(minutes: end)), by: emsp, token: token)
    }

    static func maintenance(_ id: EntryID, on evse: EVSEDescription, from start: Double, to end: Double) -> MaintenanceRequest {
        MaintenanceRequest(
            id: id, evse: evse.id, window: TimeWindow(start: at(minutes: start), end: at(minutes: end)), by: technician, reason: "contactor check")
    }

    static func reservation(_ entry: EntryID) -> Int { StationCommand.reservationID(of: entry) }

    /// Runs a scheduler over `source` while `body` runs, then stops it.
    func running(
        _ source: TestCalendarSource, _ stations: FakeStations, _ clock: ManualClock,
        body: (CalendarScheduler) async throws -> Void
    ) async throws {
        let scheduler = CalendarScheduler(source: source, sender: stations, clock: clock, logger: .quiet)
        let task = Task { try await scheduler.run() }
        try await clock.waitForSleepers()
        do {
            try await body(scheduler)
        } catch {
            task.cancel()
            throw error
        }
        task.cancel()
        _ = await task.result
    }

    @Test func eachActionGoesOutAsItsOCPPCommandAtItsTime() async throws {
        let clock = ManualClock()
        let stations = FakeStations(clock: clock)
        let store = StoredCalendar()
        let (e1, e2, other) = (Self.evse("S1", 1), Self.evse("S1", 2), Self.evse("S2", 1))
        let source = try TestCalendarSource(evses: [e1, e2, other], store: store)
        try await source.book(Self.booking("B1", on: e1, from: 15, to: 45), now: Self.t0)
        try await source.book(Self.booking("B2", on: e1, from: 60, to: 90), now: Self.t0)
        try await source.scheduleMaintenance(Self.maintenance("M1", on: e2, from: 30, to: 60), now: Self.t0)
        try await source.book(Self.booking("B3", on: other, from: 15, to: 30), now: Self.t0)
        stations.set("S2", .answer(StationAnswer(outcome: "Occupied", reason: "socket 1 is in use", done: false)))

        try await running(source, stations, clock) { _ in
            clock.advance(to: .init(offset: .seconds(15 * 60)))
            await store.waitUntil { $0.map(\.action).contains("reserve/B1/v1") && $0.map(\.action).contains("reserve/B3/v1") }
            #expect(stations.delivered(to: "S1") == [
                .reserveNow(reservationID: Self.reservation("B1"), evse: 1, token: Self.token, expiry: Self.at(minutes: 30))])
            #expect(store.outcomes("reserve/B1/v1") == ["Accepted"])
            #expect(store.outcomes("reserve/B3/v1") == ["Occupied"], "a refusal is the action's outcome, not a reason to retry")

            clock.advance(to: .init(offset: .seconds(30 * 60)))
            await store.waitUntil { $0.map(\.action).contains("inoperative/M1") && $0.map(\.action).contains("release/B1") }
            #expect(store.outcomes("release/B1") == ["Released"])
            #expect(stations.delivered(to: "S1").last == .changeAvailability(evse: 2, operative: false))

            clock.advance(to: .init(offset: .seconds(60 * 60)))
            await store.waitUntil { $0.map(\.action).contains("restore/M1") && $0.map(\.action).contains("reserve/B2/v1") }
            clock.advance(to: .init(offset: .seconds(61 * 60)))
            try await source.cancel("B2", by: .admin("ops"), reason: "driver called to cancel", now: clock.wallTime)
            await store.waitUntil { $0.map(\.action).contains("cancel-reservation/B2") }
        }

        #expect(stations.delivered(to: "S1") == [
            .reserveNow(reservationID: Self.reservation("B1"), evse: 1, token: Self.token, expiry: Self.at(minutes: 30)),
            .changeAvailability(evse: 2, operative: false),
            .changeAvailability(evse: 2, operative: true),
            .reserveNow(reservationID: Self.reservation("B2"), evse: 1, token: Self.token, expiry: Self.at(minutes: 75)),
            .cancelReservation(reservationID: Self.reservation("B2")),
        ])
        #expect(stations.sent.map(\.at) == [15, 15, 30, 60, 60, 61].map { Self.at(minutes: $0) }, "each at its time, not before")
        #expect(stations.delivered(to: "S2").count == 1)
        let executed = store.executions.map(\.action)
        #expect(Set(executed).count == executed.count, "every action executed once")
    }

    @Test func anOfflineStationCatchesUpWhenItBootsAndASilentOneDelaysNoOther() async throws {
        let clock = ManualClock()
        let stations = FakeStations(clock: clock)
        let store = StoredCalendar()
        let evses = ["OFFLINE", "ONLINE", "SILENT", "LATE"].map { Self.evse($0, 1) }
        let source = try TestCalendarSource(evses: evses, store: store)
        for evse in evses {
            try await source.book(Self.booking(EntryID("B-\(evse.station)"), on: evse, from: 15, to: 45), now: Self.t0)
        }
        stations.set("OFFLINE", .offline)
        stations.set("SILENT", .silent)
        stations.set("LATE", .offline)

        try await running(source, stations, clock) { scheduler in
            clock.advance(to: .init(offset: .seconds(15 * 60)))
            await stations.waitForHeldCall("SILENT")
            await store.waitUntil { $0.map(\.action).contains("reserve/B-ONLINE/v1") }
            await stations.waitUntil { sent in sent.filter { !$0.delivered }.count == 2 }
            #expect(store.outcomes("reserve/B-OFFLINE/v1").isEmpty, "no answer: still due")

            // OFFLINE reconnects and boots: what it is owed goes out at once, while SILENT still holds its call.
            clock.advance(by: .seconds(5))
            stations.set("OFFLINE", .answer(StationAnswer(outcome: "Accepted", done: true)))
            scheduler.stationBooted("OFFLINE")
            await store.waitUntil { $0.map(\.action).contains("reserve/B-OFFLINE/v1") }
            #expect(stations.delivered(to: "OFFLINE").count == 1)
            #expect(stations.sent.last?.at == Self.at(minutes: 15).addingTimeInterval(5))

            // LATE never booted again: it is tried after the retry interval.
            stations.set("LATE", .answer(StationAnswer(outcome: "Accepted", done: true)))
            clock.advance(by: .seconds(60))
            await store.waitUntil { $0.map(\.action).contains("reserve/B-LATE/v1") }

            stations.release("SILENT")
            await store.waitUntil { $0.map(\.action).contains("reserve/B-SILENT/v1") }
        }
        let executed = store.executions.map(\.action)
        #expect(executed.count == 4)
        #expect(Set(executed).count == 4, "every action executed once")
        #expect(stations.sent.filter(\.delivered).count == 4)
    }

    @Test func aRestartOverTheStoredCalendarExecutesNothingTwiceAndForgetsNothing() async throws {
        let clock = ManualClock()
        let stations = FakeStations(clock: clock)
        let store = StoredCalendar()
        let (e1, e2) = (Self.evse("S1", 1), Self.evse("S1", 2))
        let first = try TestCalendarSource(evses: [e1, e2], store: store)
        try await first.book(Self.booking("B1", on: e1, from: 15, to: 45), now: Self.t0)
        try await first.scheduleMaintenance(Self.maintenance("M1", on: e2, from: 15, to: 30), now: Self.t0)
        try await first.scheduleMaintenance(Self.maintenance("M2", on: e2, from: 45, to: 60), now: Self.t0)

        try await running(first, stations, clock) { _ in
            clock.advance(to: .init(offset: .seconds(15 * 60)))
            await store.waitUntil { $0.count == 2 }
        }
        // cpms stops and starts again (its clock moved on meanwhile): a new calendar from the stored rows.
        clock.advance(by: .seconds(60))
        let second = try TestCalendarSource(evses: [e1, e2], store: store)
        try await running(second, stations, clock) { _ in
            clock.advance(to: .init(offset: .seconds(30 * 60)))
            await store.waitUntil { $0.map(\.action).contains("restore/M1") && $0.map(\.action).contains("release/B1") }
        }
        // Down again through M2's start: the third run owes M2's start (late) and, at its end, the restore.
        clock.advance(to: .init(offset: .seconds(50 * 60)))
        let third = try TestCalendarSource(evses: [e1, e2], store: store)
        try await running(third, stations, clock) { _ in
            await store.waitUntil { $0.map(\.action).contains("inoperative/M2") }
            clock.advance(to: .init(offset: .seconds(60 * 60)))
            await store.waitUntil { $0.map(\.action).contains("restore/M2") }
        }

        #expect(stations.delivered(to: "S1") == [
            .changeAvailability(evse: 2, operative: false),
            .reserveNow(reservationID: Self.reservation("B1"), evse: 1, token: Self.token, expiry: Self.at(minutes: 30)),
            .changeAvailability(evse: 2, operative: true),
            .changeAvailability(evse: 2, operative: false),
            .changeAvailability(evse: 2, operative: true),
        ])
        #expect(store.executions.map(\.action) == ["inoperative/M1", "reserve/B1/v1", "restore/M1", "release/B1", "inoperative/M2", "restore/M2"],
            "a no-show release (no call) comes after the station's commands due at the same instant")
        #expect(store.executions.map(\.at) == [15, 15, 30, 30, 50, 60].map { Self.at(minutes: $0) })
    }
}
