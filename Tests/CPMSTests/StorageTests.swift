@testable import CPMS
import Foundation
import OCPP
import SQLKit
import Testing

/// Migrations, registration and idempotent ingestion, on SQLite and (when configured) PostgreSQL alike.
@Suite(.serialized)
struct StorageTests {
    let receivedAt = StoredTime.text(OCPPFixtures.start + 3_600)

    func registered(_ database: any CPMSDatabase, _ id: String = uniqueStationID()) async throws -> String {
        try await StationRegistry(database: database).add(ids: [id], passwordHash: "not-a-real-hash", at: OCPPFixtures.start)
        return id
    }

    @Test(arguments: TestBackend.available)
    func migrationsAreRecordedAndRunOnlyOnce(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        #expect(try await Migrations.run(on: database, clock: { Date() }, logger: .quiet).isEmpty)
        let versions = try await database.withConnection { connection in
            try await connection.select().column("version").from("schema_migrations").all().map { try $0.decode(column: "version", as: Int.self) }
        }
        #expect(versions == Migrations.all.map(\.version))
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func aReplayedTransactionIsStoredOnceAndItsRepliesCounted(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = try await registered(database)
        let writer = IngestWriter(database: database, logger: .quiet)
        let events = OCPPFixtures.transaction("TX-\(station)")

        var outcomes: [IngestOutcome] = []
        for event in events + events {
            outcomes.append(try await writer.store(.transactionEvent(event, station: station, receivedAt: receivedAt)))
        }

        #expect(outcomes == [.stored, .stored, .stored, .duplicate, .duplicate, .duplicate])
        let transactions = try await StationReports(database: database).transactions(station: station)
        let transaction = try #require(transactions.first)
        #expect(transactions.count == 1)
        #expect(transaction.events.map(\.seqNo) == [0, 1, 2])
        #expect(transaction.events.map(\.offline) == [false, true, false])
        #expect(transaction.idToken == "TAG-1")
        #expect(transaction.evse == 1)
        #expect(transaction.energyWh == 1_400)
        #expect(transaction.stoppedReason == "Local")
        #expect(transaction.startedAt == StoredTime.text(OCPPFixtures.start))
        #expect(transaction.endedAt == StoredTime.text(OCPPFixtures.start + 120))
        #expect(try await StationRegistry(database: database).station(station)?.duplicatesIgnored == 3)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func eventsArrivingOutOfOrderStillSummariseTheTransaction(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = try await registered(database)
        let writer = IngestWriter(database: database, logger: .quiet)
        for event in OCPPFixtures.transaction("TX-\(station)").reversed() {
            _ = try await writer.store(.transactionEvent(event, station: station, receivedAt: receivedAt))
        }
        let transaction = try #require(try await StationReports(database: database).transactions(station: station).first)
        #expect(transaction.energyWh == 1_400)
        #expect(transaction.lastSeqNo == 2)
        #expect(transaction.chargingState == "Idle")
        #expect(transaction.startedAt == StoredTime.text(OCPPFixtures.start))
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func replayedMeterValuesTelemetryAuditsAndEventsAreIgnored(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = try await registered(database)
        let writer = IngestWriter(database: database, logger: .quiet)
        let records: [IngestRecord] = [
            .meterValues(OCPPFixtures.gridMeter(at: OCPPFixtures.start), station: station, receivedAt: receivedAt),
            .batteryTelemetry(try UplinkPayloads.batteryTelemetry(OCPPFixtures.batteryTelemetry, station: station, receivedAt: receivedAt)),
            .availabilityAudit(try UplinkPayloads.availabilityAudit(OCPPFixtures.availabilityAudit, station: station, receivedAt: receivedAt)),
            .stationEvents(OCPP201.NotifyEventRequest(
                generatedAt: OCPPFixtures.start, seqNo: 0,
                eventData: [.init(
                    eventId: 7, timestamp: OCPPFixtures.start, trigger: .delta, actualValue: "Faulted", component: .init(name: "Inverter"),
                    eventNotificationType: .hardWiredNotification, variable: .init(name: "Problem"))]),
                station: station, receivedAt: receivedAt),
        ]
        var outcomes: [IngestOutcome] = []
        for record in records + records { outcomes.append(try await writer.store(record)) }

        #expect(outcomes == [.stored, .stored, .stored, .stored, .duplicate, .duplicate, .duplicate, .duplicate])
        let counts = try await StationReports(database: database).rowCounts(station: station)
        #expect(counts["meter_values"] == 1)
        #expect(counts["battery_telemetry"] == 1)
        #expect(counts["availability_audit"] == 1)
        #expect(counts["station_events"] == 1)
        let meter = try #require(try await StationReports(database: database).meterValues(station: station, evse: 0).first)
        #expect(meter.energyWh == 50_000)
        #expect(meter.powerW == 7_000)
        #expect(try await StationReports(database: database).latestBatteryTelemetry(station: station)?.socPercent == 62.5)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func aStatusReplacesTheStoredOneOnlyWhenNewer(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = try await registered(database)
        let writer = IngestWriter(database: database, logger: .quiet)
        let newer = OCPPFixtures.status(.occupied, at: OCPPFixtures.start + 10)
        #expect(try await writer.store(.evseStatus(newer, station: station)) == .stored)
        #expect(try await writer.store(.evseStatus(OCPPFixtures.status(.available, at: OCPPFixtures.start), station: station)) == .duplicate)
        #expect(try await writer.store(.evseStatus(newer, station: station)) == .duplicate)

        let statuses = try await StationReports(database: database).evseStatuses(station: station)[station]
        #expect(statuses == [EVSEStatusReport(evse: 1, connector: 1, status: "Occupied", socket: "A", updatedAt: StoredTime.text(OCPPFixtures.start + 10))])
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func manyStationsWritingAtOnceAreEachStoredOnce(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let stations = (0..<20).map { uniqueStationID("M\($0)") }
        try await StationRegistry(database: database).add(ids: stations, passwordHash: "not-a-real-hash", at: OCPPFixtures.start)
        let writer = IngestWriter(database: database, logger: .quiet)
        let receivedAt = receivedAt
        let outcomes = try await withThrowingTaskGroup(of: [IngestOutcome].self) { group in
            for station in stations {
                group.addTask {
                    var outcomes: [IngestOutcome] = []
                    for replay in 0..<2 {
                        for event in OCPPFixtures.transaction("TX-\(station)") {
                            outcomes.append(try await writer.store(.transactionEvent(event, station: station, receivedAt: receivedAt)))
                        }
                        let meter = OCPPFixtures.gridMeter(at: OCPPFixtures.start + Double(replay == 0 ? 0 : 0))
                        outcomes.append(try await writer.store(.meterValues(meter, station: station, receivedAt: receivedAt)))
                    }
                    return outcomes
                }
            }
            return try await group.reduce(into: []) { $0 += $1 }
        }
        #expect(outcomes.filter { $0 == .stored }.count == 20 * 4)
        #expect(outcomes.filter { $0 == .duplicate }.count == 20 * 4)
        for station in stations {
            #expect(try await StationReports(database: database).rowCounts(station: station)["transaction_events"] == 3)
        }
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func registeringATakenIDFailsAndRegistersNoneOfTheBatch(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let registry = StationRegistry(database: database)
        let taken = try await registered(database)
        let fresh = uniqueStationID()
        await #expect(throws: StationRegistryError.duplicate(taken)) {
            try await registry.add(ids: [fresh, taken], passwordHash: "x", at: OCPPFixtures.start)
        }
        #expect(try await registry.station(fresh) == nil)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func apiTokensAreFoundByTheirTokenButStoredOnlyAsDigests(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let tokens = APITokenStore(database: database)
        let name = uniqueStationID("token")
        let token = try await tokens.add(name: name, at: OCPPFixtures.start)
        #expect(try await tokens.name(ofToken: token) == name)
        #expect(try await tokens.name(ofToken: token + "x") == nil)
        let stored = try await database.withConnection { connection in
            try await connection.select().column("token_sha256").from("api_tokens").where("name", .equal, name).all()
                .map { try $0.decode(column: "token_sha256", as: String.self) }
        }
        #expect(stored == [Secrets.sha256Hex(token)])
        await database.shutdown()
    }
}
