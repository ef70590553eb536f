@testable import CPMS
import Foundation
import Scheduling
import SQLKit
import StationTesting
import Testing

/// The calendar stored by `CalendarService` on SQLite and PostgreSQL: a reload gives the same calendar, writes
/// are checked against the versions and revision the writer knew, a failed store changes nothing, and executed
/// actions survive a restart.
///
/// Serialized: the PostgreSQL test database is shared, and every calendar write moves its one revision.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct CalendarStorageTests {
    struct Fixture {
        let database: any CPMSDatabase
        let clock = ManualClock()
        let station: String
        let admin = Actor.admin("ops")
        let token = DriverToken(uid: "TAG-1", type: .rfid, contractID: "NL-TNM-C00000001-X", emsp: "NL*TNM")

        func service() async throws -> CalendarService {
            try await CalendarService(store: CalendarStore(database: database), settings: CalendarSettings(), clock: clock, logger: .quiet)
        }

        func evse(_ number: Int) -> EVSEID { CalendarEVSE.id(station: station, evse: number) }

        /// The quarter hours from now.
        func window(_ from: Int, _ to: Int) -> TimeWindow {
            TimeWindow(start: clock.wallTime + Double(from) * 900, end: clock.wallTime + Double(to) * 900)
        }

        func booking(_ id: EntryID, evse: Int = 1, _ from: Int, _ to: Int) -> BookingRequest {
            BookingRequest(id: id, evse: self.evse(evse), window: window(from, to), by: admin, token: token)
        }
    }

    func fixture(_ backend: TestBackend) async throws -> Fixture {
        let database = try await backend.open()
        let station = uniqueStationID("CAL")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "not-a-real-hash", at: Date())
        let fixture = Fixture(database: database, station: station)
        let service = try await fixture.service()
        for evse in 1...2 {
            try await service.describe(
                EVSEConnector(station: station, evse: evse, connector: 1, standard: "IEC_62196_T2", powerType: "AC_3_PHASE", maxElectricPower: 22_000))
        }
        return fixture
    }

    /// Runs `body` on a fresh fixture and closes its database afterwards, also when `body` fails.
    func withFixture(_ backend: TestBackend, _ body: (Fixture) async throws -> Void) async throws {
        let fixture = try await fixture(backend)
        do {
            try await body(fixture)
        } catch {
            await fixture.database.shutdown()
            throw error
        }
        await fixture.database.shutdown()
    }

    func unique(_ prefix: String) -> EntryID { EntryIDs.generate(prefix, at: Date()) }

    /// The entries of the fixture's station, as the service holds them.
    func entries(_ service: CalendarService, _ fixture: Fixture) async -> [CalendarEntry] {
        await service.entries(station: fixture.station)
    }

    @Test(arguments: TestBackend.available)
    func aReloadedCalendarEqualsTheOneThatWasStored(backend: TestBackend) async throws {
        try await withFixture(backend) { fixture in
            let service = try await fixture.service()
            let kept = unique("B"), moved = unique("B"), cancelled = unique("B"), displaced = unique("B"), used = unique("B")
            try await service.book(fixture.booking(kept, 4, 8))
            try await service.book(fixture.booking(moved, 10, 12))
            try await service.modify(moved, to: EntryChange(window: fixture.window(12, 16), evse: fixture.evse(2)), by: fixture.admin)
            try await service.book(fixture.booking(cancelled, 20, 24))
            try await service.cancel(cancelled, by: fixture.admin, reason: "driver called")
            try await service.book(fixture.booking(displaced, 30, 34))
            try await service.scheduleMaintenance(
                MaintenanceRequest(id: unique("M"), evse: fixture.evse(1), window: fixture.window(28, 40), by: .technician("Kim"), reason: "RCD test", force: true))
            try await service.book(fixture.booking(used, 1, 3))
            fixture.clock.advance(by: .seconds(1_000))
            #expect(try await service.recordUse(station: fixture.station, evse: 1, tokenUID: "TAG-1", at: fixture.clock.wallTime) == used)

            let reloaded = try await fixture.service()
            let stored = await entries(reloaded, fixture)
            #expect(stored == (await entries(service, fixture)))
            #expect(stored.count == 6)
            #expect(stored.first { $0.id == displaced }?.cancellation?.displacedBy != nil)
            #expect(stored.first { $0.id == moved }?.version == 2)
            let query = FreeSlotQuery(scope: .station(StationID(fixture.station)), window: fixture.window(0, 96), minimumDuration: 900)
            #expect(await reloaded.freeSlots(query) == (await service.freeSlots(query)))
            let now = fixture.clock.wallTime
            #expect(try await reloaded.dueActions(at: now + 3_600).filter { $0.station.rawValue == fixture.station }
                == (try await service.dueActions(at: now + 3_600)).filter { $0.station.rawValue == fixture.station })
            #expect(await reloaded.describedConnectors(station: fixture.station).map(\.evse) == [1, 2])
        }
    }

    @Test(arguments: TestBackend.available)
    func aStaleVersionIsRefusedAndChangesNothing(backend: TestBackend) async throws {
        try await withFixture(backend) { fixture in
            let service = try await fixture.service()
            let id = unique("B")
            try await service.book(fixture.booking(id, 4, 8))
            try await service.modify(id, to: EntryChange(window: fixture.window(4, 10)), by: fixture.admin, expectedVersion: 1)
            await #expect(throws: CalendarRefusal.staleVersion(id, expected: 1, current: 2)) {
                try await service.modify(id, to: EntryChange(window: fixture.window(4, 12)), by: fixture.admin, expectedVersion: 1)
            }
            await #expect(throws: CalendarRefusal.staleVersion(id, expected: 1, current: 2)) {
                try await service.cancel(id, by: fixture.admin, reason: "late", expectedVersion: 1)
            }
            #expect(await service.entry(id)?.window == fixture.window(4, 10))
            #expect(try await fixture.service().entry(id) == (await service.entry(id)))
        }
    }

    @Test(arguments: TestBackend.available)
    func aWriteFromAnOutdatedRowVersionStoresNothingOfItsChange(backend: TestBackend) async throws {
        try await withFixture(backend) { fixture in
            let service = try await fixture.service()
            let first = unique("B"), second = unique("B")
            try await service.book(fixture.booking(first, 4, 8))
            let store = CalendarStore(database: fixture.database)
            let snapshot = try await store.load()
            var moved = try #require(await service.entry(first))
            moved.window = fixture.window(40, 44)
            moved.version = 2
            let new = CalendarEntry(
                id: second, evse: fixture.evse(2), window: fixture.window(4, 8),
                purpose: .booking(.init(bookedBy: fixture.admin, token: fixture.token)), createdAt: fixture.clock.wallTime)
            // The new row comes first, the stale update second: the transaction must take the insert back.
            let write = CalendarStore.Write(change: CalendarChange(saved: [new, moved]), storedVersions: [first: 7])
            await #expect(throws: CalendarStoreError.staleEntry(first, expected: 7)) {
                try await store.save(write, revision: snapshot.revision, at: fixture.clock.wallTime)
            }
            let after = try await store.load()
            #expect(after.revision == snapshot.revision)
            #expect(after.entries.first { $0.id == second } == nil)
            #expect(after.entries.first { $0.id == first }?.window == fixture.window(4, 8))
        }
    }

    @Test(arguments: TestBackend.available)
    func aCalendarChangedByAnotherProcessIsReloadedBeforeItsRulesApply(backend: TestBackend) async throws {
        try await withFixture(backend) { fixture in
            let first = try await fixture.service()
            let second = try await fixture.service()
            let taken = unique("B")
            try await first.book(fixture.booking(taken, 4, 8))
            // `second` loaded before the booking: its write is refused by the revision, it reloads and then sees the conflict.
            await #expect(throws: CalendarRefusal.conflict(with: taken, window: fixture.window(4, 8), isMaintenance: false)) {
                try await second.book(fixture.booking(unique("B"), 6, 10))
            }
            #expect(await second.entry(taken) != nil)
            let elsewhere = unique("B")
            try await second.book(fixture.booking(elsewhere, 8, 10))
            #expect(try await fixture.service().entry(elsewhere) != nil)
        }
    }

    @Test(arguments: TestBackend.available)
    func aFailedStoreLeavesTheCalendarAsItWas(backend: TestBackend) async throws {
        try await withFixture(backend) { fixture in
            let service = try await fixture.service()
            let booked = unique("B")
            try await service.book(fixture.booking(booked, 4, 8))
            let before = await entries(service, fixture)
            let query = FreeSlotQuery(scope: .station(StationID(fixture.station)), window: fixture.window(0, 48), minimumDuration: 900)
            let freeBefore = await service.freeSlots(query)
            await fixture.database.shutdown()
            await #expect(throws: (any Error).self) { try await service.book(fixture.booking(self.unique("B"), 12, 16)) }
            await #expect(throws: (any Error).self) {
                try await service.scheduleMaintenance(
                    MaintenanceRequest(id: self.unique("M"), evse: fixture.evse(1), window: fixture.window(4, 12), by: .technician("Kim"), reason: "RCD", force: true))
            }
            await #expect(throws: (any Error).self) { try await service.cancel(booked, by: fixture.admin, reason: "x") }
            #expect(await entries(service, fixture) == before)
            #expect(await service.freeSlots(query) == freeBefore)
        }
    }

    @Test(arguments: TestBackend.available)
    func executedActionsAreNeverOfferedAgainAfterARestart(backend: TestBackend) async throws {
        try await withFixture(backend) { fixture in
            let service = try await fixture.service()
            let noShow = unique("B")
            try await service.book(fixture.booking(noShow, 1, 4))
            let source: any CalendarActionSource = service
            let start = fixture.clock.wallTime + 900
            let reserve = try #require(try await source.dueActions(at: start).first { $0.entry == noShow })
            try await source.markExecuted(reserve, at: start + 0.2, outcome: "Accepted")
            #expect(try await source.dueActions(at: start).first { $0.entry == noShow } == nil)

            let restarted: any CalendarActionSource = try await fixture.service()
            #expect(try await restarted.dueActions(at: start).first { $0.entry == noShow } == nil)
            // The booking is not used: released at its no-show time (15 min after the start).
            let release = try #require(try await restarted.dueActions(at: start + 900).first { $0.entry == noShow })
            #expect(release.kind == .releaseNoShow)
            try await restarted.markExecuted(release, at: start + 901, outcome: "Released")

            let again = try await fixture.service()
            #expect(try await again.dueActions(at: start + 1_800).first { $0.entry == noShow } == nil)
            #expect(await again.entry(noShow)?.holdsTime == false)
            let executed = try await again.executedActions(station: fixture.station)
            #expect(executed.map(\.id) == [release.id, reserve.id])
            #expect(executed.map(\.outcome) == ["Released", "Accepted"])
            #expect(executed.last?.executedAt == start + 0.2)
        }
    }

    @Test(arguments: TestBackend.available)
    func eachStoredChangeIsAnnounced(backend: TestBackend) async throws {
        try await withFixture(backend) { fixture in
            let service = try await fixture.service()
            var changes = service.changes.makeAsyncIterator()
            try await service.book(fixture.booking(unique("B"), 4, 8))
            #expect(await changes.next() != nil)
            await #expect(throws: CalendarRefusal.self) { try await service.book(fixture.booking(self.unique("B"), 0, 0)) }
            try await service.book(fixture.booking(unique("B"), 8, 12))
            #expect(await changes.next() != nil)
        }
    }
}
