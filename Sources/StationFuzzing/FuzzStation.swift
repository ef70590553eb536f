import Foundation
import Logging
import StationConfig
import StationController
import StationCore
import StationTesting

/// The station the OCPP targets drive: the demo station's grid and energy settings, no Modbus sockets or battery,
/// and one charger whose connectors 1 and 2 are sockets 3 and 4. Its Modbus bus points at a closed port.
enum FuzzStation {
    static let chargerID = "CP-FUZZ"
    static let acceptedTag = "TAG-ACCEPTED"
    static let blockedTag = "TAG-BLOCKED"

    static let configuration: StationConfiguration = {
        let path = FuzzTarget.repositoryRoot.appendingPathComponent("firmware-config/stations/demo.yaml").path
        var config: StationConfiguration
        do {
            config = try StationConfiguration.load(path: path)
        } catch {
            fatalError("fuzz station: cannot load \(path): \(error)")
        }
        config.sockets = []
        config.battery = nil
        config.uplink = nil
        config.buses[0].transport = .tcp(host: "127.0.0.1", port: 9)
        config.ocppServer = OCPPServerConfiguration(
            host: "127.0.0.1", port: 0,
            chargers: [
                ChargerConfiguration(
                    id: chargerID, credential: .password("fuzz-password-0001"),
                    connectors: [
                        ChargerConnectorConfiguration(connector: 1, socket: 3, maxCurrentA: 32, phases: 3),
                        ChargerConnectorConfiguration(connector: 2, socket: 4, maxCurrentA: 16, phases: 1),
                    ])
            ])
        config.localAuthorization = [.init(idTag: acceptedTag, status: .accepted), .init(idTag: blockedTag, status: .blocked)]
        return config
    }()

    /// Opened once: a bus object per configured bus, never connected by the targets.
    static let hardware: StationHardware = {
        do {
            return try StationHardware(configuration: configuration, gpio: nil)
        } catch {
            fatalError("fuzz station: \(error)")
        }
    }()

    /// A fresh controller on a manual clock for one input, with the charger's connectors attached and connected.
    static func controller(clock: ManualClock) async -> (StationController, ChargerHub) {
        let controller = StationController(
            configuration: configuration, hardware: hardware, readings: StationReadings(), clock: clock, logger: .fuzz)
        let hub = ChargerHub(configuration: configuration.ocppServer!, controller: controller, logger: .fuzz)
        for link in hub.links() { await controller.attach(link) }
        await controller.chargerConnected([SocketID(3), SocketID(4)])
        return (controller, hub)
    }
}
