import StationConfig
import Testing

@Suite struct OCPPServerConfigurationTests {
    @Test func exampleStationListsItsChargersAndLocalTokens() throws {
        let station = try StationConfiguration.load(path: TestFiles.shippedStations + "/example-rs485.yaml")
        let server = try #require(station.ocppServer)
        #expect(server.port == 8887)
        #expect(server.unknownChargers == .reject)
        #expect(server.heartbeatInterval == .seconds(300))
        let charger = try #require(server.charger(id: "DEPOT-07-AC-3"))
        #expect(charger.connectors.map(\.socket) == [3, 4])
        #expect(charger.connectors.first == ChargerConnectorConfiguration(connector: 1, socket: 3, maxCurrentA: 32, phases: 3))
        guard case .passwordFile(let path) = charger.credential else {
            Issue.record("expected a password file")
            return
        }
        #expect(path.hasSuffix("stations/secrets/DEPOT-07-AC-3.password"))
        #expect(station.localAuthorization.count == 3)
        #expect(station.localAuthorization.last == LocalAuthorization(idTag: "0499AA11BB22CC", status: .blocked))
    }

    @Test func demoStationHasNoOCPPServer() throws {
        let station = try StationConfiguration.load(path: TestFiles.shippedStations + "/demo.yaml")
        #expect(station.ocppServer == nil)
        #expect(station.localAuthorization.isEmpty)
    }
}
