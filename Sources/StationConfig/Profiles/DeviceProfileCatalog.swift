import Foundation

/// All device profiles of a directory, by name.
public struct DeviceProfileCatalog: Sendable, Equatable {
    public var profiles: [String: DeviceProfile]

    public init(profiles: [DeviceProfile]) {
        self.profiles = Dictionary(profiles.map { ($0.name, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// The profile called `name`, if the catalog has it.
    public subscript(name: String) -> DeviceProfile? { profiles[name] }

    /// Profile names, sorted.
    public var names: [String] { profiles.keys.sorted() }

    /// Loads every `*.yaml` file of `directory` as a profile.
    ///
    /// - Throws: `ConfigurationError` with the problems of every file, when any file has one.
    public static func load(directory: String) throws -> DeviceProfileCatalog {
        let files: [String]
        do {
            files = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasSuffix(".yaml") }
                .sorted()
        } catch {
            throw ConfigurationError(problems: [
                ConfigurationProblem(file: directory, line: nil, keyPath: "", message: "cannot list the directory")
            ])
        }
        var profiles: [DeviceProfile] = []
        var problems: [ConfigurationProblem] = []
        for file in files {
            let (profile, fileProblems) = DeviceProfileDecoder.load(path: ProfilePaths.join(directory, file))
            problems += fileProblems
            if let profile { profiles.append(profile) }
        }
        guard problems.isEmpty else { throw ConfigurationError(problems: problems.sortedForReading()) }
        return DeviceProfileCatalog(profiles: profiles)
    }
}

/// Path arithmetic on the strings given to the loaders, so reported paths stay as the user wrote them.
enum ProfilePaths {
    /// `directory/file`, without doubling the slash.
    static func join(_ directory: String, _ file: String) -> String {
        if directory.isEmpty { return file }
        return directory.hasSuffix("/") ? directory + file : directory + "/" + file
    }

    /// The directory part of `path` (`""` for a bare file name).
    static func directory(of path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "" }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }

    /// The default profiles directory for a station file: `devices` beside the station file's directory.
    ///
    /// `firmware-config/stations/demo.yaml` gives `firmware-config/devices`.
    static func defaultProfilesDirectory(forStationFile path: String) -> String {
        let stationDirectory = directory(of: path)
        let last = stationDirectory.split(separator: "/").last.map(String.init) ?? ""
        if stationDirectory.isEmpty || last == "." || last == ".." {
            return join(stationDirectory, "../devices")
        }
        return join(directory(of: stationDirectory), "devices")
    }
}
