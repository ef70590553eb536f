@testable import CPMS
import Foundation
import OCPP
import Scheduling
import StationTesting
import Testing

/// A transaction of the booked token on the booked EVSE within the booking marks the booking used (stored);
/// anything else leaves it scheduled.
@Suite(.timeLimit(.minutes(2)))
struct CalendarStationActivityTests {
    func event(_ type: OCPP201.TransactionEventType, token: String, evse: Int, at time: Date) -> OCPP201.TransactionEventRequest {
        OCPP201.TransactionEventRequest(
            eventType: type, timestamp: time, triggerReason: .authorized, seqNo: 0, transactionInfo: .init(transactionId: "TX-1"),
            evse: .init(id: evse, connectorId: 1), idToken: .init(idToken: token, type: .central))
    }

    @Test func onlyTheBookedTokenOnItsEVSEWithinTheBookingUsesIt() async throws {
        let database = try await TestBackend.sqlite.open()
        let clock = ManualClock()
        let station = uniqueStationID("USE")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "not-a-real-hash", at: Date())
        func service() async throws -> CalendarService {
            try await CalendarService(store: CalendarStore(database: database), settings: CalendarSettings(), clock: clock, logger: .quiet)
        }
        let calendar = try await service()
        for evse in 1...2 {
            try await calendar.describe(
                EVSEConnector(station: station, evse: evse, connector: 1, standard: "IEC_62196_T2", powerType: "AC_3_PHASE", maxElectricPower: 22_000))
        }
        let start = clock.wallTime + 900
        let token = DriverToken(uid: "TAG-1", type: .rfid, contractID: "NL-TNM-C00000001-X", emsp: "NL*TNM")
        try await calendar.book(BookingRequest(
            id: "B-1", evse: CalendarEVSE.id(station: station, evse: 1), window: TimeWindow(start: start, duration: 3600), by: .admin("ops"),
            token: token))
        let scheduler = CalendarScheduler(source: calendar, sender: FakeStations(clock: clock), clock: clock, logger: .quiet)
        let activity = CalendarStationActivity(scheduler: scheduler, calendar: calendar, logger: .quiet)

        await activity.transactionEventStored(event(.started, token: "TAG-1", evse: 1, at: start - 60), station: station)
        await activity.transactionEventStored(event(.started, token: "TAG-2", evse: 1, at: start + 60), station: station)
        await activity.transactionEventStored(event(.started, token: "TAG-1", evse: 2, at: start + 60), station: station)
        await activity.transactionEventStored(event(.ended, token: "TAG-1", evse: 1, at: start + 60), station: station)
        await activity.transactionEventStored(event(.started, token: "TAG-1", evse: 1, at: start + 60), station: "OTHER-STATION")
        #expect(await calendar.entry("B-1")?.status == .scheduled, "before the booking, another token, EVSE or station, or an Ended event")

        await activity.transactionEventStored(event(.started, token: "TAG-1", evse: 1, at: start + 120), station: station)
        #expect(await calendar.entry("B-1")?.status == .used(at: start + 120))
        await activity.transactionEventStored(event(.updated, token: "TAG-1", evse: 1, at: start + 180), station: station)
        #expect(await calendar.entry("B-1")?.status == .used(at: start + 120), "used once")
        #expect(try await service().entry("B-1")?.status == .used(at: start + 120), "stored")
        await database.shutdown()
    }
}
