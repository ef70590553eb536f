import Foundation
import Testing

@testable import CPMS
import Tariffs

@Suite struct DSOJSONTests {
    @Test func whatHasADefaultMayBeLeftOut() throws {
        let json = """
            {"id": "grid", "name": "Grid Co",
             "contract": {"groups": ["depot"], "capacityW": 50000, "currency": "EUR", "fallbackPricePerKWh": 0.35},
             "feeds": [{"kind": "openadr", "vtnURL": "http://127.0.0.1:8080", "venName": "cpms"},
                       {"kind": "oscp", "capacityProviderURL": "http://127.0.0.1:9000/oscp/cp/2.0", "registrationToken": "a"},
                       {"kind": "entsoe", "source": "/var/lib/cpms/a44.xml"},
                       {"kind": "json", "source": "http://127.0.0.1:8081/prices.json"}]}
            """
        let dso = try JSONDecoder().decode(DSO.self, from: Data(json.utf8))
        #expect(dso.contract.surchargePerKWh == 0)
        #expect(dso.contract.forecastBoundSeconds == 36 * 3600)
        #expect(dso.contract.energyMix == nil)
        #expect(dso.feeds == [
            .openADR(OpenADRFeedSettings(vtnURL: "http://127.0.0.1:8080", venName: "cpms", pollIntervalSeconds: 10)),
            .oscp(OSCPFeedSettings(capacityProviderURL: "http://127.0.0.1:9000/oscp/cp/2.0", registrationToken: "a", measurementIntervalSeconds: 900)),
            .entsoe(ENTSOEFeedSettings(source: "/var/lib/cpms/a44.xml", refreshSeconds: 3600)),
            .jsonFeed(JSONFeedSettings(source: "http://127.0.0.1:8081/prices.json", refreshSeconds: 300)),
        ])
    }

    @Test func aRequiredFieldThatIsMissingIsNamed() {
        let json = #"{"id": "grid", "name": "Grid Co", "contract": {"groups": [], "currency": "EUR", "fallbackPricePerKWh": 0.35}, "feeds": []}"#
        #expect {
            try JSONDecoder().decode(DSO.self, from: Data(json.utf8))
        } throws: { error in
            guard case DecodingError.keyNotFound(let key, _) = error else { return false }
            return key.stringValue == "capacityW"
        }
    }

    /// Every field set, so a field added to a settings type but not to its decoder fails here.
    @Test func theEncodedDSOReadsBackTheSame() throws {
        let dso = DSO(
            id: "grid", name: "Grid Co",
            contract: SupplyContract(
                groups: ["depot"], capacityW: 50000, currency: "EUR", surchargePerKWh: 0.12, fallbackPricePerKWh: 0.35,
                forecastBoundSeconds: 7200, energyMix: EnergyMix(isGreenEnergy: true, energySources: [], environImpact: nil, supplierName: "Grid Co", energyProductName: "Green"),
                carbonGramsPerKWh: 120),
            feeds: [
                .timeOfUse(TimeOfUseSettings(timeZone: "Europe/Berlin", periods: [.init(from: "22:00", to: "06:00", pricePerKWh: 0.18)])),
                .openADR(OpenADRFeedSettings(
                    vtnURL: "https://vtn.example", venName: "cpms", pollIntervalSeconds: 3, clientCertificatePath: "/c.pem",
                    clientKeyPath: "/k.pem", caCertificatePath: "/ca.pem")),
                .oscp(OSCPFeedSettings(
                    capacityProviderURL: "https://cp.example/oscp/cp/2.0", registrationToken: "a", groupMapping: ["g1": "depot"],
                    measurementIntervalSeconds: 60, heartbeatIntervalSeconds: 2)),
                .entsoe(ENTSOEFeedSettings(source: "/a44.xml", refreshSeconds: 60, biddingZone: "10Y1001A1001A82H")),
                .jsonFeed(JSONFeedSettings(source: "https://prices.example/feed.json", refreshSeconds: 30)),
            ])
        #expect(try JSONDecoder().decode(DSO.self, from: JSONEncoder().encode(dso)) == dso)
    }
}
