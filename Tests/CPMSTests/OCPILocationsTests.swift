@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OCPI
import StationTesting
import Testing

/// `/ocpi/2.2.1/locations` and `/ocpi/2.2.1/tariffs` as a registered eMSP sees them: paged lists with X-Total-Count,
/// X-Limit and Link, one Location, EVSE or Connector, unknown objects (2003) and bad parameters (2001) refused.
@Suite(.timeLimit(.minutes(2)))
struct OCPILocationsTests {
    static let origin = ManualClock.wallTimeOrigin

    /// A cpms with `count` published stations (2 EVSEs each), a tariff on every station and a registered eMSP's token.
    func withApplication(
        stations count: Int, pageLimit: Int = 100,
        _ body: @escaping @Sendable (_ stations: [String], _ token: HTTPFields, any TestClientProtocol) async throws -> Void
    ) async throws {
        let database = try await TestBackend.sqlite.open()
        let prefix = uniqueStationID("OL")
        let stations = (0..<count).map { "\(prefix)-\($0)" }
        try await StationRegistry(database: database).add(ids: stations, passwordHash: "x", at: Self.origin)
        let details = try LocationDetails.decode(Data(LocationCatalogTests.body.utf8))
        let calendar = CalendarStore(database: database)
        let tariffs = TariffStore(database: database)
        _ = try await tariffs.create(try TariffStoreTests.tariff("AC-1"), at: Self.origin.addingTimeInterval(-60))
        for (index, station) in stations.enumerated() {
            var own = details
            own.evseCode = "OL\(index)"
            _ = try await LocationStore(database: database).set(own, station: station, at: Self.origin.addingTimeInterval(Double(-index)))
            for evse in 1...2 {
                let revision = try await calendar.load().revision
                _ = try await calendar.save(
                    CalendarStore.Write(connector: try EVSEConnector(
                        station: station, evse: evse, connector: 1, standard: "IEC_62196_T2", powerType: "AC_3_PHASE", maxElectricPower: 11_000)),
                    revision: revision, at: Self.origin.addingTimeInterval(-3_600))
            }
            try await tariffs.assign("AC-1", to: try TariffTarget(station: station), at: Self.origin.addingTimeInterval(-30))
        }
        let parties = OCPIPartyStore(database: database)
        let tokenA = try #require(try await parties.add(name: "emsp", at: Self.origin))
        let registered = try await parties.register(
            name: "emsp", from: .pending, presentedToken: tokenA,
            .init(incomingToken: "token-c", outgoingToken: "token-b", versionsURL: "http://emsp.test/versions", version: .v2_2_1, endpoints: [], roles: []),
            at: Self.origin)
        #expect(registered)
        var configuration = CPMSConfiguration(host: "127.0.0.1", port: 0, ocpi: OCPISettings(publicURL: "http://cpms.test", countryCode: "NL", partyID: "STM"))
        configuration.ocpiPageLimit = pageLimit
        let app = try await buildCPMSApplication(configuration: configuration, database: database, clock: ManualClock(), logger: .quiet)
        do {
            try await app.test(.router) { client in
                try await body(stations, OCPICredentialsTests.token("token-c"), client)
            }
        } catch {
            await database.shutdown()
            throw error
        }
        await database.shutdown()
    }

    func get(_ client: any TestClientProtocol, _ uri: String, _ token: HTTPFields) async throws -> (status: HTTPResponse.Status, envelope: [String: Any], headers: HTTPFields) {
        let response = try await client.execute(uri: uri, method: .get, headers: token)
        let envelope = try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
        return (response.status, envelope, response.headers)
    }

    @Test func aRegisteredEMSPWalksThePagedLocationsByTheirLinks() async throws {
        try await withApplication(stations: 7, pageLimit: 3) { stations, token, client in
            var uri = "/ocpi/2.2.1/locations?limit=50"
            var ids: [String] = []
            var pages = 0
            while true {
                let answer = try await get(client, uri, token)
                #expect(answer.status == .ok && answer.envelope["status_code"] as? Int == 1000)
                #expect(answer.headers[.ocpiTotalCount] == "7" && answer.headers[.ocpiLimit] == "3")
                let page = try #require(answer.envelope["data"] as? [[String: Any]])
                for object in page {
                    let data = try JSONSerialization.data(withJSONObject: object)
                    let location = try OCPICoding.decode(Location.self, from: data)
                    ids.append(location.id)
                    #expect(location.evses?.count == 2 && location.countryCode == "NL" && location.partyID == "STM")
                    #expect(location.evses?.first?.connectors.first?.tariffIDs == ["AC-1"])
                }
                pages += 1
                guard let link = answer.headers[.link] else { break }
                #expect(link.hasPrefix("<http://cpms.test/ocpi/2.2.1/locations?offset=") && link.hasSuffix(">; rel=\"next\""))
                uri = String(link.dropFirst("<http://cpms.test".count).prefix { $0 != ">" })
            }
            #expect(pages == 3)
            #expect(ids == stations.sorted())

            // The details of station i were set at origin - i seconds: date_from keeps the newest ones.
            let recent = try await get(client, "/ocpi/2.2.1/locations?date_from=\(OCPIDateTime(Self.origin.addingTimeInterval(-1)))", token)
            #expect(recent.headers[.ocpiTotalCount] == "2")
            #expect((recent.envelope["data"] as? [[String: Any]])?.compactMap { $0["id"] as? String } == Array(stations[0...1]))
        }
    }

