import Foundation
import StationConfig

/// A station file and a device profile through the configuration loaders: any text is a configuration or a list
/// of problems. The input is written to a file (the loaders read files, as stationd does) and loaded both ways;
/// a station file's profiles come from firmware-config/devices.
enum ConfigurationFuzzing {
    static let directory: URL = {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("stationmaster-fuzz-yaml-\(getpid())")
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return directory
    }()
    static let profiles = FuzzTarget.repositoryRoot.appendingPathComponent("firmware-config/devices").path

    static func run(_ input: [UInt8]) {
        let file = directory.appendingPathComponent("fuzz-profile.yaml")
        guard FileManager.default.createFile(atPath: file.path, contents: Data(input)) else {
            fatalError("yaml fuzzing: cannot write \(file.path)")
        }
        do {
            _ = try StationConfiguration.load(path: file.path, profilesDirectory: profiles)
        } catch {
            _ = "\(error)"
        }
        do {
            _ = try DeviceProfile.load(path: file.path)
        } catch {
            _ = "\(error)"
        }
    }
}
