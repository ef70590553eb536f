import Foundation
import StationConfig
import StationSimulator

/// The shipped station, profiles and scenario, found from this file's path.
enum Fixtures {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, StationSimulatorTests, Tests, root
        return url.path
    }()

    static let demoStationPath = repositoryRoot + "/firmware-config/stations/demo.yaml"
    static let demoScenarioPath = repositoryRoot + "/firmware-config/scenarios/demo.yaml"
    static let devicesDirectory = repositoryRoot + "/firmware-config/devices"

    static func demoStation() throws -> StationConfiguration {
        try StationConfiguration.load(path: demoStationPath)
    }

    /// A device image of a shipped profile.
    static func image(_ profileName: String) throws -> DeviceImage {
        let catalog = try DeviceProfileCatalog.load(directory: devicesDirectory)
        guard let profile = catalog[profileName] else {
            throw SimulatorError(.configuration, "no shipped profile \(profileName)")
        }
        return try DeviceImage(profile: profile)
    }

    /// The demo station simulated on a free loopback port, with `scenario`.
    static func demoSimulation(_ scenario: Scenario = Scenario(), port: Int = 0) throws -> SimulatedStation {
        try SimulatedStation(
            configuration: demoStation(), scenario: scenario, options: .init(port: port, startTimeOfDay: .zero))
    }
}
