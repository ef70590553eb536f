import StationConfig
import StationSimulator
import Testing

/// Which devices are served where, from the RS-485 example station (an RTU bus and two TCP buses).
@Suite struct ServingPlanTests {
    static let rs485Example = Fixtures.repositoryRoot + "/firmware-config/stations/example-rs485.yaml"

    @Test func tcpBusesTakeConsecutivePortsFromTheOverride() throws {
        let configuration = try StationConfiguration.load(path: Self.rs485Example)
        let station = try SimulatedStation(configuration: configuration, options: .init(host: "127.0.0.1", port: 15_020))
        #expect(station.servedAddresses == ["evse-1": "127.0.0.1:15020", "evse-2": "127.0.0.1:15021"])
        #expect(station.servedDevices == ["evse-1": [.socket(1)], "evse-2": [.socket(2)]])
    }

    @Test func rtuBusWithoutSerialPathIsNotServed() throws {
        let configuration = try StationConfiguration.load(path: Self.rs485Example)
        let station = try SimulatedStation(configuration: configuration, options: .init(host: "127.0.0.1", port: 0))
        #expect(Set(station.unservedDevices.keys) == [.battery, .gridMeter])
        #expect(station.unservedDevices[.battery] == "RTU bus rs485 has no serial path to serve on")
    }

    @Test func rtuBusServesItsFirstDeviceOnTheGivenPath() throws {
        let configuration = try StationConfiguration.load(path: Self.rs485Example)
        let station = try SimulatedStation(
            configuration: configuration, options: .init(host: "127.0.0.1", port: 0, serialPaths: ["rs485": "/dev/pts/7"]))
        #expect(station.servedDevices["rs485"] == [.battery])
        #expect(station.servedAddresses["rs485"] == "/dev/pts/7@19200/8E1")
        #expect(station.unservedDevices == [.gridMeter: "an RTU server answers one unit; bus rs485 serves battery only"])
    }
}
