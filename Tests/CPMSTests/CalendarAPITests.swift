@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Scheduling
import StationTesting
import Testing

/// `/api/calendar` and `/api/stations/{id}/evses`: describe an EVSE, search, book, conflict, modify, cancel,
/// forced maintenance; refusals are 409 with the reason and the entry in the way, bad input a 400 naming the
/// field, and neither changes anything.
@Suite(.timeLimit(.minutes(2)))
struct CalendarAPITests {
    struct Fixture {
        let database: any CPMSDatabase
        let clock = ManualClock()
        let station: String
        let bearer: HTTPFields
    }

    func withApplication(_ body: @escaping @Sendable (Fixture, TestClientProtocol) async throws -> Void) async throws {
        let database = try await TestBackend.sqlite.open()
        let station = uniqueStationID("API")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "not-a-real-hash", at: Date())
        let token = try await APITokenStore(database: database).add(name: "ops", at: Date())
        let fixture = Fixture(database: database, station: station, bearer: [.authorization: "Bearer \(token)", .contentType: "application/json"])
        let app = try await buildCPMSApplication(
            configuration: CPMSConfiguration(host: "127.0.0.1", port: 0), database: database, clock: fixture.clock, logger: .quiet)
        do {
            try await app.test(.router) { client in try await body(fixture, client) }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    func json(_ response: TestResponse) throws -> Any { try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) }
    func object(_ response: TestResponse) throws -> [String: Any] { try #require(try json(response) as? [String: Any]) }
    func array(_ response: TestResponse) throws -> [[String: Any]] { try #require(try json(response) as? [[String: Any]]) }

    func send(_ client: TestClientProtocol, _ fixture: Fixture, _ method: HTTPRequest.Method, _ uri: String, _ body: String? = nil) async throws -> TestResponse {
        try await client.execute(uri: uri, method: method, headers: fixture.bearer, body: body.map { ByteBuffer(string: $0) })
    }

    func describe(_ client: TestClientProtocol, _ fixture: Fixture, evse: Int, standard: String = "IEC_62196_T2", power: Int = 22_000) async throws {
        let response = try await send(
            client, fixture, .put, "/api/stations/\(fixture.station)/evses/\(evse)/connectors/1",
            #"{"standard": "\#(standard)", "power_type": "\#(standard.hasSuffix("COMBO") ? "DC" : "AC_3_PHASE")", "max_electric_power": \#(power)}"#)
        #expect(response.status == .ok)
    }

    func booking(_ fixture: Fixture, evse: Int = 1, _ start: String, _ end: String, id: String? = nil, requirement: String = "") -> String {
        """
        {\(id.map { #""id": "\#($0)", "# } ?? "")"station": "\(fixture.station)", "evse_id": \(evse), "start": "\(start)", "end": "\(end)",
         "token": {"uid": "TAG-1", "type": "RFID", "contract_id": "NL-TNM-C00000001-X", "emsp": "NL*TNM"}\(requirement)}
        """
    }

    /// Every entry of the fixture's station, as the API lists them.
    func entries(_ client: TestClientProtocol, _ fixture: Fixture) async throws -> [[String: Any]] {
        try array(try await send(client, fixture, .get, "/api/calendar/entries?station=\(fixture.station)"))
    }

    @Test func anOperatorBooksMovesAndCancelsAndMaintenanceDisplacesABooking() async throws {
        try await withApplication { fixture, client in
            try await describe(client, fixture, evse: 1)
            try await describe(client, fixture, evse: 2, standard: "IEC_62196_T2_COMBO", power: 150_000)
            let evses = try array(try await send(client, fixture, .get, "/api/stations/\(fixture.station)/evses"))
            #expect(evses.map { $0["evse_id"] as? Int } == [1, 2])

            let dc = try array(try await send(
                client, fixture, .get,
                "/api/calendar/free-slots?station=\(fixture.station)&power_type=DC&min_power=50000&from=2027-01-15T09:00:00Z&to=2027-01-15T12:00:00Z"))
            #expect(dc.map { $0["evse_id"] as? Int } == [2])
            #expect(dc.first?["start"] as? String == "2027-01-15T09:00:00.000Z")

            let booked = try await send(client, fixture, .post, "/api/calendar/bookings", booking(fixture, "2027-01-15T09:00:00Z", "2027-01-15T10:00:00Z"))
            #expect(booked.status == .created)
            let entry = try #require(try object(booked)["entry"] as? [String: Any])
            let id = try #require(entry["id"] as? String)
            #expect(id.hasPrefix("B-"))
            #expect(entry["booked_by"] as? String == "admin ops")
            #expect(entry["version"] as? Int == 1)

            let clash = try await send(client, fixture, .post, "/api/calendar/bookings", booking(fixture, "2027-01-15T09:30:00Z", "2027-01-15T10:30:00Z"))
            #expect(clash.status == .conflict)
            let refusal = try object(clash)
            #expect(refusal["refusal"] as? String == "conflict")
            #expect((refusal["conflicting_entry"] as? [String: Any])?["id"] as? String == id)
            #expect(try await entries(client, fixture).count == 1)

            let free = try array(try await send(
                client, fixture, .get, "/api/calendar/free-slots?station=\(fixture.station)&evse=1&from=2027-01-15T08:00:00Z&to=2027-01-15T12:00:00Z"))
            #expect(free.map { $0["start"] as? String } == ["2027-01-15T08:00:00.000Z", "2027-01-15T10:00:00.000Z"])

            let moved = try await send(
                client, fixture, .patch, "/api/calendar/entries/\(id)", #"{"start": "2027-01-15T10:00:00Z", "end": "2027-01-15T11:30:00Z", "version": 1}"#)
            #expect(moved.status == .ok)
            #expect((try object(moved)["entry"] as? [String: Any])?["version"] as? Int == 2)
            let stale = try await send(
                client, fixture, .patch, "/api/calendar/entries/\(id)", #"{"start": "2027-01-15T10:00:00Z", "end": "2027-01-15T12:00:00Z", "version": 1}"#)
            #expect(stale.status == .conflict)
            #expect(try object(stale)["refusal"] as? String == "stale_version")
            #expect((try object(try await send(client, fixture, .get, "/api/calendar/entries/\(id)")))["end"] as? String == "2027-01-15T11:30:00.000Z")

            let unforced = try await send(
                client, fixture, .post, "/api/calendar/maintenance",
                #"{"station": "\#(fixture.station)", "evse_id": 1, "start": "2027-01-15T11:00:00Z", "end": "2027-01-15T13:00:00Z", "technician": "Kim", "reason": "RCD test"}"#)
            #expect(unforced.status == .conflict)
            #expect(try await entries(client, fixture).count == 1)
            let forced = try await send(
                client, fixture, .post, "/api/calendar/maintenance",
                #"{"station": "\#(fixture.station)", "evse_id": 1, "start": "2027-01-15T11:00:00Z", "end": "2027-01-15T13:00:00Z", "technician": "Kim", "reason": "RCD test", "force": true}"#)
            #expect(forced.status == .created)
            let displaced = try #require((try object(forced)["cancelled_bookings"] as? [[String: Any]])?.first)
            #expect(displaced["id"] as? String == id)
            #expect((displaced["cancellation"] as? [String: Any])?["reason"] as? String == "maintenance of the EVSE: RCD test")
            let block = try #require(try object(forced)["entry"] as? [String: Any])
            #expect(block["technician"] as? String == "Kim")

            let maintenanceID = try #require(block["id"] as? String)
            let cancelled = try await send(client, fixture, .delete, "/api/calendar/entries/\(maintenanceID)?reason=parts%20late")
            #expect(cancelled.status == .ok)
            let cancelledBlock = try #require(try object(cancelled)["entry"] as? [String: Any])
            #expect(cancelledBlock["status"] as? String == "cancelled")
            #expect((cancelledBlock["cancellation"] as? [String: Any])?["reason"] as? String == "parts late")
            #expect((cancelledBlock["cancellation"] as? [String: Any])?["by"] as? String == "admin ops")
            let again = try await send(client, fixture, .post, "/api/calendar/entries/\(maintenanceID)/cancel", #"{"reason": "twice"}"#)
            #expect(again.status == .conflict)
            #expect(try object(again)["refusal"] as? String == "not_changeable")
            #expect(try await entries(client, fixture).map { $0["status"] as? String } == ["cancelled", "cancelled"])
        }
    }

    @Test func badInputIsA400NamingTheFieldAndStoresNothing() async throws {
        try await withApplication { fixture, client in
            try await describe(client, fixture, evse: 1)
            let cases: [(String, String, String)] = [
                ("/api/calendar/bookings", booking(fixture, evse: 3, "2027-01-15T09:00:00Z", "2027-01-15T10:00:00Z"), "evse_id: unknown EVSE"),
                ("/api/calendar/bookings", booking(fixture, "tomorrow", "2027-01-15T10:00:00Z"), "start must be an RFC 3339"),
                ("/api/calendar/bookings", booking(fixture, "2027-01-15T09:00:00Z", "2027-01-15T10:05:00Z"), "end: 2027-01-15T10:05:00Z is not on a 15-minute"),
                ("/api/calendar/bookings", booking(fixture, "2027-01-15T07:00:00Z", "2027-01-15T08:00:00Z"), "start: the start"),
                ("/api/calendar/bookings", booking(fixture, "2027-01-15T10:00:00Z", "2027-01-15T09:00:00Z"), "end: must be after start"),
                ("/api/calendar/bookings", booking(fixture, "2027-01-15T09:00:00Z", "2027-01-15T10:00:00Z", id: "has space"), "id: must be printable"),
                ("/api/calendar/bookings", booking(fixture, "2027-01-15T09:00:00Z", "2027-01-15T10:00:00Z", requirement: #", "requirement": {"power_type": "DC"}"#),
                 "evse_id: EVSE \(fixture.station)/1 has no connector with DC"),
                ("/api/calendar/bookings", #"{"station": "\#(fixture.station)", "evse_id": 1, "start": "2027-01-15T09:00:00Z", "end": "2027-01-15T10:00:00Z"}"#,
                 "missing token"),
                ("/api/calendar/bookings",
                 #"{"station": "\#(fixture.station)", "evse_id": 1, "start": "2027-01-15T09:00:00Z", "end": "2027-01-15T10:00:00Z", "token": {"uid": "T", "type": "CARD", "contract_id": "C", "emsp": "NL*TNM"}}"#,
                 "token.type: must be"),
                ("/api/calendar/maintenance",
                 #"{"station": "\#(fixture.station)", "evse_id": 1, "start": "2027-01-15T09:00:00Z", "end": "2027-01-15T10:00:00Z", "reason": " "}"#,
                 "reason: must not be empty"),
            ]
            for (uri, body, message) in cases {
                let response = try await send(client, fixture, .post, uri, body)
                #expect(response.status == .badRequest, "\(message)")
                let error = try object(response)["error"] as? String ?? ""
                #expect(error.contains(message), "\(error) does not say \(message)")
            }
            let connector = try await send(
                client, fixture, .put, "/api/stations/\(fixture.station)/evses/2/connectors/1",
                #"{"standard": "TYPE2", "power_type": "AC_3_PHASE", "max_electric_power": 22000}"#)
            #expect(connector.status == .badRequest)
            #expect((try object(connector)["error"] as? String)?.hasPrefix("standard: not an OCPI 2.2.1 ConnectorType") == true)
            let unknownStation = try await send(
                client, fixture, .put, "/api/stations/NOPE-1/evses/1/connectors/1",
                #"{"standard": "IEC_62196_T2", "power_type": "AC_3_PHASE", "max_electric_power": 22000}"#)
            #expect(unknownStation.status == .notFound)
            let slots = try await send(client, fixture, .get, "/api/calendar/free-slots?evse=1")
            #expect(slots.status == .badRequest)
            #expect(try object(slots)["error"] as? String == "evse: needs station")

            #expect(try await entries(client, fixture).isEmpty)
            #expect(try array(try await send(client, fixture, .get, "/api/stations/\(fixture.station)/evses")).count == 1)
        }
    }

    @Test func executedActionsAreListedWithTheStationsAnswers() async throws {
        try await withApplication { fixture, client in
            try await describe(client, fixture, evse: 1)
            let booked = try await send(client, fixture, .post, "/api/calendar/bookings", booking(fixture, "2027-01-15T08:15:00Z", "2027-01-15T09:00:00Z"))
            let id = try #require((try object(booked)["entry"] as? [String: Any])?["id"] as? String)
            // The scheduler's side: another reader of the same database executes the reservation.
            let scheduler: any CalendarActionSource = try await CalendarService(
                store: CalendarStore(database: fixture.database), settings: CalendarSettings(), clock: fixture.clock, logger: .quiet)
            let start = fixture.clock.wallTime + 900
            let reserve = try #require(try await scheduler.dueActions(at: start).first { $0.entry.rawValue == id })
            try await scheduler.markExecuted(reserve, at: start + 0.5, outcome: "Accepted")
            let actions = try array(try await send(client, fixture, .get, "/api/calendar/actions?station=\(fixture.station)"))
            #expect(actions.count == 1)
            #expect(actions.first?["action_id"] as? String == "reserve/\(id)/v1")
            #expect(actions.first?["kind"] as? String == "reserve")
            #expect(actions.first?["outcome"] as? String == "Accepted")
            #expect(actions.first?["executed_at"] as? String == "2027-01-15T08:15:00.500Z")
        }
    }
}
