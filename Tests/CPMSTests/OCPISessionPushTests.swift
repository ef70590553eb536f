@testable import CPMS
import Foundation
import OCPI
import OCPP
import SQLKit
import Testing

/// Sessions and CDRs pushed through the queue, on SQLite and PostgreSQL: a transaction whose token an eMSP owns
/// at a published station is PUT at its start, PATCHed on charging-state changes and when the interval has
/// passed, COMPLETED at its end, and its CDR is POSTed exactly once whatever is replayed or restarted.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct OCPISessionPushTests {
    static let start = OCPPFixtures.start
    static let party = try! CPOParty(countryCode: "NL", partyID: "STM")

    struct Setup {
        var database: any CPMSDatabase
        var station: String
        var emsp: String
        var tariffID: String
        var publisher: SessionPublisher
        var recorder: ChargingRecorder
    }

    /// A published station with one described EVSE, a tariff on it, a registered eMSP owning token `TAG-<station>`.
    func setUp(_ backend: TestBackend, tariff: Bool = true) async throws -> Setup {
        // A database of its own: a delivery running in another test would claim the rows this test reads.
        let database = try await backend.openPrivate()
        let station = uniqueStationID("SES")
        try await StationRegistry(database: database).add(ids: [station], passwordHash: "x", at: Self.start - 86_400)
        var details = try LocationDetails.decode(Data(LocationCatalogTests.body.utf8))
        details.evseCode = "S" + String(station.suffix(8)).uppercased().filter { $0.isLetter || $0.isNumber }
        _ = try await LocationStore(database: database).set(details, station: station, at: Self.start - 3_600)
        try await database.withConnection { connection in
            try await connection.insert(into: "evse_connectors")
                .columns("station", "evse", "connector", "standard", "format", "power_type", "max_voltage", "max_amperage", "max_electric_power", "updated_at")
                .values(station, 1, 1, "IEC_62196_T2", "SOCKET", "AC_3_PHASE", Int?.none, Int?.none, 22_000, StoredTime.text(Self.start - 3_600)).run()
        }
        let tariffID = "TF-" + UUID().uuidString.prefix(8)
        if tariff {
            let tariffs = TariffStore(database: database)
            _ = try await tariffs.create(try ChargingRecordStoreTests.tariff(tariffID, price: "0.30"), at: Self.start - 600)
            try await tariffs.assign(tariffID, to: try TariffTarget(station: station), at: Self.start - 600)
        }
        let emsp = "emsp-\(UUID().uuidString.prefix(8))"
        let parties = OCPIPartyStore(database: database)
        let tokenA = try #require(try await parties.add(name: emsp, at: Self.start - 86_400))
        #expect(try await parties.register(
            name: emsp, from: .pending, presentedToken: tokenA,
            .init(incomingToken: "in-\(emsp)", outgoingToken: "out-\(emsp)", versionsURL: "http://emsp.test/versions", version: .v2_2_1,
                  endpoints: [.sessions, .cdrs].map { Endpoint(identifier: $0, role: .receiver, url: "http://emsp.test/2.2.1/\($0.rawValue)") },
                  roles: []),
            at: Self.start - 86_400))
        let token = """
            {"country_code": "DE", "party_id": "EXW", "uid": "TAG-\(station)", "type": "RFID", "contract_id": "DE-EXW-C12345678-X",
             "issuer": "Extrawest", "valid": true, "whitelist": "ALLOWED", "last_updated": "2027-01-01T00:00:00Z"}
            """
        try await database.withConnection { connection in
            try await connection.insert(into: "ocpi_tokens")
                .columns("country_code", "party_id", "uid", "type", "emsp", "token_json", "valid", "last_updated")
                .values("DE", "EXW", "TAG-\(station)", "RFID", emsp, token, 1, "2027-01-01T00:00:00Z").run()
        }
        let queue = OCPIPushQueue(database: database)
        let recorder = ChargingRecorder(database: database, cdrs: CDRPublisher(database: database, party: Self.party, queue: queue), logger: .quiet)
        let publisher = SessionPublisher(database: database, party: Self.party, queue: queue, recorder: recorder, logger: .quiet)
        return Setup(database: database, station: station, emsp: emsp, tariffID: tariffID, publisher: publisher, recorder: recorder)
    }

    /// EV connected at the start; charging from 10 min; suspended at 30 min (5.5 kWh); ended at 45 min.
    static func events(_ id: String, token: String, remote: Bool = false) -> [OCPP201.TransactionEventRequest] {
        [
            .init(
                eventType: .started, meterValues: OCPPFixtures.energy(1_000, at: start, powerW: 0), timestamp: start,
                triggerReason: remote ? .remoteStart : .authorized, seqNo: 0,
                transactionInfo: .init(transactionId: id, chargingState: .evConnected), evse: .init(id: 1, connectorId: 1),
                idToken: .init(idToken: token, type: .iso14443)),
            .init(
                eventType: .updated, meterValues: OCPPFixtures.energy(1_000, at: start + 600, powerW: 11_000), timestamp: start + 600,
                triggerReason: .chargingStateChanged, seqNo: 1, transactionInfo: .init(transactionId: id, chargingState: .charging)),
            .init(
                eventType: .updated, meterValues: OCPPFixtures.energy(3_750, at: start + 1_200, powerW: 11_000), timestamp: start + 1_200,
                triggerReason: .meterValuePeriodic, seqNo: 2, transactionInfo: .init(transactionId: id, chargingState: .charging)),
            .init(
                eventType: .updated, meterValues: OCPPFixtures.energy(6_500, at: start + 1_800, powerW: 0), timestamp: start + 1_800,
                triggerReason: .chargingStateChanged, seqNo: 3, transactionInfo: .init(transactionId: id, chargingState: .suspendedEV)),
            .init(
                eventType: .ended, meterValues: OCPPFixtures.energy(6_500, at: start + 2_700), timestamp: start + 2_700,
                triggerReason: .evCommunicationLost, seqNo: 4,
                transactionInfo: .init(transactionId: id, chargingState: .idle, stoppedReason: .evDisconnected)),
        ]
    }

    struct Row: Equatable {
        var key: String
        var method: String
        var path: String?
        var body: [String: Any]
        static func == (a: Row, b: Row) -> Bool { a.key == b.key && a.method == b.method && a.path == b.path }
    }

    func queued(_ setup: Setup) async throws -> [Row] {
        let raw = try await setup.database.withConnection { connection in
            try await connection.select().columns("object_key", "method", "path_json", "body").from("ocpi_push_queue")
                .where("party", .equal, setup.emsp).orderBy("seq").all().map { row in
                    (try row.decode(column: "object_key", as: String.self), try row.decode(column: "method", as: String.self),
                     try row.decode(column: "path_json", as: String?.self), try row.decode(column: "body", as: String?.self) ?? "{}")
                }
        }
        return try raw.map { key, method, path, body in
            Row(key: key, method: method, path: path,
                body: try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any]))
        }
    }

    /// Stores the event as the gateway does, then makes the gateway's calls.
    func receive(_ event: OCPP201.TransactionEventRequest, _ setup: Setup, at now: Date) async throws {
        _ = try await IngestWriter(database: setup.database, logger: .quiet)
            .store(.transactionEvent(event, station: setup.station, receivedAt: StoredTime.text(now)))
        await setup.publisher.transactionEventStored(station: setup.station, transactionId: event.transactionInfo.transactionId, at: now)
        if event.eventType == .ended {
            try await setup.recorder.transactionEnded(station: setup.station, transactionId: event.transactionInfo.transactionId, at: now)
        }
    }

    @Test(arguments: TestBackend.available)
    func aSessionIsPutPatchedCompletedAndItsCDRPostedOnce(_ backend: TestBackend) async throws {
        let setup = try await setUp(backend)
        let transaction = "TX-\(setup.station)"
        let events = Self.events(transaction, token: "TAG-\(setup.station)")
        let interval = Duration.seconds(60)

        try await receive(events[0], setup, at: Self.start + 1)
        var rows = try await queued(setup)
        #expect(rows.count == 1)
        let put = try #require(rows.first)
        let id = try #require(put.body["id"] as? String)
        #expect(id.count <= 36)
        #expect(put.key == "session/\(id)")
        #expect(put.method == "PUT")
        #expect(put.path == #"["NL","STM","\#(id)"]"#)
        #expect(put.body["status"] as? String == "PENDING")
        #expect(put.body["auth_method"] as? String == "WHITELIST")
        #expect(put.body["location_id"] as? String == setup.station)
        #expect(put.body["connector_id"] as? String == "1")
        #expect((put.body["cdr_token"] as? [String: Any])?["contract_id"] as? String == "DE-EXW-C12345678-X")
        #expect(put.body["currency"] as? String == "EUR")
        _ = try OCPICoding.decode(Session.self, from: JSONSerialization.data(withJSONObject: put.body))

        // Nothing is due before the interval has passed.
        #expect(try await setup.publisher.reportDue(at: Self.start + 30, interval: interval) == 0)
        // The station starts charging: a charging-state change is PATCHed at once.
        try await receive(events[1], setup, at: Self.start + 601)
        rows = try await queued(setup)
        #expect(rows.count == 2)
        #expect(rows[1].method == "PATCH")
        #expect(rows[1].key == "session/\(id)")
        #expect(rows[1].body["status"] as? String == "ACTIVE")
        // A periodic meter value changes only numbers: it waits for the interval.
        try await receive(events[2], setup, at: Self.start + 1_201)
        #expect(try await queued(setup).count == 2)
        #expect(try await setup.publisher.reportDue(at: Self.start + 1_202, interval: interval) == 1)
        rows = try await queued(setup)
        #expect(rows.count == 3)
        #expect(rows[2].body["kwh"] as? Double == 2.75)
        #expect(rows[2].body["status"] == nil)
        #expect(rows[2].body["total_cost"] != nil)
        // Looked at again within the interval: nothing; after it, with nothing new: nothing either.
        #expect(try await setup.publisher.reportDue(at: Self.start + 1_230, interval: interval) == 0)
        #expect(try await setup.publisher.reportDue(at: Self.start + 1_300, interval: interval) == 0)
        #expect(try await queued(setup).count == 3)

        try await receive(events[3], setup, at: Self.start + 1_801)
        try await receive(events[4], setup, at: Self.start + 2_701)
        rows = try await queued(setup)
        #expect(rows.map(\.method) == ["PUT", "PATCH", "PATCH", "PATCH", "PATCH", "POST"])
        let completed = rows[4].body
        #expect(completed["status"] as? String == "COMPLETED")
        #expect(completed["end_date_time"] as? String == "2027-01-15T08:45:00Z")
        #expect(completed["kwh"] as? Double == 5.5)
        let cdr = rows[5]
        #expect(cdr.key == "cdr/\(id)")
        #expect(cdr.path == "[]")
        let record = try #require(try await ChargingRecordStore(database: setup.database).record(station: setup.station, transactionId: transaction))
        let decoded = try OCPICoding.decode(CDR.self, from: JSONSerialization.data(withJSONObject: cdr.body))
        #expect("\(decoded.totalCost.exclVAT)" == record.totalExclVAT)
        #expect(decoded.totalCost.inclVAT.map { "\($0)" } == record.totalInclVAT)
        #expect(decoded.totalCost == Price(exclVAT: Decimal(string: "3.3167")!, inclVAT: Decimal(string: "3.6632")!))
        #expect(decoded.tariffs?.map(\.id) == [setup.tariffID])
        #expect(decoded.sessionID == id)
        let session = try #require(try await SessionStore(database: setup.database).session(station: setup.station, transactionId: transaction))
        #expect(session.session.totalCost == decoded.totalCost)

        // A replayed Ended, a restart's catch-up and another interval enqueue nothing more.
        try await receive(events[4], setup, at: Self.start + 2_800)
        // (On the shared PostgreSQL database other tests' transactions may be caught up too: only ours is counted.)
        _ = try await setup.recorder.recordMissing(at: Self.start + 2_900)
        #expect(try await setup.publisher.reportDue(at: Self.start + 9_000, interval: interval) == 0)
        #expect(try await queued(setup).count == 6)

        // The Sender interfaces' stores: the eMSP's own session and CDR, no one else's.
        #expect(try await SessionStore(database: setup.database).sessions(emsp: setup.emsp).map(\.status) == [.completed])
        #expect(try await SessionStore(database: setup.database).sessions(emsp: "someone-else").isEmpty)
        #expect(try await CDRStore(database: setup.database).cdrs(emsp: setup.emsp).map(\.id) == [id])
        await setup.database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func aCDRLostToACrashIsWrittenWithTheRecordAtTheNextStart(_ backend: TestBackend) async throws {
        let setup = try await setUp(backend)
        let transaction = "TX-\(setup.station)"
        let events = Self.events(transaction, token: "TAG-\(setup.station)", remote: true)
        try await setup.database.withConnection { connection in
            try await connection.insert(into: "ocpi_commands")
                .columns("id", "emsp", "command", "response_url", "station", "evse", "remote_start_id", "id_token", "authorization_reference", "created_at")
                .values("cmd-\(setup.station)", setup.emsp, "START_SESSION", "http://emsp.test/commands/START_SESSION/1", setup.station, 1, 7,
                        "tag-\(setup.station)", "AUTH-REF-1", StoredTime.text(Self.start - 5)).run()
        }
        for event in events {
            _ = try await IngestWriter(database: setup.database, logger: .quiet)
                .store(.transactionEvent(event, station: setup.station, receivedAt: StoredTime.text(Self.start)))
            // cpms "crashes" before the Ended event's record is written.
            if event.eventType != .ended {
                await setup.publisher.transactionEventStored(station: setup.station, transactionId: transaction, at: Self.start + 10)
            }
        }
        #expect(try await queued(setup).first?.body["auth_method"] as? String == "COMMAND")
        #expect(try await queued(setup).first?.body["authorization_reference"] as? String == "AUTH-REF-1")
        #expect(try await setup.recorder.recordMissing(at: Self.start + 3_000) >= 1)
        #expect(try await ChargingRecordStore(database: setup.database).record(station: setup.station, transactionId: transaction) != nil)
        _ = try await setup.recorder.recordMissing(at: Self.start + 3_001)
        try await setup.recorder.transactionEnded(station: setup.station, transactionId: transaction, at: Self.start + 3_002)
        let posts = try await queued(setup).filter { $0.method == "POST" }
        #expect(posts.count == 1)
        await setup.database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func anUnpricedRecordsCDRIsHeldAndATokenOfNoEMSPIsNoSession(_ backend: TestBackend) async throws {
        let setup = try await setUp(backend, tariff: false)
        let transaction = "TX-\(setup.station)"
        for event in Self.events(transaction, token: "TAG-\(setup.station)") { try await receive(event, setup, at: Self.start + 3_000) }
        let rows = try await queued(setup)
        #expect(rows.map(\.method) == ["PUT", "PATCH", "PATCH", "PATCH"])
        #expect(rows.last?.body["status"] as? String == "COMPLETED")
        #expect(rows.allSatisfy { $0.body["total_cost"] == nil })
        let held = try await CDRStore(database: setup.database).entries(status: "held").filter { $0.station == setup.station }
        #expect(held.count == 1)
        #expect(held.first?.reason?.contains("no_tariff") == true)
        #expect(try await CDRStore(database: setup.database).cdrs(emsp: setup.emsp).isEmpty)

        let stranger = "TX2-\(setup.station)"
        for event in Self.events(stranger, token: "NOT-AN-EMSP-TOKEN") {
            _ = try await IngestWriter(database: setup.database, logger: .quiet)
                .store(.transactionEvent(event, station: setup.station, receivedAt: StoredTime.text(Self.start)))
            #expect(try await setup.publisher.update(station: setup.station, transactionId: stranger, at: Self.start + 10)
                == .notReported("token NOT-AN-EMSP-TOKEN belongs to no registered eMSP"))
        }
        #expect(try await queued(setup).count == 4)
        await setup.database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func aTokenTheEMSPAuthorizedInRealTimeIsAnAuthRequestWithItsReference(_ backend: TestBackend) async throws {
        let setup = try await setUp(backend)
        try await OCPITokenStore(database: setup.database).record(.init(
            station: setup.station, idToken: "TAG-\(setup.station)", emsp: setup.emsp, allowed: .allowed, authorizationReference: "RT-42",
            at: Self.start - 2))
        let transaction = "TX-\(setup.station)"
        try await receive(Self.events(transaction, token: "TAG-\(setup.station)")[0], setup, at: Self.start)
        let put = try #require(try await queued(setup).first)
        #expect(put.body["auth_method"] as? String == "AUTH_REQUEST")
        #expect(put.body["authorization_reference"] as? String == "RT-42")
        await setup.database.shutdown()
    }
}
