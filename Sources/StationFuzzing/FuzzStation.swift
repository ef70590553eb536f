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
        // Not the hub's own links: those hold the hub, which holds the controller, and one input's station would
        // outlive it. Like the hub's links with no session registered, these refuse every command.
        for socket in chargerSockets { await controller.attach(UnreachableChargerLink(socket: socket)) }
        await controller.chargerConnected(chargerSockets)
        return (controller, hub)
    }

    static let chargerSockets = [SocketID(3), SocketID(4)]
}

/// A charger connector whose commands never reach a charger (the targets feed the charger's side only).
struct UnreachableChargerLink: ChargerConnectorLink {
    struct Unreachable: Error {}

    let socket: SocketID
    var isConnected: Bool { get async { false } }
    func offer(_ current: Amperes) async throws { throw Unreachable() }
    func setOperative(_ operative: Bool) async throws { throw Unreachable() }
    func reserve(_ reservation: Reservation) async throws { throw Unreachable() }
    func cancelReservation(_ reservationID: Int) async throws { throw Unreachable() }
    func remoteStart(idTag: String) async throws { throw Unreachable() }
    func remoteStop(sessionID: String) async throws { throw Unreachable() }
}
