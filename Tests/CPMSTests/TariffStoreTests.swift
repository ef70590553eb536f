@testable import CPMS
import Foundation
import Tariffs
import Testing

/// Tariffs in cpms's database: versions, assignments and the version in force, on SQLite and PostgreSQL alike.
@Suite(.serialized)
struct TariffStoreTests {
    static let saved = Date(timeIntervalSince1970: 1_800_000_000)

    /// An energy tariff priced `price` per kWh; the id is unique because the PostgreSQL test database is shared.
    static func tariff(_ id: String, price: String = "0.30") throws -> Tariff {
        try OCPIJSON.decodeTariff(Data("""
            {"country_code": "NL", "party_id": "SMR", "id": "\(id)", "currency": "EUR",
             "elements": [{"price_components": [{"type": "ENERGY", "price": \(price), "vat": 21, "step_size": 1}]}],
             "last_updated": "2026-01-01T00:00:00Z"}
            """.utf8))
    }

    static func uniqueTariffID() -> String { "TF-" + UUID().uuidString.prefix(8) }

    func station(_ database: any CPMSDatabase) async throws -> String {
        let id = uniqueStationID()
        try await StationRegistry(database: database).add(ids: [id], passwordHash: "not-a-real-hash", at: Self.saved)
        return id
    }

    func energyPrice(_ version: TariffVersion?) -> Decimal? {
        version?.tariff.elements.first?.priceComponents.first?.price
    }

    @Test(arguments: TestBackend.available)
    func anEditIsANewVersionInForceFromTheMomentItIsSaved(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let store = TariffStore(database: database)
        let station = try await station(database)
        let id = Self.uniqueTariffID()
        let first = try await store.create(try Self.tariff(id, price: "0.30"), at: Self.saved)
        try await store.assign(id, to: try TariffTarget(station: station), at: Self.saved)
        let second = try await store.edit(try Self.tariff(id, price: "0.35"), at: Self.saved + 3_600)

        #expect(first.version == 1)
        #expect(second.version == 2)
        #expect(second.validFrom == Self.saved + 3_600)
        #expect(second.tariff.lastUpdated.date == Self.saved + 3_600)
        let versions = try await store.versions(of: id)
        #expect(versions == [first, second])
        #expect(versions.map { energyPrice($0) } == [Decimal(string: "0.30"), Decimal(string: "0.35")])

        let target = try TariffTarget(station: station, evse: 1, connector: 1)
        #expect(try await store.versionInForce(for: target, at: Self.saved - 1) == nil)
        #expect(try await store.versionInForce(for: target, at: Self.saved)?.version == 1)
        #expect(try await store.versionInForce(for: target, at: Self.saved + 3_599)?.version == 1)
        #expect(try await store.versionInForce(for: target, at: Self.saved + 3_600)?.version == 2)
        #expect(try await store.latestVersions().first { $0.tariffID == id } == second)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func theMostSpecificAssignmentWins(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let store = TariffStore(database: database)
        let station = try await station(database)
        let (stationWide, evseTwo, connectorTwoOne) = (Self.uniqueTariffID(), Self.uniqueTariffID(), Self.uniqueTariffID())
        for id in [stationWide, evseTwo, connectorTwoOne] { _ = try await store.create(try Self.tariff(id), at: Self.saved) }
        try await store.assign(connectorTwoOne, to: try TariffTarget(station: station, evse: 2, connector: 1), at: Self.saved)
        try await store.assign(stationWide, to: try TariffTarget(station: station), at: Self.saved)
        try await store.assign(evseTwo, to: try TariffTarget(station: station, evse: 2), at: Self.saved)

        let later = Self.saved + 60
        #expect(try await store.versionInForce(for: try TariffTarget(station: station, evse: 1, connector: 1), at: later)?.tariffID == stationWide)
        #expect(try await store.versionInForce(for: try TariffTarget(station: station, evse: 2, connector: 2), at: later)?.tariffID == evseTwo)
        #expect(try await store.versionInForce(for: try TariffTarget(station: station, evse: 2, connector: 1), at: later)?.tariffID == connectorTwoOne)
        #expect(try await store.versionInForce(for: try TariffTarget(station: station), at: later)?.tariffID == stationWide)
        #expect(try await store.versionInForce(for: try TariffTarget(station: uniqueStationID(), evse: 2, connector: 1), at: later) == nil)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func aReassignmentAppliesFromItsTimeAndEarlierSessionsKeepTheOldTariff(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let store = TariffStore(database: database)
        let station = try await station(database)
        let (old, new) = (Self.uniqueTariffID(), Self.uniqueTariffID())
        for id in [old, new] { _ = try await store.create(try Self.tariff(id), at: Self.saved) }
        let evse = try TariffTarget(station: station, evse: 1)
        try await store.assign(old, to: evse, at: Self.saved)
        try await store.assign(new, to: evse, at: Self.saved + 600)

        #expect(try await store.versionInForce(for: evse, at: Self.saved + 599)?.tariffID == old)
        #expect(try await store.versionInForce(for: evse, at: Self.saved + 600)?.tariffID == new)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func refusedChangesLeaveTheStoreAsItWas(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let store = TariffStore(database: database)
        let station = try await station(database)
        let id = Self.uniqueTariffID()
        let first = try await store.create(try Self.tariff(id, price: "0.30"), at: Self.saved)

        await #expect(throws: TariffStoreError.duplicate(id)) { try await store.create(try Self.tariff(id, price: "0.99"), at: Self.saved + 1) }
        let unknown = Self.uniqueTariffID()
        await #expect(throws: TariffStoreError.unknownTariff(unknown)) { try await store.edit(try Self.tariff(unknown), at: Self.saved + 1) }
        await #expect(throws: TariffStoreError.unknownTariff(unknown)) {
            try await store.assign(unknown, to: try TariffTarget(station: station), at: Self.saved + 1)
        }
        let ghost = uniqueStationID()
        await #expect(throws: TariffStoreError.unknownStation(ghost)) {
            try await store.assign(id, to: try TariffTarget(station: ghost), at: Self.saved + 1)
        }
        #expect(throws: TariffStoreError.invalidTarget("a connector needs its evse")) { try TariffTarget(station: station, connector: 1) }
        #expect(throws: TariffStoreError.invalidTarget("evse must be 1 or more")) { try TariffTarget(station: station, evse: 0) }

        #expect(try await store.versions(of: id) == [first])
        #expect(try await store.versions(of: unknown).isEmpty)
        #expect(try await store.versionInForce(for: try TariffTarget(station: station), at: Self.saved + 10) == nil)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func anEditSavedWithAClockThatWentBackStillComesAfterThePreviousVersion(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let store = TariffStore(database: database)
        let id = Self.uniqueTariffID()
        _ = try await store.create(try Self.tariff(id, price: "0.30"), at: Self.saved)
        let second = try await store.edit(try Self.tariff(id, price: "0.40"), at: Self.saved - 60)
        #expect(second.validFrom == Self.saved)
        let station = try await station(database)
        try await store.assign(id, to: try TariffTarget(station: station), at: Self.saved)
        #expect(energyPrice(try await store.versionInForce(for: try TariffTarget(station: station), at: Self.saved)) == Decimal(string: "0.40"))
        await database.shutdown()
    }
}
