import Foundation
import StationConfig
import StationSimulator

/// The shipped device profiles, found from this file's path.
enum Fixtures {
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, StationSimulatorTests, Tests, root
        return url.path
    }()

    static let devicesDirectory = repositoryRoot + "/firmware-config/devices"

    /// A device image of a shipped profile.
    static func image(_ profileName: String) throws -> DeviceImage {
        let catalog = try DeviceProfileCatalog.load(directory: devicesDirectory)
        guard let profile = catalog[profileName] else {
            throw SimulatorError(.configuration, "no shipped profile \(profileName)")
        }
        return try DeviceImage(profile: profile)
    }
}
