@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import OCPI
import Scheduling
import SQLKit
import StationTesting
import Testing

/// The Bookings add-on as cpms serves it: BookingLocations with calendars of free timeslots, BookingRequests
/// (create, modify, cancel, conflict, bad input, unknown location) answered PENDING with the outcome pushed to the
/// eMSP, and the pushes the calendar's own changes cause (maintenance, no-show, fulfilment), on SQLite and PostgreSQL
/// (a database of its own there).
@Suite(.serialized, .timeLimit(.minutes(2)))
struct OCPIBookingsTests {
    static let origin = ManualClock.wallTimeOrigin

    /// One station with location details and two described EVSEs (11 kW and 22 kW type 2), in a fresh or shared database.
    struct World {
        let database: any CPMSDatabase
        let station: String
        let code: String
        let emsp: String
        let partyID: String
        let token: String

        func evseUID(_ evse: Int) -> String { "NL*STM*E\(code)*\(evse)" }

        var party: OCPIParty {
            OCPIParty(
                name: emsp, status: .registered,
                roles: [CredentialsRole(role: .emsp, businessDetails: BusinessDetails(name: "eMSP"), partyID: partyID, countryCode: "NL")],
                createdAt: OCPIBookingsTests.origin, updatedAt: OCPIBookingsTests.origin)
        }

        func request(_ id: String, evse: Int = 1, from start: TimeInterval, hours: Double = 1, location: String? = nil) -> OCPI.BookingRequest {
            OCPIBookingsTests.request(id, partyID: partyID, location: location ?? station, evseUID: evseUID(evse), from: start, hours: hours)
        }
    }

    static func request(_ id: String, partyID: String, location: String, evseUID: String, from start: TimeInterval, hours: Double = 1) -> OCPI.BookingRequest {
        OCPI.BookingRequest(
            countryCode: "NL", partyID: partyID, requestID: id, locationID: location, evseUID: evseUID,
            tokens: [BookingToken(countryCode: "NL", partyID: partyID, uid: "TOK-\(id)", type: .rfid, contractID: "NL-\(partyID)-C\(id)")],
            period: Timeslot(
                startFrom: OCPIDateTime(OCPIBookingsTests.origin.addingTimeInterval(start)),
                endBefore: OCPIDateTime(OCPIBookingsTests.origin.addingTimeInterval(start + hours * 3_600))),
            authorizationReference: "AUTH-\(id)")
    }

    /// A database of the test's own: on PostgreSQL a new database in the test cluster, since a calendar shared with
    /// the suites that test concurrent calendar writes would see its revision move under it.
    static func ownDatabase(_ backend: TestBackend) async throws -> any CPMSDatabase {
        guard backend == .postgres, let shared = ProcessInfo.processInfo.environment["CPMS_TEST_POSTGRES_URL"],
            let slash = shared.lastIndex(of: "/")
        else { return try await backend.open() }
        let name = "cpms_bookings_" + UUID().uuidString.lowercased().filter { $0.isLetter || $0.isNumber }.prefix(12)
        let admin = try await openDatabase(try DatabaseURL(shared), logger: .quiet)
        do {
            try await admin.withConnection { try await $0.raw(SQLQueryString("CREATE DATABASE \(unsafeRaw: name)")).run() }
        } catch {
            await admin.shutdown()
            throw error
        }
        await admin.shutdown()
        let database = try await openDatabase(try DatabaseURL(String(shared[...slash]) + name), logger: .quiet)
        try await Migrations.run(on: database, clock: { Date() }, logger: .quiet)
        return database
    }

