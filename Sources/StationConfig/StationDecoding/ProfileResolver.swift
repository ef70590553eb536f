import Foundation

/// Loads the device profiles a station file refers to, once each, from the profiles directory.
final class ProfileResolver {
    enum Resolution {
        case loaded(DeviceProfile)
        /// No file for the name: the reference is an unknown profile.
        case missing
        /// The file exists but has problems, which are in `problems`.
        case invalid
    }

    let directory: String
    private var cache: [String: Resolution] = [:]
    /// Problems found in the profile files themselves.
    private(set) var problems: [ConfigurationProblem] = []

    init(directory: String) {
        self.directory = directory
    }

    /// Every profile that loaded, by name.
    var loadedProfiles: [String: DeviceProfile] {
        cache.compactMapValues { resolution in
            if case .loaded(let profile) = resolution { return profile }
            return nil
        }
    }

    func resolve(_ name: String) -> Resolution {
        if let cached = cache[name] { return cached }
        let path = ProfilePaths.join(directory, name + ".yaml")
        let resolution: Resolution
        if !FileManager.default.fileExists(atPath: path) {
            resolution = .missing
        } else {
            let (profile, fileProblems) = DeviceProfileDecoder.load(path: path)
            problems += fileProblems
            resolution = profile.map(Resolution.loaded) ?? .invalid
        }
        cache[name] = resolution
        return resolution
    }

    /// Whether `name` can be a profile file stem: lower-case letters, digits, `.`, `_` and `-`, no path.
    static func isValidName(_ name: String) -> Bool {
        guard let first = name.first, first.isASCIIDigit || (first.isASCII && first.isLowercase) else { return false }
        return name.allSatisfy { $0.isASCIIDigit || ($0.isASCII && $0.isLowercase) || "._-".contains($0) }
    }
}
