import Foundation

/// Paths to the repository's shipped configuration and to this target's fixtures.
enum TestFiles {
    /// The repository root, found from this source file's path.
    static let repositoryRoot: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<4 { url.deleteLastPathComponent() }  // Support, StationConfigTests, Tests, root
        return url.path
    }()

    static let shippedStations = repositoryRoot + "/firmware-config/stations"
    static let shippedDevices = repositoryRoot + "/firmware-config/devices"

    /// The copied `Fixtures` resource directory.
    static let fixtures: String = {
        Bundle.module.url(forResource: "Fixtures", withExtension: nil)?.path
            ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Fixtures").path
    }()

    static let fixtureDevices = fixtures + "/devices"

    /// The `*.yaml` files of `directory`, sorted, as full paths.
    static func yamlFiles(in directory: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { directory + "/" + $0 }
    }

    /// The file names of the broken station fixtures.
    static var brokenStationNames: [String] {
        yamlFiles(in: fixtures + "/broken/stations").map { ($0 as NSString).lastPathComponent }
    }

    /// The file names of the broken device profile fixtures.
    static var brokenDeviceNames: [String] {
        yamlFiles(in: fixtures + "/broken/devices").map { ($0 as NSString).lastPathComponent }
    }
}

/// The problems a broken fixture declares in its `# expect: <line>: <keypath>: <message>` comments.
enum FixtureExpectations {
    /// Expected problem lines, in order, each prefixed with the file path as the loader reports it.
    ///
    /// A line starting with `@` names another fixture file: `@devices/x.yaml:6: ...` expands to the
    /// fixtures directory; otherwise the problem is in `path` itself.
    static func expectedProblems(in path: String) throws -> [String] {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        return text.split(separator: "\n", omittingEmptySubsequences: false).compactMap { line in
            guard line.hasPrefix("# expect: ") else { return nil }
            let expectation = line.dropFirst("# expect: ".count)
            if expectation.hasPrefix("@") {
                return TestFiles.fixtures + "/" + expectation.dropFirst()
            }
            return "\(path):\(expectation)"
        }
    }
}
