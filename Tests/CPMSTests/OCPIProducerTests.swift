@testable import CPMS
import Foundation
import OCPI
import Scheduling
import SQLKit
import StationTesting
import Synchronization
import Testing

/// The location and tariff producers on SQLite and PostgreSQL: each change enqueues, for every registered eMSP,
/// what `LocationChanges` says (PUT of a new Location, PATCH of an EVSE's status, REMOVED), a saved tariff a PUT,
/// and nothing when nothing changed; the sweep finds what changed without a producer call.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct OCPIProducerTests {
    static let start = Date(timeIntervalSince1970: 1_800_000_000)

    final class Clock: Sendable {
        let time = Mutex(OCPIProducerTests.start)
        func advance(_ seconds: Double) { time.withLock { $0 = $0.addingTimeInterval(seconds) } }
        var now: Date { time.withLock { $0 } }
    }

    static func register(_ name: String, receiving modules: [ModuleID] = [.locations, .tariffs], on database: any CPMSDatabase) async throws {
        let endpoints = modules.map { Endpoint(identifier: $0, role: .receiver, url: "http://127.0.0.1:9/\($0.rawValue)") }
        let roles = [CredentialsRole(role: .emsp, businessDetails: BusinessDetails(name: name), partyID: "TNM", countryCode: "NL")]
        try await database.withConnection { connection in
            try await connection.insert(into: "ocpi_parties")
                .columns("name", "status", "outgoing_token", "version", "endpoints_json", "roles_json", "created_at", "updated_at")
                .values(
                    SQLBind(name), SQLBind("registered"), SQLBind("t"), SQLBind("2.2.1"), SQLBind(String(decoding: try JSONEncoder().encode(endpoints), as: UTF8.self)),
                    SQLBind(String(decoding: try JSONEncoder().encode(roles), as: UTF8.self)), SQLBind(StoredTime.text(start)), SQLBind(StoredTime.text(start)))
                .run()
        }
    }

    /// The pushes queued for `party`, in order: method, object key, path, body.
    static func queued(_ party: String, on database: any CPMSDatabase) async throws -> [(method: String, key: String, path: [String], body: [String: Any])] {
        try await database.withConnection { connection in
            try await connection.select().columns("method", "object_key", "path_json", "body").from("ocpi_push_queue")
                .where("party", .equal, party).orderBy("seq").all()
        }.map { row in
            let path = try JSONDecoder().decode([String].self, from: Data(try row.decode(column: "path_json", as: String.self).utf8))
            let body = try row.decodeNil(column: "body") ? [:] : (try JSONSerialization.jsonObject(with: Data(try row.decode(column: "body", as: String.self).utf8)) as? [String: Any] ?? [:])
            return (try row.decode(column: "method", as: String.self), try row.decode(column: "object_key", as: String.self), path, body)
        }
    }

    @Test(arguments: TestBackend.available)
    func locationChangesAreQueuedForEveryRegisteredEMSPAsTheirDifference(_ backend: TestBackend) async throws {
        let database = try await backend.openPrivate()
        let clock = Clock()
        let party = "emsp-" + UUID().uuidString.prefix(8).lowercased()
        try await Self.register(party, on: database)
        let station = uniqueStationID("PUSH")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "x", at: Self.start)
        var details = try LocationDetails.decode(Data(LocationCatalogTests.body.utf8))
        details.evseCode = "P" + String(UUID().uuidString.filter { $0.isLetter || $0.isNumber }.prefix(10)).uppercased()
        _ = try await LocationStore(database: database).set(details, station: station, at: Self.start)
        let pushes = LocationPushes(
            database: database, queue: OCPIPushQueue(database: database), party: try CPOParty(countryCode: "DE", partyID: "STM"),
            now: { clock.now }, logger: .quiet)

        // Details alone publish nothing: a Location needs a described EVSE.
        await pushes.stationChanged(station)
        #expect(try await Self.queued(party, on: database).isEmpty)

        try await database.withConnection { connection in
            try await connection.insert(into: "evse_connectors")
                .columns("station", "evse", "connector", "standard", "format", "power_type", "max_voltage", "max_amperage", "max_electric_power", "updated_at")
                .values(station, 1, 1, "IEC_62196_T2", "SOCKET", "AC_3_PHASE", Int?.none, Int?.none, 22_000, StoredTime.text(Self.start)).run()
        }
        clock.advance(1)
        await pushes.stationChanged(station)
        var queued = try await Self.queued(party, on: database)
        #expect(queued.map(\.method) == ["PUT"])
        #expect(queued.first?.key == "location/\(station)")
        #expect(queued.first?.path == ["DE", "STM", station])
        #expect((queued.first?.body["evses"] as? [[String: Any]])?.first?["status"] as? String == "UNKNOWN")

        // The same state again: nothing.
        clock.advance(1)
        await pushes.stationChanged(station)
        #expect(try await Self.queued(party, on: database).count == 1)

        // The station connects and reports its connector Available: one PATCH of the EVSE's status.
        try await StationRegistry(database: database).setConnected(station, true, at: clock.now)
        try await database.withConnection { connection in
            try await connection.insert(into: "evse_status").columns("station", "evse", "connector", "status", "socket", "updated_at")
                .values(station, 1, 1, "Available", String?.none, StoredTime.text(clock.now)).run()
        }
        clock.advance(1)
        await pushes.stationChanged(station)
        queued = try await Self.queued(party, on: database)
        #expect(queued.map(\.method) == ["PUT", "PATCH"])
        let evseUID = queued.last?.path.last ?? ""
        #expect(queued.last?.key == "evse/\(station)/\(evseUID)")
        #expect(queued.last?.body["status"] as? String == "AVAILABLE")
        #expect(queued.last?.body["last_updated"] != nil)
        #expect(Set(queued.last?.body.keys.map { $0 } ?? []) == ["status", "last_updated"])

        // A change the producer was not told of is found by the sweep.
        try await database.withConnection { connection in
            try await connection.update("evse_status").set("status", to: "Faulted").where("station", .equal, station).run()
        }
        clock.advance(1)
        #expect(try await pushes.sweep() >= 1)
        queued = try await Self.queued(party, on: database)
        #expect(queued.map(\.method) == ["PUT", "PATCH", "PATCH"])
        #expect(queued.last?.body["status"] as? String == "OUTOFORDER")

        // The EVSE is no longer described: REMOVED.
        try await database.withConnection { connection in
            try await connection.delete(from: "evse_connectors").where("station", .equal, station).run()
        }
        await pushes.stationChanged(station)
        queued = try await Self.queued(party, on: database)
        #expect(queued.last?.method == "PATCH")
        #expect(queued.last?.body["status"] as? String == "REMOVED")
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func aSavedTariffIsPutToEveryRegisteredEMSPOncePerChange(_ backend: TestBackend) async throws {
        let database = try await backend.openPrivate()
        let clock = Clock()
        let party = "emsp-" + UUID().uuidString.prefix(8).lowercased()
        try await Self.register(party, on: database)
        let pushes = TariffPushes(
            database: database, queue: OCPIPushQueue(database: database), party: try CPOParty(countryCode: "DE", partyID: "STM"),
            now: { clock.now }, logger: .quiet)
        let id = TariffStoreTests.uniqueTariffID()
        let store = TariffStore(database: database)
        _ = try await store.create(try TariffStoreTests.tariff(id, price: "0.30"), at: clock.now)
        await pushes.tariffChanged(id)
        await pushes.tariffChanged(id)
        clock.advance(60)
        _ = try await store.edit(try TariffStoreTests.tariff(id, price: "0.42"), at: clock.now)
        await pushes.tariffChanged(id)
        let queued = try await Self.queued(party, on: database).filter { $0.key == "tariff/\(id)" }
        #expect(queued.map(\.method) == ["PUT", "PUT"])
        #expect(queued.first?.path == ["DE", "STM", id])
        #expect(queued.first?.body["country_code"] as? String == "DE")
        let price = { (body: [String: Any]) in
            (((body["elements"] as? [[String: Any]])?.first?["price_components"] as? [[String: Any]])?.first?["price"] as? NSNumber)?.decimalValue
        }
        #expect(queued.map { price($0.body) } == [Decimal(string: "0.30"), Decimal(string: "0.42")])
        _ = try await pushes.sweep()
        #expect(try await Self.queued(party, on: database).filter { $0.key == "tariff/\(id)" }.count == 2)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func describedEVSEsAndMaintenanceBlocksFromTheCalendarArePushed(_ backend: TestBackend) async throws {
        let database = try await backend.openPrivate()
        let clock = ManualClock()
        let party = "emsp-" + UUID().uuidString.prefix(8).lowercased()
        try await Self.register(party, on: database)
        let station = uniqueStationID("MNT")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "x", at: clock.wallTime)
        var details = try LocationDetails.decode(Data(LocationCatalogTests.body.utf8))
        details.evseCode = "M" + String(UUID().uuidString.filter { $0.isLetter || $0.isNumber }.prefix(10)).uppercased()
        _ = try await LocationStore(database: database).set(details, station: station, at: clock.wallTime)
        let pushes = LocationPushes(
            database: database, queue: OCPIPushQueue(database: database), party: try CPOParty(countryCode: "DE", partyID: "STM"),
            now: { clock.wallTime }, logger: .quiet)
        let calendar = try await CalendarService(
            store: CalendarStore(database: database), settings: CalendarSettings(), clock: clock, logger: .quiet,
            stationsChanged: { await pushes.stationsChanged($0) })

        try await calendar.describe(
            EVSEConnector(station: station, evse: 1, connector: 1, standard: "IEC_62196_T2", powerType: "AC_3_PHASE", maxElectricPower: 22_000))
        var queued = try await Self.queued(party, on: database)
        #expect(queued.map(\.method) == ["PUT"] && queued.first?.key == "location/\(station)")

        let block = EntryIDs.generate("M", at: Date())
        let start = clock.wallTime + 3_600, end = clock.wallTime + 7_200
        try await calendar.scheduleMaintenance(MaintenanceRequest(
            id: block, evse: CalendarEVSE.id(station: station, evse: 1), window: TimeWindow(start: start, end: end), by: .technician("Kim"),
            reason: "RCD test", force: true))
        queued = try await Self.queued(party, on: database)
        #expect(queued.map(\.method) == ["PUT", "PATCH"])
        let schedule = queued.last?.body["status_schedule"] as? [[String: Any]]
        #expect(schedule?.count == 1 && schedule?.first?["status"] as? String == "INOPERATIVE")
        #expect(schedule?.first?["period_begin"] as? String == OCPIDateTime(start).description)
        #expect(Set(queued.last?.body.keys.map { $0 } ?? []) == ["status_schedule", "last_updated"])

        // Cancelled: the EVSE loses its status_schedule, which a PATCH cannot remove: the EVSE is PUT whole.
        try await calendar.cancel(block, by: .technician("Kim"), reason: "done early")
        queued = try await Self.queued(party, on: database)
        #expect(queued.map(\.method) == ["PUT", "PATCH", "PUT"])
        #expect(queued.last?.key.hasPrefix("evse/\(station)/") == true && queued.last?.body["status_schedule"] == nil)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func anEMSPRegisteringLateIsPutEveryPublishedLocationAndTariffThenItsDifferences(_ backend: TestBackend) async throws {
        let database = try await backend.openPrivate()
        let clock = Clock()
        let cpo = try CPOParty(countryCode: "DE", partyID: "STM")
        let early = "emsp-" + UUID().uuidString.prefix(8).lowercased()
        try await Self.register(early, on: database)
        let locations = LocationPushes(database: database, queue: OCPIPushQueue(database: database), party: cpo, now: { clock.now }, logger: .quiet)
        let tariffs = TariffPushes(database: database, queue: OCPIPushQueue(database: database), party: cpo, now: { clock.now }, logger: .quiet)

        // A Location and a tariff are published (and pushed to the eMSP registered then).
        let station = uniqueStationID("LATE")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "x", at: Self.start)
        var details = try LocationDetails.decode(Data(LocationCatalogTests.body.utf8))
        details.evseCode = "L" + String(UUID().uuidString.filter { $0.isLetter || $0.isNumber }.prefix(10)).uppercased()
        _ = try await LocationStore(database: database).set(details, station: station, at: Self.start)
        try await database.withConnection { connection in
            try await connection.insert(into: "evse_connectors")
                .columns("station", "evse", "connector", "standard", "format", "power_type", "max_voltage", "max_amperage", "max_electric_power", "updated_at")
                .values(station, 1, 1, "IEC_62196_T2", "SOCKET", "AC_3_PHASE", Int?.none, Int?.none, 22_000, StoredTime.text(Self.start)).run()
        }
        await locations.stationChanged(station)
        let tariff = TariffStoreTests.uniqueTariffID()
        _ = try await TariffStore(database: database).create(try TariffStoreTests.tariff(tariff, price: "0.30"), at: clock.now)
        await tariffs.tariffChanged(tariff)
        #expect(try await Self.queued(early, on: database).map(\.key) == ["location/\(station)", "tariff/\(tariff)"])
        let published = try await OCPIPublished.all("location/", in: database)[station]

        // Three eMSPs register: one with both receivers, one with only a tariffs receiver, one pull-only (a tokens sender).
        let parties = OCPIPartyStore(database: database)
        let registration = OCPIRegistration(
            parties: parties, client: OCPIClient(settings: OCPISettings(), timeout: .seconds(1), logger: .quiet), settings: OCPISettings(),
            clock: ManualClock(), logger: .quiet, catchUp: OCPIPublicationCatchUp(party: cpo, kind: database.kind))
        func receivers(_ modules: [ModuleID]) -> [Endpoint] {
            modules.map { Endpoint(identifier: $0, role: .receiver, url: "http://127.0.0.1:9/\($0.rawValue)") }
        }
        func register(_ name: String, _ endpoints: [Endpoint], from status: OCPIPartyStatus = .pending, token: String? = nil) async throws {
            let presented: String
            if let token { presented = token } else { presented = try #require(try await parties.add(name: name, at: clock.now)) }
            let stored = try await parties.register(
                name: name, from: status, presentedToken: presented,
                .init(incomingToken: "in-\(name)", outgoingToken: "out", versionsURL: "http://127.0.0.1:9/versions", version: .v2_2_1,
                      endpoints: endpoints, roles: []),
                at: clock.now, then: registration.owed(name, endpoints: endpoints))
            #expect(stored)
        }
        let late = "late-" + UUID().uuidString.prefix(8).lowercased()
        let tariffsOnly = "tariffs-" + UUID().uuidString.prefix(8).lowercased()
        let pullOnly = "pull-" + UUID().uuidString.prefix(8).lowercased()
        try await register(late, receivers([.locations, .tariffs]))
        try await register(tariffsOnly, receivers([.tariffs]))
        try await register(pullOnly, [Endpoint(identifier: .tokens, role: .sender, url: "http://127.0.0.1:9/tokens")])

        var queued = try await Self.queued(late, on: database)
        #expect(queued.map(\.method) == ["PUT", "PUT"])
        #expect(queued.map(\.key) == ["location/\(station)", "tariff/\(tariff)"])
        #expect(queued.map(\.path) == [["DE", "STM", station], ["DE", "STM", tariff]])
        #expect(queued.first.flatMap { try? JSONSerialization.data(withJSONObject: $0.body, options: .sortedKeys) }
            == published.flatMap { try? JSONSerialization.data(withJSONObject: JSONSerialization.jsonObject(with: $0), options: .sortedKeys) })
        #expect(try await Self.queued(tariffsOnly, on: database).map(\.key) == ["tariff/\(tariff)"])
        #expect(try await Self.queued(pullOnly, on: database).isEmpty)
        // Nothing changed for the eMSP registered before.
        #expect(try await Self.queued(early, on: database).count == 2)

        // The next change reaches each eMSP that receives its module, after the PUT it is a difference from.
        try await StationRegistry(database: database).setConnected(station, true, at: clock.now)
        try await database.withConnection { connection in
            try await connection.insert(into: "evse_status").columns("station", "evse", "connector", "status", "socket", "updated_at")
                .values(station, 1, 1, "Available", String?.none, StoredTime.text(clock.now)).run()
        }
        clock.advance(1)
        await locations.stationChanged(station)
        queued = try await Self.queued(late, on: database)
        #expect(queued.map(\.method) == ["PUT", "PUT", "PATCH"])
        #expect(queued.last?.body["status"] as? String == "AVAILABLE")
        #expect(try await Self.queued(tariffsOnly, on: database).count == 1)
        #expect(try await Self.queued(pullOnly, on: database).isEmpty)

        // A credentials update that keeps the receivers owes nothing; one that brings a locations receiver owes the Locations.
        try await register(late, receivers([.locations, .tariffs]), from: .registered, token: "in-\(late)")
        #expect(try await Self.queued(late, on: database).count == 3)
        try await register(tariffsOnly, receivers([.tariffs, .locations]), from: .registered, token: "in-\(tariffsOnly)")
        queued = try await Self.queued(tariffsOnly, on: database)
        #expect(queued.map(\.key) == ["tariff/\(tariff)", "location/\(station)"])
        #expect(queued.last?.body["evses"] != nil)
        await database.shutdown()
    }
}