    static func world(_ backend: TestBackend) async throws -> World {
        let database = try await ownDatabase(backend)
        let station = uniqueStationID("BK")
        let letters = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ")
        let suffix = String((0..<3).map { _ in letters.randomElement() ?? "Q" })
        let code = "BK" + String(UUID().uuidString.filter(\.isNumber).prefix(6))
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "x", at: origin)
        var details = try LocationDetails.decode(Data(LocationCatalogTests.body.utf8))
        details.evseCode = code
        _ = try await LocationStore(database: database).set(details, station: station, at: origin.addingTimeInterval(-7_200))
        let calendar = CalendarStore(database: database)
        for (evse, power) in [(1, 11_000), (2, 22_000)] {
            let revision = try await calendar.load().revision
            _ = try await calendar.save(
                CalendarStore.Write(connector: try EVSEConnector(
                    station: station, evse: evse, connector: 1, standard: "IEC_62196_T2", powerType: "AC_3_PHASE", maxElectricPower: power)),
                revision: revision, at: origin.addingTimeInterval(-3_600))
        }
        return World(
            database: database, station: station, code: code, emsp: "emsp-\(UUID().uuidString.prefix(8))", partyID: suffix,
            token: "token-\(UUID().uuidString)")
    }

    // MARK: Pure mapping

    @Test func anEVSEBecomesABookingLocationWithItsFreeTimeslots() throws {
        let now = Self.origin
        let connectors = [
            Connector(id: "1", standard: .iec62196T2, format: .socket, powerType: .ac3Phase, maxVoltage: 230, maxAmperage: 16, maxElectricPower: 11_000, tariffIDs: ["AC-1"], lastUpdated: OCPIDateTime(now.addingTimeInterval(-600))),
            Connector(id: "2", standard: .iec62196T2, format: .socket, powerType: .ac1Phase, maxVoltage: 230, maxAmperage: 16, maxElectricPower: 3_700, tariffIDs: ["AC-1"], lastUpdated: OCPIDateTime(now.addingTimeInterval(-600))),
        ]
        let evse = EVSE(uid: "NL*STM*ECS1*1", evseID: "NL*STM*ECS1*1", status: .available, connectors: connectors, lastUpdated: OCPIDateTime(now.addingTimeInterval(-300)))
        let full = EVSE(uid: "NL*STM*ECS1*2", evseID: "NL*STM*ECS1*2", status: .available, connectors: [connectors[0]], lastUpdated: OCPIDateTime(now.addingTimeInterval(-300)))
        let location = Location(
            countryCode: "NL", partyID: "STM", id: "CS-1", publish: true, address: "Markt 1", city: "Utrecht", country: "NLD",
            coordinates: GeoLocation(latitude: "52.09074", longitude: "5.12142"), evses: [evse, full], timeZone: "Europe/Amsterdam",
            lastUpdated: OCPIDateTime(now))
        let window = TimeWindow(start: now, duration: 86_400)
        let free = [TimeWindow(start: now, duration: 3_600), TimeWindow(start: now.addingTimeInterval(7_200), end: window.end)]
        let terms = BookingSettings(termsURL: "https://example.com/terms").terms(
            CalendarSettings(terms: Scheduling.BookingTerms(changeDeadline: 1_800, cancelDeadline: 3_600, noShowTimeout: 900)))
        let booked = now.addingTimeInterval(-60)
        let result = BookingLocationPublication.bookingLocations(
            location, calendars: ["NL*STM*ECS1*1": .init(free: free, lastChange: booked)], window: window, slotStep: 900, terms: terms)

        #expect(result.count == 2)
        let first = result[0]
        #expect(first.id == "NL*STM*ECS1*1" && first.evseUID == "NL*STM*ECS1*1" && first.locationID == "CS-1")
        #expect(first.countryCode == "NL" && first.partyID == "STM" && first.tariffIDs == ["AC-1"])
        #expect(first.bookingTerms == [terms])
        #expect(terms.changeUntilMinutes == 30 && terms.cancelUntilMinutes == 60 && terms.noshowTimeout == 15)
        #expect(terms.bookingTerms == "https://example.com/terms" && terms.supportedAccessMethods == [.open])
        let calendar = try #require(first.calendars?.first)
        #expect(calendar.stepSize == 15 && calendar.beginFrom.date == window.start && calendar.endBefore.date == window.end)
        #expect(calendar.availableTimeslots.map { $0.startFrom.date } == free.map(\.start))
        #expect(calendar.availableTimeslots.map { $0.endBefore.date } == free.map(\.end))
        #expect(calendar.availableTimeslots.allSatisfy { $0.minPower == 3_700 && $0.maxPower == 11_000 })
        #expect(first.lastUpdated.date == booked && calendar.lastUpdated.date == booked)
        // An EVSE without free time has no calendar (a calendar needs a timeslot); it is still bookable later.
        #expect(result[1].calendars == nil && result[1].lastUpdated.date == now.addingTimeInterval(-300))
        for bookingLocation in result {
            let data = try OCPICoding.encode(bookingLocation)
            #expect(try OCPICoding.decode(BookingLocation.self, from: data) == bookingLocation)
        }
    }

    @Test func aBookingsStatusFollowsItsCalendarEntry() throws {
        let now = Self.origin
        let request = Self.request("R1", partyID: "TNM", location: "CS-1", evseUID: "NL*STM*ECS1*1", from: 3_600)
        let terms = BookingSettings().terms(CalendarSettings())
        let cpo = try CPOParty(countryCode: "NL", partyID: "STM")
        let pending = BookingStatusMapping.pending(
            id: "B-1", request: request, locationID: "CS-1", evseUID: "NL*STM*ECS1*1", tariffIDs: ["AC-1"], cpo: cpo, terms: terms, at: now)
        #expect(pending.reservationStatus == .pending && pending.bookingRequests.map(\.requestStatus) == [.pending])
        #expect(pending.bookingTokens == request.tokens && pending.authorizationReference == "AUTH-R1" && pending.requestID == "R1")

        let token = DriverToken(uid: "TOK-R1", type: .rfid, contractID: "C", emsp: "NL*TNM")
        let window = TimeWindow(start: now.addingTimeInterval(3_600), duration: 3_600)
        var entry = CalendarEntry(
            id: "B-1", evse: CalendarEVSE.id(station: "CS-1", evse: 1), window: window,
            purpose: .booking(.init(bookedBy: .emsp("NL*TNM"), token: token)), createdAt: now)
        let reserved = BookingStatusMapping.updated(pending, by: entry, answering: request, at: now)
        #expect(reserved.reservationStatus == .reserved && reserved.bookingRequests.map(\.requestStatus) == [.accepted])

        // A change of the eMSP's: moved to EVSE 2 and an hour later.
        var moved = Self.request("R1", partyID: "TNM", location: "CS-1", evseUID: "NL*STM*ECS1*2", from: 7_200)
        moved.tokens = nil
        entry.window = TimeWindow(start: now.addingTimeInterval(7_200), duration: 3_600)
        entry.evse = CalendarEVSE.id(station: "CS-1", evse: 2)
        let changed = BookingStatusMapping.updated(BookingStatusMapping.requested(reserved, moved, at: now), by: entry, answering: moved, at: now)
        #expect(changed.bookingRequests.map(\.requestStatus) == [.accepted, .accepted])
        #expect(changed.period.startFrom.date == entry.window.start && changed.evseUID == "NL*STM*ECS1*2" && changed.bookingTokens == request.tokens)
        // Moved by an admin (no request): the uid follows the EVSE, the requests stay as they were.
        entry.evse = CalendarEVSE.id(station: "CS-1", evse: 1)
        #expect(BookingStatusMapping.updated(changed, by: entry, answering: nil, at: now).evseUID == "NL*STM*ECS1*1")

        entry.status = .used(at: window.start)
        #expect(BookingStatusMapping.updated(reserved, by: entry, answering: nil, at: now).reservationStatus == .fulfilled)
        entry.status = .released(at: window.start.addingTimeInterval(900))
        #expect(BookingStatusMapping.updated(reserved, by: entry, answering: nil, at: now).reservationStatus == .noShow)
        entry.status = .cancelled(Scheduling.Cancellation(at: now, by: .technician("tom"), reason: "pump", displacedBy: "M-1"))
        let forced = BookingStatusMapping.updated(reserved, by: entry, answering: nil, at: now)
        #expect(forced.reservationStatus == .canceled && forced.canceled == OCPI.Cancellation(cancellationReason: .brokenCharger, whoCanceled: .cpo))
        #expect(forced.bookingRequests.map(\.requestStatus) == [.accepted])
        var cancel = request
        cancel.canceled = OCPI.Cancellation(cancellationReason: .traffic, whoCanceled: .emsp)
        entry.status = .cancelled(Scheduling.Cancellation(at: now, by: .emsp("NL*TNM"), reason: "eMSP"))
        let cancelled = BookingStatusMapping.updated(BookingStatusMapping.requested(reserved, cancel, at: now), by: entry, answering: cancel, at: now)
        #expect(cancelled.canceled == cancel.canceled && cancelled.bookingRequests.map(\.requestStatus) == [.accepted, .accepted])

        let rejected = BookingStatusMapping.declined(pending, at: now)
        #expect(rejected.reservationStatus == .rejected && rejected.bookingRequests.map(\.requestStatus) == [.declined])
        let declinedChange = BookingStatusMapping.declined(BookingStatusMapping.requested(reserved, moved, at: now), at: now)
        #expect(declinedChange.reservationStatus == .reserved && declinedChange.bookingRequests.map(\.requestStatus) == [.accepted, .declined])
        #expect(!BookingStatusMapping.differs(reserved, BookingStatusMapping.updated(reserved, by: CalendarEntry(
            id: "B-1", evse: CalendarEVSE.id(station: "CS-1", evse: 1), window: window,
            purpose: .booking(.init(bookedBy: .emsp("NL*TNM"), token: token)), createdAt: now), answering: nil, at: now.addingTimeInterval(60))))
        for booking in [pending, reserved, changed, forced, cancelled, rejected] {
            #expect(try OCPICoding.decode(Booking.self, from: try OCPICoding.encode(booking)) == booking)
        }
    }

    // MARK: Requests over HTTP

    @Test(arguments: TestBackend.available)
    func anEMSPBooksModifiesAndCancelsAndIsToldOfEachOutcome(_ backend: TestBackend) async throws {
        let world = try await Self.world(backend)
        let parties = OCPIPartyStore(database: world.database)
        let tokenA = try #require(try await parties.add(name: world.emsp, at: Self.origin))
        #expect(try await parties.register(
            name: world.emsp, from: .pending, presentedToken: tokenA,
            .init(incomingToken: world.token, outgoingToken: "out", versionsURL: "http://emsp.test/versions", version: .v2_2_1, endpoints: [],
                roles: world.party.roles),
            at: Self.origin))
        let configuration = CPMSConfiguration(host: "127.0.0.1", port: 0, ocpi: OCPISettings(publicURL: "http://cpms.test", countryCode: "NL", partyID: "STM"))
        let app = try await buildCPMSApplication(configuration: configuration, database: world.database, clock: ManualClock(), logger: .quiet)
        let headers = OCPICredentialsTests.token(world.token)
        try await app.test(.router) { client in
            func call(_ method: HTTPRequest.Method, _ uri: String, _ body: Data? = nil) async throws -> [String: Any] {
                let response = try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(bytes: $0) })
                #expect(response.status == .ok, "\(uri)")
                return try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
            }
            func post(_ request: OCPI.BookingRequest) async throws -> [String: Any] {
                try await call(.post, "/ocpi/2.2.1/Booking", try OCPICoding.encode(request))
            }

            // The version details announce the module; the station's EVSEs are bookable, free over the horizon.
            let details = try await call(.get, "/ocpi/2.2.1")
            let endpoints = (details["data"] as? [String: Any])?["endpoints"] as? [[String: Any]] ?? []
            #expect(endpoints.contains { $0["identifier"] as? String == "Booking" && $0["role"] as? String == "SENDER" && $0["url"] as? String == "http://cpms.test/ocpi/2.2.1/Booking" })
            let listed = try await call(.get, "/ocpi/2.2.1/Booking/booking_locations")
            let ours = try (listed["data"] as? [[String: Any]] ?? []).map { try OCPICoding.decode(BookingLocation.self, from: JSONSerialization.data(withJSONObject: $0)) }
                .filter { $0.locationID == world.station }
            #expect(ours.map(\.id) == [world.evseUID(1), world.evseUID(2)])
            let slot = try #require(ours.first?.calendars?.first?.availableTimeslots.first)
            #expect(slot.startFrom.date == Self.origin && slot.endBefore.date == Self.origin.addingTimeInterval(7 * 86_400) && slot.maxPower == 11_000)

            // Book: PENDING now, RESERVED and ACCEPTED pushed.
            let created = try await post(world.request("R1", from: 3_600))
            #expect(created["status_code"] as? Int == 1000)
            let pending = try OCPICoding.decode(Booking.self, from: JSONSerialization.data(withJSONObject: try #require(created["data"])))
            #expect(pending.reservationStatus == .pending && pending.bookingRequests.map(\.requestStatus) == [.pending])
            var pushed = try await world.pushed()
            #expect(pushed.count == 1 && pushed[0].key == "booking/\(pending.id)" && pushed[0].path == #"["NL","STM","\#(pending.id)"]"#)
            #expect(pushed[0].booking.reservationStatus == .reserved && pushed[0].booking.bookingRequests.map(\.requestStatus) == [.accepted])

            // The booked hour is no longer free; another request for it is declined with the reason.
            let calendar = try await call(.get, "/ocpi/2.2.1/Booking/booking_locations/\(world.evseUID(1))/free")
            let slots = ((calendar["data"] as? [String: Any])?["available_timeslots"] as? [[String: Any]] ?? []).compactMap { $0["end_before"] as? String }
            #expect(slots.first == "\(OCPIDateTime(Self.origin.addingTimeInterval(3_600)))")
            let taken = try await post(world.request("R2", from: 3_600))
            #expect((taken["status_message"] as? String)?.contains("conflicts with booking \(pending.id)") == true)
            pushed = try await world.pushed()
            #expect(pushed.count == 2 && pushed[1].booking.reservationStatus == .rejected && pushed[1].booking.bookingRequests.map(\.requestStatus) == [.declined])

            // Modify (same request_id): moved to EVSE 2, an hour later.
            let modified = try await post(world.request("R1", evse: 2, from: 7_200))
            #expect((modified["data"] as? [String: Any])?["reservation_status"] as? String == "RESERVED")
            pushed = try await world.pushed()
            let moved = pushed[2].booking
            #expect(moved.id == pending.id && moved.evseUID == world.evseUID(2) && moved.period.startFrom.date == Self.origin.addingTimeInterval(7_200))
            #expect(moved.bookingRequests.map(\.requestStatus) == [.accepted, .accepted])

            // Cancel, with the eMSP's reason.
            var cancel = world.request("R1", evse: 2, from: 7_200)
            cancel.canceled = OCPI.Cancellation(cancellationReason: .traffic, whoCanceled: .emsp)
            _ = try await post(cancel)
            pushed = try await world.pushed()
            #expect(pushed.count == 4 && pushed[3].booking.reservationStatus == .canceled && pushed[3].booking.canceled == cancel.canceled)

            // GET bookings: the caller's own, as pushed.
            let mine = try await call(.get, "/ocpi/2.2.1/Booking")
            let ids = (mine["data"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String }
            #expect(Set(ids) == Set([pending.id, pushed[1].booking.id]))

            // Bad input names the field (2001); an unknown location is 2003; neither stores nor pushes anything.
            var noPeriod = try #require(try JSONSerialization.jsonObject(with: OCPICoding.encode(world.request("R3", from: 3_600))) as? [String: Any])
            noPeriod["period"] = nil
            let missing = try await call(.post, "/ocpi/2.2.1/Booking", try JSONSerialization.data(withJSONObject: noPeriod))
            #expect(missing["status_code"] as? Int == 2001 && (missing["status_message"] as? String)?.contains("period") == true)
            var longID = world.request("R3", from: 3_600)
            longID.requestID = String(repeating: "x", count: 40)
            let tooLong = try await call(.post, "/ocpi/2.2.1/Booking", try OCPICoding.encode(longID))
            #expect(tooLong["status_code"] as? Int == 2001 && (tooLong["status_message"] as? String)?.contains("request_id") == true)
            let unknown = try await post(world.request("R4", from: 3_600, location: "NOWHERE"))
            #expect(unknown["status_code"] as? Int == 2003 && (unknown["status_message"] as? String)?.contains("location_id") == true)
            var foreign = world.request("R5", from: 3_600)
            foreign.partyID = "ZZZ"
            let notOurs = try await post(foreign)
            #expect(notOurs["status_code"] as? Int == 2001 && (notOurs["status_message"] as? String)?.contains("party_id") == true)
            #expect(try await world.pushed().count == 4)
            #expect(try await BookingStore(database: world.database).bookings(emsp: world.emsp).count == 2)
            // The PostgreSQL database is shared: the party's roles must not stay registered.
            _ = try await parties.remove(name: world.emsp)
        }
        await world.database.shutdown()
    }

    // MARK: Pushes from the calendar's own changes

    @Test(arguments: TestBackend.available)
    func maintenanceNoShowAndFulfilmentArePushedToTheOwningEMSP(_ backend: TestBackend) async throws {
        let world = try await Self.world(backend)
        let clock = ManualClock()
        let calendar = try await CalendarService(
            store: CalendarStore(database: world.database),
            settings: CalendarSettings(terms: Scheduling.BookingTerms(noShowTimeout: 900)), clock: clock, logger: .quiet)
        let queue = OCPIPushQueue(database: world.database)
        await calendar.setListener(BookingPushes(queue: queue))
        let desk = BookingDesk(
            calendar: calendar, catalog: LocationCatalog(store: LocationStore(database: world.database), party: try CPOParty(countryCode: "NL", partyID: "STM")),
            store: BookingStore(database: world.database), queue: queue, settings: BookingSettings())
        let forced = try await desk.take(world.request("M1", evse: 1, from: 3_600), from: world.party, at: clock.wallTime).booking
        let noShow = try await desk.take(world.request("N1", evse: 2, from: 3_600), from: world.party, at: clock.wallTime).booking
        let used = try await desk.take(world.request("F1", evse: 2, from: 7_200), from: world.party, at: clock.wallTime).booking

        // A technician forces maintenance over the first.
        try await calendar.scheduleMaintenance(MaintenanceRequest(
            id: EntryIDs.generate("M", at: clock.wallTime), evse: CalendarEVSE.id(station: world.station, evse: 1),
            window: TimeWindow(start: Self.origin.addingTimeInterval(1_800), duration: 7_200), by: .technician("tom"), reason: "pump", force: true))
        // The second's no-show timeout passes: the scheduler executes the release.
        clock.advance(by: .seconds(3_600 + 900))
        let release = try #require(await calendar.dueActions(at: clock.wallTime).first { $0.entry.rawValue == noShow.id && $0.kind == .releaseNoShow })
        try await calendar.markExecuted(release, at: clock.wallTime, outcome: "released")
        // The third's token starts charging at its EVSE (what CalendarStationActivity reports).
        clock.advance(by: .seconds(3_600))
        let recorded = try await calendar.recordUse(station: world.station, evse: 2, tokenUID: "TOK-F1", at: clock.wallTime)
        #expect(recorded?.rawValue == used.id)

        let pushed = try await world.pushed()
        func statuses(_ id: String) -> [ReservationStatus] { pushed.filter { $0.booking.id == id }.map(\.booking.reservationStatus) }
        #expect(statuses(forced.id) == [.reserved, .canceled])
        #expect(pushed.last { $0.booking.id == forced.id }?.booking.canceled == OCPI.Cancellation(cancellationReason: .brokenCharger, whoCanceled: .cpo))
        #expect(statuses(noShow.id) == [.reserved, .noShow])
        #expect(statuses(used.id) == [.reserved, .fulfilled])
        #expect(pushed.allSatisfy { $0.key == "booking/\($0.booking.id)" })
        // Stored as pushed.
        #expect(try await BookingStore(database: world.database).booking(id: used.id)?.booking.reservationStatus == .fulfilled)
        await world.database.shutdown()
    }
}

extension OCPIBookingsTests.World {
    /// The Bookings enqueued for the eMSP, in order (location pushes left out).
    func pushed() async throws -> [(key: String, path: String, booking: Booking)] {
        try await database.withConnection { connection in
            try await connection.select().columns("object_key", "path_json", "module", "method", "body").from("ocpi_push_queue")
                .where("party", .equal, emsp).where("object_key", .like, "booking/%").orderBy("seq").all()
        }.map { row in
            #expect(try row.decode(column: "method", as: String.self) == "PUT")
            #expect(try row.decode(column: "module", as: String.self) == "Booking")
            let body = try row.decode(column: "body", as: String.self)
            return (
                try row.decode(column: "object_key", as: String.self), try row.decode(column: "path_json", as: String.self),
                try OCPICoding.decode(Booking.self, from: Data(body.utf8))
            )
        }
    }
}
