@testable import CPMS
import Foundation
import OCPP
import Tariffs
import Testing

/// Charging records in cpms's database, on SQLite and PostgreSQL alike: derived from the ingested events, priced with
/// the tariff version in force at the start, stored once whatever the station replays.
@Suite(.serialized)
struct ChargingRecordStoreTests {
    static let start = OCPPFixtures.start

    func station(_ database: any CPMSDatabase) async throws -> String {
        let id = uniqueStationID()
        try await StationRegistry(database: database).add(ids: [id], passwordHash: "not-a-real-hash", at: Self.start - 86_400)
        return id
    }

    /// 30 minutes at 11 kW (1,000 -> 6,500 Wh) then 15 minutes idle, on EVSE 1 connector 1.
    static func transaction(_ id: String) -> [OCPP201.TransactionEventRequest] {
        [
            .init(
                eventType: .started, meterValues: OCPPFixtures.energy(1_000, at: start, powerW: 11_000), timestamp: start,
                triggerReason: .authorized, seqNo: 0, transactionInfo: .init(transactionId: id, chargingState: .charging),
                evse: .init(id: 1, connectorId: 1), idToken: .init(idToken: "TAG-7", type: .iso14443)),
            .init(
                eventType: .updated, meterValues: OCPPFixtures.energy(6_500, at: start + 1_800, powerW: 0), timestamp: start + 1_800,
                triggerReason: .chargingStateChanged, seqNo: 1, transactionInfo: .init(transactionId: id, chargingState: .suspendedEV)),
            .init(
                eventType: .ended, meterValues: OCPPFixtures.energy(6_500, at: start + 2_700), timestamp: start + 2_700,
                triggerReason: .evCommunicationLost, seqNo: 2,
                transactionInfo: .init(transactionId: id, chargingState: .idle, stoppedReason: .evDisconnected)),
        ]
    }

    /// ENERGY `price`/kWh with 21 % VAT and PARKING_TIME 4.00/h.
    static func tariff(_ id: String, price: String) throws -> Tariff {
        try OCPIJSON.decodeTariff(Data("""
            {"country_code": "NL", "party_id": "SMR", "id": "\(id)", "currency": "EUR", "last_updated": "2026-01-01T00:00:00Z",
             "elements": [{"price_components": [{"type": "ENERGY", "price": \(price), "vat": 21, "step_size": 1},
                                                {"type": "PARKING_TIME", "price": 4.00, "step_size": 1}]}]}
            """.utf8))
    }

    func ingest(_ events: [OCPP201.TransactionEventRequest], station: String, _ database: any CPMSDatabase) async throws {
        let writer = IngestWriter(database: database, logger: .quiet)
        for event in events {
            _ = try await writer.store(.transactionEvent(event, station: station, receivedAt: StoredTime.text(Self.start + 3_000)))
        }
    }

