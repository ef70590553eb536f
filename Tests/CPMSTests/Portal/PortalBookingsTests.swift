@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Scheduling
import StationTesting
import Testing

/// `/portal/bookings` through the application's router: the calendar by socket with free slots, maintenance
/// scheduled from a slot through the calendar (as the API's), conflicts and bad input explained without a
/// change, cancellations by the roles that may, the audit log, and viewers refused.
@Suite(.timeLimit(.minutes(3)))
struct PortalBookingsTests {
    typealias Browser = PortalRoutesTests.Browser
    let portal = PortalRoutesTests()

    struct Fixture: Sendable {
        let database: any CPMSDatabase
        let clock: ManualClock
        let station: String
        let bearer: HTTPFields
    }

    /// The portal with a user per role, a station whose EVSEs 1 and 2 are described, and a booking of EVSE 1
    /// from 09:00 to 10:00 on the clock's day (2027-01-15; the clock says 08:00 UTC).
    func withCalendar(_ backend: TestBackend = .sqlite, _ body: @escaping @Sendable (Fixture, any TestClientProtocol) async throws -> Void) async throws {
        let database = try await backend.open()
        let clock = ManualClock()
        let hasher = PasswordHasher(cost: 4)
        for role in PortalRole.allCases {
            try await PortalAccounts(database: database).add(
                name: role.rawValue, role: role, passwordHash: try await hasher.hash(PortalRoutesTests.password), by: .commandLine, at: clock.wallTime)
        }
        let station = uniqueStationID("PB")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "not-a-real-hash", at: Date())
        let token = try await APITokenStore(database: database).add(name: "ops", at: Date())
        let fixture = Fixture(
            database: database, clock: clock, station: station, bearer: [.authorization: "Bearer \(token)", .contentType: "application/json"])
        var configuration = CPMSConfiguration(host: "127.0.0.1", port: 0)
        configuration.portal.bcryptCost = 4
        configuration.portal.throttle.baseDelay = .zero
        let app = try await buildCPMSApplication(configuration: configuration, database: database, clock: clock, logger: .quiet)
        do {
            try await app.test(.router) { client in
                for evse in [1, 2] {
                    let described = try await client.execute(
                        uri: "/api/stations/\(station)/evses/\(evse)/connectors/1", method: .put, headers: fixture.bearer,
                        body: ByteBuffer(string: #"{"standard": "IEC_62196_T2", "power_type": "AC_3_PHASE", "max_electric_power": 22000}"#))
                    #expect(described.status == .ok)
                }
                let booked = try await client.execute(
                    uri: "/api/calendar/bookings", method: .post, headers: fixture.bearer,
                    body: ByteBuffer(string: """
                        {"id": "B-PORTAL-1", "station": "\(station)", "evse_id": 1, "start": "2027-01-15T09:00:00Z", "end": "2027-01-15T10:00:00Z",
                         "token": {"uid": "TAG-1", "type": "RFID", "contract_id": "NL-TNM-C00000001-X", "emsp": "NL*TNM"}}
                        """))
                #expect(booked.status == .created)
                try await body(fixture, client)
            }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    func entries(_ client: any TestClientProtocol, _ fixture: Fixture) async throws -> [[String: Any]] {
        let response = try await client.execute(uri: "/api/calendar/entries?station=\(fixture.station)", method: .get, headers: fixture.bearer)
        return try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [[String: Any]])
    }

    func auditActions(_ fixture: Fixture) async throws -> [String] {
        try await AuditLog(database: fixture.database).page(offset: 0, limit: 50).entries.map { "\($0.actor) \($0.action) \($0.target)" }
    }

    func page(_ client: any TestClientProtocol, _ browser: inout Browser, _ fixture: Fixture, _ extra: String = "") async throws -> (HTTPResponse.Status, String) {
        let response = try await portal.send(client, &browser, .get, "/portal/bookings?station=\(fixture.station)&date=2027-01-15\(extra)")
        return (response.status, PortalRoutesTests.body(response))
    }

    @Test(arguments: TestBackend.available)
    func aTechnicianSelectsAFreeSlotAndSchedulesMaintenanceThroughTheCalendarAndItIsAudited(_ backend: TestBackend) async throws {
        try await withCalendar(backend) { fixture, client in
            let (signedIn, token) = try await portal.signIn(client, "technician")
            var browser = signedIn
            let (status, html) = try await page(client, &browser, fixture)
            #expect(status == .ok)
            #expect(html.contains(#"data-entry="B-PORTAL-1""#) && html.contains("<strong>Booking</strong>"))
            #expect(html.contains("eMSP NL*TNM · token TAG-1"))
            // Socket 2 is free from now (08:00) to the day's end; socket 1 before and after the booking.
            #expect(html.contains("08:00–24:00"))
            #expect(html.contains("08:00–09:00") && html.contains("10:00–24:00"))
            #expect(html.contains("id=\"maintenance-form\""))
            // The free slot's link fills the form: socket 2 from 08:00 for an hour.
            let select = "/portal/bookings?date=2027-01-15&amp;end=2027-01-15%2009%3A00&amp;evse=2&amp;start=2027-01-15%2008%3A00&amp;station=\(fixture.station)&amp;view=day#maintenance"
            #expect(html.contains(select))
            let (_, prefilled) = try await page(client, &browser, fixture, "&evse=2&start=2027-01-15%2008%3A00&end=2027-01-15%2009%3A00")
            #expect(prefilled.contains(#"value="2027-01-15 08:00""#) && prefilled.contains(#"value="2027-01-15 09:00""#))
            #expect(prefilled.contains(#"<option value="2" selected>"#))

            let scheduled = try await portal.send(client, &browser, .post, "/portal/bookings/maintenance", form: [
                "_csrf": token, "station": fixture.station, "evse": "2", "start": "2027-01-15 08:00", "end": "2027-01-15 09:00",
                "reason": "contactor check", "date": "2027-01-15", "view": "day",
            ])
            #expect(scheduled.status == .seeOther)
            let location = try #require(scheduled.headers[.location])
            #expect(location.contains("scheduled=M-"))
            let stored = try await entries(client, fixture).filter { $0["kind"] as? String == "maintenance" }
            #expect(stored.count == 1)
            #expect(stored.first?["technician"] as? String == "technician")
            #expect(stored.first?["reason"] as? String == "contactor check")
            #expect(stored.first?["evse_id"] as? Int == 2 && stored.first?["start"] as? String == "2027-01-15T08:00:00.000Z")
            let id = try #require(stored.first?["id"] as? String)
            #expect(try await auditActions(fixture).contains("technician maintenance.schedule maintenance:\(id)"))
            let after = PortalRoutesTests.body(try await portal.send(client, &browser, .get, location))
            #expect(after.contains("Maintenance \(id) is scheduled"))
            #expect(after.contains("contactor check · technician"))
            #expect(!after.contains(">Cancel booking<"), "a technician cannot cancel bookings")

            // The technician cancels the block: the calendar frees the time, the audit log has before and after.
            let cancelled = try await portal.send(client, &browser, .post, "/portal/bookings/maintenance/cancel", form: [
                "_csrf": token, "entry": id, "station": fixture.station, "date": "2027-01-15", "view": "day",
            ])
            #expect(cancelled.status == .seeOther)
            let afterCancel = PortalRoutesTests.body(try await portal.send(client, &browser, .get, try #require(cancelled.headers[.location])))
            #expect(afterCancel.contains("Maintenance \(id) is cancelled."))
            #expect(!afterCancel.contains(">Cancel maintenance<"), "a cancelled block has no button")
            let block = try await entries(client, fixture).first { $0["id"] as? String == id }
            #expect(block?["status"] as? String == "cancelled")
            let audit = try await AuditLog(database: fixture.database).page(offset: 0, limit: 50).entries
            let entry = try #require(audit.first { $0.action == "maintenance.cancel" })
            #expect(entry.beforeJSON?.contains(#""status":"scheduled""#) == true && entry.afterJSON?.contains(#""status":"cancelled""#) == true)

            // A booking is not a technician's to cancel: the route is refused and the booking stays.
            let refused = try await portal.send(client, &browser, .post, "/portal/bookings/cancel", form: ["_csrf": token, "entry": "B-PORTAL-1"])
            #expect(refused.status == .forbidden)
            #expect(try await entries(client, fixture).first { $0["id"] as? String == "B-PORTAL-1" }?["status"] as? String == "scheduled")
        }
    }

    @Test func aConflictAndBadInputAreExplainedAndChangeNothing() async throws {
        try await withCalendar { fixture, client in
            let (signedIn, token) = try await portal.signIn(client, "technician")
            var browser = signedIn
            let conflict = try await portal.send(client, &browser, .post, "/portal/bookings/maintenance", form: [
                "_csrf": token, "station": fixture.station, "evse": "1", "start": "2027-01-15 09:30", "end": "2027-01-15 10:30",
                "reason": "cable check", "date": "2027-01-15", "view": "day",
            ])
            #expect(conflict.status == .conflict)
            let html = PortalRoutesTests.body(conflict)
            #expect(html.contains("id=\"conflict\""))
            #expect(html.contains("Booking B-PORTAL-1 of eMSP NL*TNM (token TAG-1) holds the socket 2027-01-15 09:00–10:00 UTC"))
            #expect(html.contains(#"value="cable check""#), "the form keeps what was typed")

            for (fields, field, text) in [
                (["start": "tomorrow", "end": "2027-01-15 10:30", "reason": "x"], "start-error", "write the start as YYYY-MM-DD HH:MM (UTC)"),
                (["start": "2027-01-15 11:00", "end": "2027-01-15 10:30", "reason": "x"], "end-error", "must be after the start"),
                (["start": "2027-01-15 11:00", "end": "2027-01-15 12:00", "reason": "  "], "reason-error", "say why the socket is taken out of service"),
                (["start": "2027-01-15 07:00", "end": "2027-01-15 07:30", "reason": "x"], "start-error", "is before now"),
                (["start": "2027-01-15 11:05", "end": "2027-01-15 12:00", "reason": "x"], "start-error", "15-minute slot boundary"),
            ] {
                let response = try await portal.send(
                    client, &browser, .post, "/portal/bookings/maintenance",
                    form: fields.merging(["_csrf": token, "station": fixture.station, "evse": "2"]) { $1 })
                #expect(response.status == .unprocessableContent, "\(fields)")
                let body = PortalRoutesTests.body(response)
                #expect(body.contains("id=\"\(field)\""), "\(fields)")
                #expect(body.contains(text), "\(fields)")
            }
            let unknown = try await portal.send(client, &browser, .post, "/portal/bookings/maintenance", form: [
                "_csrf": token, "station": fixture.station, "evse": "7", "start": "2027-01-15 11:00", "end": "2027-01-15 12:00", "reason": "x",
            ])
            #expect(unknown.status == .unprocessableContent && PortalRoutesTests.body(unknown).contains("this station has no such socket"))
            #expect(try await entries(client, fixture).count == 1, "nothing was added")
            #expect(try await auditActions(fixture).allSatisfy { !$0.contains("maintenance.") })
        }
    }

    @Test func aViewerSeesNoActionsAndItsPostsAreRefusedAndAPostWithoutTheTokenChangesNothing() async throws {
        try await withCalendar { fixture, client in
            let (signedIn, viewerToken) = try await portal.signIn(client, "viewer")
            var viewer = signedIn
            let (status, html) = try await page(client, &viewer, fixture)
            #expect(status == .ok && html.contains(#"data-entry="B-PORTAL-1""#) && html.contains("08:00–24:00"))
            #expect(!html.contains("maintenance-form") && !html.contains("select-slot") && !html.contains("cancel-entry"))
            for path in ["/portal/bookings/maintenance", "/portal/bookings/maintenance/cancel", "/portal/bookings/cancel"] {
                let response = try await portal.send(client, &viewer, .post, path, form: [
                    "_csrf": viewerToken, "station": fixture.station, "evse": "2", "start": "2027-01-15 11:00", "end": "2027-01-15 12:00",
                    "reason": "forged", "entry": "B-PORTAL-1",
                ])
                #expect(response.status == .forbidden, "\(path)")
            }
            var (technician, _) = try await portal.signIn(client, "technician")
            let forged = try await portal.send(client, &technician, .post, "/portal/bookings/maintenance", form: [
                "station": fixture.station, "evse": "2", "start": "2027-01-15 11:00", "end": "2027-01-15 12:00", "reason": "no token",
            ])
            #expect(forged.status == .forbidden)
            let stored = try await entries(client, fixture)
            #expect(stored.count == 1 && stored.first?["status"] as? String == "scheduled")
            #expect(try await auditActions(fixture).allSatisfy { !$0.contains("maintenance.") && !$0.contains("booking.") })
        }
    }

    @Test func anAdminCancelsABookingThroughTheCalendarAndTheWeekViewShowsSevenDays() async throws {
        try await withCalendar { fixture, client in
            let (signedIn, token) = try await portal.signIn(client, "admin")
            var admin = signedIn
            // A real clock is not on whole seconds; the free slots still start at the next slot boundary.
            fixture.clock.advance(by: .milliseconds(1_500))
            let (_, html) = try await page(client, &admin, fixture, "&view=week")
            #expect(html.contains("08:15–24:00"))
            #expect(html.contains("Mon 11 Jan 2027 – Sun 17 Jan 2027"))
            #expect(html.contains(#"<h3 class="day-label">Wed 13 Jan</h3>"#), "a week's days name the year once, above")
            #expect(html.contains(">Cancel booking<"))
            // Days before now have no free slots; the days after are free all day.
            #expect(html.contains("00:00–24:00"))
            let cancelled = try await portal.send(client, &admin, .post, "/portal/bookings/cancel", form: [
                "_csrf": token, "entry": "B-PORTAL-1", "reason": "station closed", "station": fixture.station, "date": "2027-01-15", "view": "week",
            ])
            #expect(cancelled.status == .seeOther)
            let booking = try await entries(client, fixture).first
            #expect(booking?["status"] as? String == "cancelled")
            let cancellation = booking?["cancellation"] as? [String: Any]
            #expect(cancellation?["by"] as? String == "admin admin" && cancellation?["reason"] as? String == "station closed")
            #expect(try await auditActions(fixture).contains("admin booking.cancel booking:B-PORTAL-1"))
            // A day that is not a date is said so, and today is shown.
            let badDay = try await portal.send(client, &admin, .get, "/portal/bookings?station=\(fixture.station)&date=15.01.2027")
            #expect(badDay.status == .ok)
            #expect(PortalRoutesTests.body(badDay).contains("The day must be written YYYY-MM-DD; showing 2027-01-15."))
            // Cancelling it again is explained.
            let again = try await portal.send(client, &admin, .post, "/portal/bookings/cancel", form: ["_csrf": token, "entry": "B-PORTAL-1"])
            #expect(again.status == .conflict && PortalRoutesTests.body(again).contains("was not cancelled"))
        }
    }

    @Test func rangesAndFormTimes() throws {
        let friday = try #require(BookingsRange.parseDay("2027-01-15"))
        #expect(BookingsRange(kind: .week, day: friday).start == BookingsRange.parseDay("2027-01-11"))
        #expect(BookingsRange(kind: .week, day: friday).moved(by: 1).start == BookingsRange.parseDay("2027-01-18"))
        #expect(BookingsRange(kind: .day, day: friday.addingTimeInterval(3_000)).start == friday)
        #expect(BookingsRange.parseTime("2027-01-15 09:30") == friday.addingTimeInterval(9.5 * 3600))
        #expect(BookingsRange.parseTime("2027-01-15T09:30:00Z") == friday.addingTimeInterval(9.5 * 3600))
        for bad in ["", "2027-01-15", "2027-02-30 10:00", "2027-01-15 24:00", "2027-01-15 9:30", "2027-01-15 09:30:15", "today 10:00"] {
            #expect(BookingsRange.parseTime(bad) == nil, "\(bad)")
        }
        #expect(BookingsPage.span(friday.addingTimeInterval(-3600), friday.addingTimeInterval(3600), day: friday) == "2027-01-14 23:00–01:00")
    }
}