    @Test func oneLocationEVSEAndConnectorAndTheUnknownOnes() async throws {
        try await withApplication(stations: 1) { stations, token, client in
            let station = stations[0]
            let location = try await get(client, "/ocpi/2.2.1/locations/\(station)", token)
            #expect(location.status == .ok, "\(location.envelope)")
            #expect((location.envelope["data"] as? [String: Any])?["id"] as? String == station)
            let lower = try await get(client, "/ocpi/2.2.1/locations/\(station.lowercased())", token)
            #expect((lower.envelope["data"] as? [String: Any])?["id"] as? String == station)

            let evse = try await get(client, "/ocpi/2.2.1/locations/\(station)/NL*STM*EOL0*2", token)
            #expect((evse.envelope["data"] as? [String: Any])?["evse_id"] as? String == "NL*STM*EOL0*2")
            #expect((evse.envelope["data"] as? [String: Any])?["status"] as? String == "UNKNOWN")
            let encoded = try await get(client, "/ocpi/2.2.1/locations/\(station)/nl%2Astm%2Aeol0%2A2/1", token)
            #expect((encoded.envelope["data"] as? [String: Any])?["standard"] as? String == "IEC_62196_T2")
            #expect((encoded.envelope["data"] as? [String: Any])?["max_amperage"] as? Int == 16)

            for uri in ["/ocpi/2.2.1/locations/NOPE", "/ocpi/2.2.1/locations/\(station)/NL*STM*EOL0*9", "/ocpi/2.2.1/locations/\(station)/NL*STM*EOL0*1/7"] {
                let unknown = try await get(client, uri, token)
                #expect(unknown.status == .notFound, "\(uri)")
                #expect(unknown.envelope["status_code"] as? Int == 2003, "\(uri)")
            }
            for (query, parameter) in [("limit=-3", "limit"), ("offset=x", "offset"), ("date_to=soon", "date_to")] {
                let bad = try await get(client, "/ocpi/2.2.1/locations?\(query)", token)
                #expect(bad.status == .ok && bad.envelope["status_code"] as? Int == 2001)
                #expect((bad.envelope["status_message"] as? String)?.hasPrefix(parameter) == true)
            }
            let anonymous = try await client.execute(uri: "/ocpi/2.2.1/locations", method: .get)
            #expect(anonymous.status == .unauthorized)
            let details = try await get(client, "/ocpi/2.2.1", token)
            let endpoints = (details.envelope["data"] as? [String: Any])?["endpoints"] as? [[String: Any]] ?? []
            #expect(endpoints.contains { $0["identifier"] as? String == "locations" && $0["role"] as? String == "SENDER" })
            #expect(endpoints.contains { $0["identifier"] as? String == "tariffs" && $0["role"] as? String == "SENDER" })
        }
    }

    @Test func tariffsAreTheirVersionsInForceUnderCPMSsParty() async throws {
        try await withApplication(stations: 1) { _, token, client in
            let list = try await get(client, "/ocpi/2.2.1/tariffs", token)
            #expect(list.status == .ok && list.headers[.ocpiTotalCount] == "1")
            let tariff = try #require((list.envelope["data"] as? [[String: Any]])?.first)
            let read = try OCPICoding.decode(Tariff.self, from: try JSONSerialization.data(withJSONObject: tariff))
            #expect(read.id == "AC-1" && read.countryCode == "NL" && read.partyID == "STM")
            #expect(read.lastUpdated == OCPIDateTime(Self.origin.addingTimeInterval(-60)))
            #expect(try await get(client, "/ocpi/2.2.1/tariffs/AC-1", token).status == .ok)
            let unknown = try await get(client, "/ocpi/2.2.1/tariffs/NOPE", token)
            #expect(unknown.status == .notFound && unknown.envelope["status_code"] as? Int == 2000)
        }
    }
}
