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
@Suite(.timeLimit(.minutes(2)))
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
}