    @Test(arguments: TestBackend.available)
    func aTariffEditedMidSessionPricesWithTheVersionInForceAtTheStart(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = try await station(database)
        let tariffs = TariffStore(database: database)
        let tariffID = "TF-" + UUID().uuidString.prefix(8)
        _ = try await tariffs.create(try Self.tariff(tariffID, price: "0.30"), at: Self.start - 600)
        try await tariffs.assign(tariffID, to: try TariffTarget(station: station, evse: 1), at: Self.start - 600)
        _ = try await tariffs.edit(try Self.tariff(tariffID, price: "0.50"), at: Self.start + 900)
        let transaction = "TX-\(station)"
        try await ingest(Self.transaction(transaction), station: station, database)

        let recorder = ChargingRecorder(database: database, logger: .quiet)
        #expect(try await recorder.transactionEnded(station: station, transactionId: transaction, at: Self.start + 3_000) == .stored)

        let stored = try #require(try await ChargingRecordStore(database: database).record(station: station, transactionId: transaction))
        // 5.5 kWh x 0.30 = 1.65 (+21 %: 1.9965); 0.25 h parked x 4.00 = 1.00.
        #expect(stored.tariffId == tariffID)
        #expect(stored.tariffVersion == 1)
        #expect(stored.priceStatus == "priced")
        #expect(stored.totalExclVAT == "2.65")
        #expect(stored.totalInclVAT == "2.9965")
        #expect(stored.energyWh == "5500")
        #expect(stored.idToken == "TAG-7")
        #expect(stored.evse == 1)
        #expect(stored.problems == 0)
        #expect(stored.startedAt == StoredTime.text(Self.start))
        #expect(stored.stoppedAt == StoredTime.text(Self.start + 2_700))
        let json = try #require(try JSONSerialization.jsonObject(with: Data(stored.json.utf8)) as? [String: Any])
        #expect((json["periods"] as? [[String: Any]])?.map { $0["activity"] as? String } == ["charging", "idle"])
        #expect(json["stopped_reason"] as? String == "EVDisconnected")
        #expect(json["time_zone"] as? String == "UTC")
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func aReplayedEndStoresTheRecordOnceAndChangesNothing(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = try await station(database)
        let tariffs = TariffStore(database: database)
        let tariffID = "TF-" + UUID().uuidString.prefix(8)
        _ = try await tariffs.create(try Self.tariff(tariffID, price: "0.30"), at: Self.start - 600)
        try await tariffs.assign(tariffID, to: try TariffTarget(station: station), at: Self.start - 600)
        let transaction = "TX-\(station)"
        try await ingest(Self.transaction(transaction), station: station, database)
        let recorder = ChargingRecorder(database: database, logger: .quiet)
        #expect(try await recorder.transactionEnded(station: station, transactionId: transaction, at: Self.start + 3_000) == .stored)
        let first = try await ChargingRecordStore(database: database).record(station: station, transactionId: transaction)

        // The station replays the whole transaction; meanwhile a late meter value arrived and the time zone changed.
        try await ingest(Self.transaction(transaction), station: station, database)
        _ = try await StationRegistry(database: database).setTimeZone(station, "Asia/Tokyo")
        #expect(try await recorder.transactionEnded(station: station, transactionId: transaction, at: Self.start + 9_000) == .alreadyStored)
        let records = try await ChargingRecordStore(database: database).records(station: station)
        #expect(records.count == 1)
        #expect(records.first == first)
        #expect(try await recorder.transactionEnded(station: station, transactionId: "TX-NEVER", at: Self.start) == .notEnded)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func withoutATariffTheRecordSaysSoAndMissingRecordsAreWrittenAtStart(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = try await station(database)
        let transaction = "TX-\(station)"
        // Stored as a crash would leave it: the events, no record.
        try await ingest(Self.transaction(transaction), station: station, database)
        let recorder = ChargingRecorder(database: database, logger: .quiet)
        #expect(try await recorder.recordMissing(at: Self.start + 3_000) >= 1)
        let stored = try #require(try await ChargingRecordStore(database: database).record(station: station, transactionId: transaction))
        #expect(stored.priceStatus == "no_tariff")
        #expect(stored.totalExclVAT == nil)
        #expect(stored.energyWh == "5500")
        #expect(stored.json.contains("no tariff was assigned to \(station) EVSE 1 connector 1"))
        #expect(try await ChargingRecordStore(database: database).endedWithoutRecord().allSatisfy { $0.station != station })

        // A station that sent no meter values at all: the record says the energy is unknown.
        let bare = Self.transaction("TX-BARE-\(station)").map { event in
            var event = event
            event.meterValues = nil
            return event
        }
        try await ingest([bare[0], bare[2]], station: station, database)
        #expect(try await recorder.transactionEnded(station: station, transactionId: "TX-BARE-\(station)", at: Self.start + 3_000) == .stored)
        let unknown = try #require(try await ChargingRecordStore(database: database).record(station: station, transactionId: "TX-BARE-\(station)"))
        #expect(unknown.energyWh == nil)
        #expect(unknown.problems == 1)
        #expect(unknown.json.contains("no energy register readings were stored"))
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func recordsAreListedByStationAndStartTime(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = try await station(database)
        let recorder = ChargingRecorder(database: database, logger: .quiet)
        for hour in 0..<3 {
            let transaction = "TX-\(station)-\(hour)"
            let shifted = Self.transaction(transaction).map { event in
                var event = event
                event.timestamp += Double(hour) * 3_600
                event.meterValues = event.meterValues?.map { value in
                    var value = value
                    value.timestamp += Double(hour) * 3_600
                    return value
                }
                return event
            }
            try await ingest(shifted, station: station, database)
            try await recorder.transactionEnded(station: station, transactionId: transaction, at: Self.start + 20_000)
        }
        let store = ChargingRecordStore(database: database)
        #expect(try await store.records(station: station).map(\.transactionId) == ["TX-\(station)-2", "TX-\(station)-1", "TX-\(station)-0"])
        #expect(try await store.records(station: station, from: Self.start + 3_600, to: Self.start + 7_200).map(\.transactionId) == ["TX-\(station)-1"])
        #expect(try await store.records(station: station, limit: 1).count == 1)
        #expect(try await store.records(station: uniqueStationID()).isEmpty)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func aStationsTimeZoneIsStoredAndDefaultsToUTC(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let station = try await station(database)
        let registry = StationRegistry(database: database)
        #expect(try await registry.station(station)?.timeZone == "UTC")
        #expect(try await registry.setTimeZone(station, "Europe/Amsterdam"))
        #expect(try await registry.station(station)?.timeZone == "Europe/Amsterdam")
        #expect(try await registry.setTimeZone(uniqueStationID(), "Europe/Amsterdam") == false)
        #expect(StationTimeZone.isKnown("Europe/Amsterdam"))
        #expect(!StationTimeZone.isKnown("Mars/Olympus"))
        #expect(!StationTimeZone.isKnown("+01:00"))
        await database.shutdown()
    }
}
