import Modbus
import StationConfig
import Testing

/// Every station file and device profile in `firmware-config/` loads without a problem.
@Suite struct ShippedConfigurationTests {
    @Test func everyShippedProfileLoads() throws {
        let catalog = try DeviceProfileCatalog.load(directory: TestFiles.shippedDevices)
        #expect(catalog.names == ["phoenix-ev-eth", "sunspec-battery-inverter", "sunspec-meter-203"])
    }

    @Test(arguments: TestFiles.yamlFiles(in: TestFiles.shippedStations))
    func shippedStationLoads(path: String) throws {
        let station = try StationConfiguration.load(path: path)
        #expect(!station.sockets.isEmpty)
        for socket in station.sockets {
            #expect(station.profile(for: socket.device)?.kind == .evse)
        }
    }

    @Test func shippedStationsIncludeTheDemoAndTheRS485Example() {
        let names = TestFiles.yamlFiles(in: TestFiles.shippedStations).map { $0.split(separator: "/").last.map(String.init) }
        #expect(names == ["demo.yaml", "example-rs485.yaml"])
    }

    @Test func demoStationTargetsTheLocalSimulator() throws {
        let station = try StationConfiguration.load(path: TestFiles.shippedStations + "/demo.yaml")
        #expect(station.stationId == "DEMO-001")
        #expect(station.uplink?.endpointURL == "ws://127.0.0.1:8180/ocpp/DEMO-001")
        #expect(station.buses == [BusConfiguration(name: "sim", transport: .tcp(host: "127.0.0.1", port: 5020), responseTimeout: .milliseconds(300))])
        #expect(station.sockets.map(\.device.unitId) == [1, 2])
        #expect(station.sockets.allSatisfy { $0.maxCurrentA == 32 && $0.phases == 3 })
        #expect(station.battery?.device.unitId == 3)
        #expect(station.grid.meter.unitId == 4)
        #expect(station.safety.safeSocketCurrentA == 6)
        #expect(station.control.period == .milliseconds(1000))
        #expect(station.gpio == StationGPIOConfiguration())
        #expect(station.sockets.allSatisfy { $0.gpio == SocketGPIOConfiguration() })
    }

    @Test func demoGridLimitIsExceededByTwoCarsAtFullCurrent() throws {
        let station = try StationConfiguration.load(path: TestFiles.shippedStations + "/demo.yaml")
        let twoCarsW = station.sockets.reduce(0) { $0 + $1.maxCurrentA * Double($1.phases) * station.grid.nominalVoltageV }
        #expect(twoCarsW > station.grid.connectionLimitW)
        #expect(station.grid.connectionLimitW >= 20_000)
    }

    @Test func rs485ExampleShowsSerialBusAndGPIOLines() throws {
        let station = try StationConfiguration.load(path: TestFiles.shippedStations + "/example-rs485.yaml")
        #expect(station.bus(named: "rs485")?.transport == .rtu(device: "/dev/ttyUSB0", baud: 19200, parity: .even, dataBits: 8, stopBits: 1))
        #expect(station.bus(named: "rs485")?.byteTimeout == .milliseconds(20))
        #expect(station.uplink?.endpointURL == "wss://cpms.example.com/ocpp/ACME-DEPOT-07")
        #expect(station.uplink?.credential == .passwordFile(path: "/etc/stationmaster/ocpp-password"))
        #expect(station.uplink?.username == "ACME-DEPOT-07")
        let first = try #require(station.socket(id: 1))
        #expect(first.gpio.contactor == GPIOLineConfiguration(chip: "gpiochip0", line: .offset(17), direction: .output))
        #expect(first.gpio.keySwitch == GPIOLineConfiguration(line: .offset(27), direction: .input, activeLow: true, debounce: .milliseconds(50)))
        #expect(station.socket(id: 2)?.gpio.led?.line == .name("SOCKET2_LED"))
        #expect(station.socket(id: 2)?.connector.ocppConnectorType == "cType2")
        #expect(station.gpio.emergencyStop?.direction == .input)
        #expect(station.gpio.emergencyStop?.activeLow == true)
    }
}
