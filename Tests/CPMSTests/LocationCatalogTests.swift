@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OCPI
import SQLKit
import StationTesting
import Testing

/// Locations as stored and published: the admin API refuses bad input naming the field and stores nothing; the
/// catalog publishes a station once it has details and a described EVSE; a paged walk sees each Location once.
/// Serialized: the walk reads every Location of the (shared) PostgreSQL test database, which the others add to.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct LocationCatalogTests {
    static let body = """
        {"name": "Market square", "address": "Markt 1", "city": "Utrecht", "postal_code": "3511", "country": "NLD",
         "coordinates": {"latitude": "52.09074", "longitude": "5.12142"}, "operator": {"name": "Stationmaster", "website": "https://example.com"},
         "parking_type": "ON_STREET", "facilities": ["CAFE", "WIFI"],
         "opening_times": {"twentyfourseven": false, "regular_hours": [{"weekday": 1, "period_begin": "07:00", "period_end": "22:00"}]}}
        """

    /// Replaces one field of the good body (a JSON fragment, or nil to drop it).
    static func body(_ field: String, _ value: String?) throws -> String {
        var object = try #require(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
        object[field] = try value.map { try JSONSerialization.jsonObject(with: Data($0.utf8), options: [.fragmentsAllowed]) }
        return String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self)
    }

    @Test func theLocationAPIStoresGoodDetailsAndRefusesBadOnesNamingTheField() async throws {
        let database = try await TestBackend.sqlite.open()
        let station = uniqueStationID("LOC"), other = uniqueStationID("LOC")
        try await StationRegistry(database: database).add(ids: [station, other], passwordHash: "x", at: Date())
        let token = try await APITokenStore(database: database).add(name: "ops", at: Date())
        let headers: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
        let app = try await buildCPMSApplication(
            configuration: CPMSConfiguration(host: "127.0.0.1", port: 0), database: database, clock: ManualClock(), logger: .quiet)
        try await app.test(.router) { client in
            func put(_ body: String, station: String = station) async throws -> TestResponse {
                try await client.execute(uri: "/api/stations/\(station)/location", method: .put, headers: headers, body: ByteBuffer(string: body))
            }
            let refusals: [(String, String?, String)] = [
                ("country", #""NL""#, "country"), ("country", #""nld""#, "country"),
                ("coordinates", #"{"latitude": "52.1", "longitude": "5.12142"}"#, "coordinates.latitude"),
                ("coordinates", #"{"latitude": "52.09074", "longitude": "190.00000"}"#, "coordinates.longitude"),
                ("address", nil, "address"), ("address", "\"" + String(repeating: "a", count: 46) + "\"", "address"),
                ("city", "7", "city"), ("parking_type", #""ROOFTOP""#, "parking_type"), ("facilities", #"["SAUNA"]"#, "facilities[0]"),
                ("opening_times", #"{"twentyfourseven": false}"#, "opening_times.regular_hours"),
                ("opening_times", #"{"twentyfourseven": false, "regular_hours": [{"weekday": 8, "period_begin": "07:00", "period_end": "22:00"}]}"#,
                 "opening_times.regular_hours[0].weekday"),
                ("operator", #"{"website": "https://example.com"}"#, "operator.name"),
                ("evse_code", #""cs-1""#, "evse_code"), ("postcode", #""3511""#, "postcode"),
            ]
            for (field, value, named) in refusals {
                let response = try await put(try Self.body(field, value))
                #expect(response.status == .badRequest, "\(field)")
                let message = String(buffer: response.body)
                #expect(message.contains("\"\(named):"), "\(field) \(value ?? "absent"): \(message)")
            }
            #expect(try await client.execute(uri: "/api/stations/\(station)/location", method: .get, headers: headers).status == .notFound)
            #expect(try await put("not json").status == .badRequest)
            #expect(try await put(Self.body, station: "NO-SUCH-STATION").status == .notFound)

            let stored = try await put(Self.body)
            #expect(stored.status == .ok)
            let shown = try await client.execute(uri: "/api/stations/\(station)/location", method: .get, headers: headers)
            let object = try #require(try JSONSerialization.jsonObject(with: Data(shown.body.readableBytesView)) as? [String: Any])
            #expect(object["evse_code"] as? String == EVSEIdentity.derivedCode(station: station))
            #expect(object["country"] as? String == "NLD" && object["station"] as? String == station)
            #expect((object["opening_times"] as? [String: Any])?["twentyfourseven"] as? Bool == false)

            let code = try #require(EVSEIdentity.derivedCode(station: station))
            let taken = try await put(try Self.body("evse_code", "\"\(code)\""), station: other)
            #expect(taken.status == .conflict)
        }
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func aPagedWalkSeesEveryPublishedLocationOnce(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let prefix = uniqueStationID("WALK")
        let stations = (0..<13).map { "\(prefix)-\(String(format: "%02d", $0))" }
        let start = Date(timeIntervalSince1970: 1_900_000_000)
        try await StationRegistry(database: database).add(ids: stations, passwordHash: "x", at: start)
        let store = LocationStore(database: database)
        let details = try LocationDetails.decode(Data(Self.body.utf8))
        for (index, station) in stations.enumerated() {
            var own = details
            own.evseCode = "W" + String(prefix.suffix(8)).uppercased().filter { $0.isLetter || $0.isNumber } + String(index)
            _ = try await store.set(own, station: station, at: start.addingTimeInterval(Double(index) * 60))
            // Every station but the last gets a described EVSE: the last one is not published.
            guard index < stations.count - 1 else { continue }
            try await database.withConnection { connection in
                try await connection.insert(into: "evse_connectors")
                    .columns("station", "evse", "connector", "standard", "format", "power_type", "max_voltage", "max_amperage", "max_electric_power", "updated_at")
                    .values(station, 1, 1, "IEC_62196_T2", "SOCKET", "AC_3_PHASE", Int?.none, Int?.none, 22_000, StoredTime.text(start)).run()
                try await connection.insert(into: "evse_status").columns("station", "evse", "connector", "status", "socket", "updated_at")
                    .values(station, 1, 1, "Available", String?.none, StoredTime.text(start)).run()
            }
        }
        let catalog = LocationCatalog(store: store, party: try CPOParty(countryCode: "NL", partyID: "STM"))
        let now = start.addingTimeInterval(3_600)
        let all = try await catalog.locations(at: now)
        #expect(Set(all.map(\.id)).count == all.count)
        #expect(all.map(\.id) == all.map(\.id).sorted())
        let mine = all.filter { $0.id.hasPrefix(prefix) }
        #expect(mine.map(\.id) == Array(stations.dropLast()))
        #expect(try await catalog.location(stations.last ?? "", at: now) == nil)
        #expect(try await catalog.location(stations[0], at: now)?.evses?.first?.status == .unknown)

        var walked: [String] = []
        var offset = 0
        while true {
            let pagination = try OCPIPagination(query: ["offset": String(offset), "limit": "4"], maximumLimit: 100)
            // Without dates the catalog reads only the page's stations: the same page as cutting the whole list.
            let page = try await catalog.page(pagination, at: now)
            let whole = pagination.page(of: try await catalog.locations(at: now)) { $0.lastUpdated.date }
            #expect(page.objects == whole.objects && page.total == whole.total && page.nextOffset == whole.nextOffset)
            walked += page.objects.map(\.id)
            guard let next = page.nextOffset else { break }
            offset = next
        }
        #expect(walked == all.map(\.id))

        // Locations 3 to 6 were set in [start+3min, start+7min).
        let window = try OCPIPagination(
            query: ["date_from": OCPIDateTime(start.addingTimeInterval(180)).description, "date_to": OCPIDateTime(start.addingTimeInterval(420)).description],
            maximumLimit: 100)
        let filtered = window.page(of: try await catalog.locations(at: now).filter { $0.id.hasPrefix(prefix) }) { $0.lastUpdated.date }
        #expect(filtered.objects.map(\.id) == Array(stations[3..<7]))
        await database.shutdown()
    }

    /// Each part a Location is made of moves its `last_updated` when it changes (or, for the parts that depend on
    /// the moment, when its time comes), and a date-filtered page from that moment finds the Location, made as
    /// `location(_:at:)` makes it; a neighbour that did not change stays out of it and in the window before.
    @Test(arguments: TestBackend.available)
    func everyPartMovesLastUpdatedAndTheDateFilterFindsIt(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let prefix = uniqueStationID("DATED")
        let (changed, still) = ("\(prefix)-A", "\(prefix)-B")
        // A start of its own: the PostgreSQL test database is shared, and the date windows below must hold only this run's.
        let start = Date(timeIntervalSince1970: 2_100_000_000 + Double(Int.random(in: 0..<1_000_000)) * 1_000)
        @Sendable func at(_ seconds: Double) -> Date { start.addingTimeInterval(seconds) }
        try await StationRegistry(database: database).add(ids: [changed, still], passwordHash: "x", at: start)
        let store = LocationStore(database: database)
        let details = try LocationDetails.decode(Data(Self.body.utf8))
        func setDetails(_ station: String, name: String, at time: Date) async throws {
            var own = details
            own.name = name
            own.evseCode = "D" + String(prefix.suffix(8)).uppercased().filter { $0.isLetter || $0.isNumber } + (station == changed ? "A" : "B")
            _ = try await store.set(own, station: station, at: time)
        }
        func describe(_ station: String, power: Int, at time: Date) async throws {
            try await database.withConnection { connection in
                try await connection.delete(from: "evse_connectors").where("station", .equal, station).run()
                try await connection.insert(into: "evse_connectors")
                    .columns("station", "evse", "connector", "standard", "format", "power_type", "max_voltage", "max_amperage", "max_electric_power", "updated_at")
                    .values(station, 1, 1, "IEC_62196_T2", "SOCKET", "AC_3_PHASE", Int?.none, Int?.none, power, StoredTime.text(time)).run()
            }
        }
        func report(_ station: String, _ status: String, at time: Date) async throws {
            try await database.withConnection { connection in
                try await connection.delete(from: "evse_status").where("station", .equal, station).run()
                try await connection.insert(into: "evse_status").columns("station", "evse", "connector", "status", "socket", "updated_at")
                    .values(station, 1, 1, status, String?.none, StoredTime.text(time)).run()
            }
        }
        func connect(_ station: String, _ connected: Bool, lastSeen: Date) async throws {
            try await database.withConnection { connection in
                try await connection.update("stations").set("connected", to: connected ? 1 : 0).set("last_seen", to: StoredTime.text(lastSeen))
                    .where("id", .equal, station).run()
            }
        }
        for station in [changed, still] {
            try await setDetails(station, name: "Market square", at: start)
            try await describe(station, power: 22_000, at: start)
            try await report(station, "Available", at: start)
            try await connect(station, true, lastSeen: start)
        }
        let tariffs = TariffStore(database: database)
        let tariffID = TariffStoreTests.uniqueTariffID()
        _ = try await tariffs.create(try TariffStoreTests.tariff(tariffID), at: start)
        let catalog = LocationCatalog(store: store, party: try CPOParty(countryCode: "NL", partyID: "STM"))

        /// After `change`, seen at `now`: `changed`'s last_updated is `expected`, and the dated pages agree.
        func expectMoved(to expected: Date, seenAt now: Date, _ part: String, _ change: () async throws -> Void) async throws {
            try await change()
            let location = try #require(try await catalog.location(changed, at: now), "\(part)")
            #expect(location.lastUpdated.date == expected, "\(part)")
            let computed = Dictionary(uniqueKeysWithValues: try await store.lastUpdated(at: now).map { ($0.station, $0.lastUpdated) })
            #expect(computed[changed] == expected && computed[still] == start, "\(part)")
            #expect(try await catalog.location(still, at: now)?.lastUpdated.date == start, "\(part)")
            let from = try await catalog.page(OCPIPagination(limit: 100, dateFrom: expected, dateTo: at(10_000)), at: now)
            #expect(from.objects == [location] && from.total == 1, "\(part)")
            let before = try await catalog.page(OCPIPagination(limit: 100, dateFrom: start, dateTo: expected), at: now)
            #expect(before.objects.map(\.id) == [still], "\(part)")
        }
        try await expectMoved(to: at(60), seenAt: at(61), "location details") { try await setDetails(changed, name: "Station square", at: at(60)) }
        try await expectMoved(to: at(120), seenAt: at(121), "connector description") { try await describe(changed, power: 11_000, at: at(120)) }
        try await expectMoved(to: at(180), seenAt: at(181), "status report") { try await report(changed, "Occupied", at: at(180)) }
        try await expectMoved(to: at(240), seenAt: at(241), "maintenance block saved") {
            try await database.withConnection { connection in
                try await connection.insert(into: "calendar_entries")
                    .columns("id", "station", "evse", "kind", "status", "starts_at", "ends_at", "version", "created_at", "updated_at", "entry_json")
                    .values("\(prefix)-M", changed, 1, "maintenance", "scheduled", StoredTime.text(at(250)), StoredTime.text(at(300)), 1,
                            StoredTime.text(at(240)), StoredTime.text(at(240)), "{}").run()
            }
        }
        try await expectMoved(to: at(300), seenAt: at(301), "maintenance block ended") {}
        try await expectMoved(to: at(360), seenAt: at(361), "tariff assigned") {
            try await tariffs.assign(tariffID, to: try TariffTarget(station: changed), at: at(360))
        }
        try await expectMoved(to: at(420), seenAt: at(421), "tariff version in force") {
            _ = try await tariffs.edit(try TariffStoreTests.tariff(tariffID, price: "0.35"), at: at(420))
        }
        try await expectMoved(to: at(480), seenAt: at(481), "station offline") { try await connect(changed, false, lastSeen: at(480)) }
        await database.shutdown()
    }

    /// The date filter's `last_updated`, computed in SQL from the parts' times, is the one the made Location
    /// carries, for stations with every kind of part: several EVSEs and connectors, statuses of described and
    /// undescribed EVSEs, maintenance blocks scheduled, cancelled, ended and to come, tariff assignments at each
    /// level (some in the future), tariff versions in force and to come, stations online and offline.
    @Test(arguments: TestBackend.available)
    func theComputedLastUpdatedIsTheLocationsOwn(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let prefix = uniqueStationID("LU")
        let stations = (0..<24).map { "\(prefix)-\(String(format: "%02d", $0))" }
        let start = Date(timeIntervalSince1970: 2_000_000_000)
        @Sendable func at(_ seconds: Int) -> String { StoredTime.text(start.addingTimeInterval(Double(seconds))) }
        var random = SeededGenerator(seed: 15)
        func pick(_ range: ClosedRange<Int>) -> Int { Int.random(in: range, using: &random) }
        try await StationRegistry(database: database).add(ids: stations, passwordHash: "x", at: start)
        let store = LocationStore(database: database)
        let tariffs = TariffStore(database: database)
        let tariffIDs = [TariffStoreTests.uniqueTariffID(), TariffStoreTests.uniqueTariffID()]
        for (index, id) in tariffIDs.enumerated() {
            _ = try await tariffs.create(try TariffStoreTests.tariff(id), at: start.addingTimeInterval(Double(index * 500)))
            _ = try await tariffs.edit(try TariffStoreTests.tariff(id, price: "0.40"), at: start.addingTimeInterval(Double(800 + index * 900)))
        }
        var details = try LocationDetails.decode(Data(Self.body.utf8))
        let now = 1_000
        for (index, station) in stations.enumerated() {
            details.evseCode = "L" + String(prefix.suffix(8)).uppercased().filter { $0.isLetter || $0.isNumber } + String(index)
            _ = try await store.set(details, station: station, at: start.addingTimeInterval(Double(pick(0...900))))
            let connected = pick(0...1), lastSeen = at(pick(0...1_200))
            var described: [(evse: Int, connector: Int, updated: String)] = []
            for evse in 1...pick(1...3) {
                for connector in 1...pick(1...2) where index % 8 != 7 {  // every eighth station has no EVSE: not published
                    described.append((evse, connector, at(pick(0...950))))
                }
            }
            let connectors = described
            // EVSE 4 is never described: its status and maintenance must not count.
            let statuses = (1...4).filter { _ in pick(0...2) > 0 }.map { (evse: $0, updated: at(pick(0...999))) }
            let blocks = (0..<pick(0...3)).map { block -> (id: String, evse: Int, status: String, begin: String, end: String, updated: String) in
                let begin = pick(0...1_400)
                return ("\(station)-M\(block)", pick(1...4), pick(0...2) == 0 ? "cancelled" : "scheduled", at(begin), at(begin + pick(10...300)),
                        at(pick(0...900)))
            }
            try await database.withConnection { connection in
                try await connection.update("stations").set("connected", to: connected).set("last_seen", to: lastSeen)
                    .where("id", .equal, station).run()
                for connector in connectors {
                    try await connection.insert(into: "evse_connectors")
                        .columns("station", "evse", "connector", "standard", "format", "power_type", "max_voltage", "max_amperage", "max_electric_power", "updated_at")
                        .values(station, connector.evse, connector.connector, "IEC_62196_T2", "SOCKET", "AC_3_PHASE", Int?.none, Int?.none, 22_000,
                                connector.updated).run()
                }
                for status in statuses {
                    try await connection.insert(into: "evse_status").columns("station", "evse", "connector", "status", "socket", "updated_at")
                        .values(station, status.evse, 1, "Available", String?.none, status.updated).run()
                }
                for block in blocks {
                    try await connection.insert(into: "calendar_entries")
                        .columns("id", "station", "evse", "kind", "status", "starts_at", "ends_at", "version", "created_at", "updated_at", "entry_json")
                        .values(block.id, station, block.evse, "maintenance", block.status, block.begin, block.end, 1, at(0), block.updated, "{}").run()
                }
            }
            for _ in 0..<pick(0...3) {
                let target = switch pick(0...2) {
                case 0: try TariffTarget(station: station)
                case 1: try TariffTarget(station: station, evse: pick(1...3))
                default: try TariffTarget(station: station, evse: pick(1...3), connector: pick(1...2))
                }
                try await tariffs.assign(tariffIDs[pick(0...1)], to: target, at: start.addingTimeInterval(Double(pick(0...1_300))))
            }
        }
        let catalog = LocationCatalog(store: store, party: try CPOParty(countryCode: "NL", partyID: "STM"))
        for seconds in [now, now + 250, now + 600] {
            let moment = start.addingTimeInterval(Double(seconds))
            let made = try await catalog.locations(at: moment).filter { $0.id.hasPrefix(prefix) }
            let computed = try await store.lastUpdated(at: moment).filter { $0.station.hasPrefix(prefix) }
            #expect(made.count == stations.count - 3)
            #expect(computed.map(\.station) == made.map(\.id))
            #expect(computed.map { OCPIDateTime($0.lastUpdated) } == made.map(\.lastUpdated), "at +\(seconds) s")
            let inputs = try await store.inputs().filter { $0.station.id.hasPrefix(prefix) }
            #expect(inputs.compactMap { LocationPublication.lastUpdated($0, at: moment) } == made.map(\.lastUpdated.date))
        }
        await database.shutdown()
    }
}

/// A small deterministic generator (SplitMix64), so a failing case can be run again.
struct SeededGenerator: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
