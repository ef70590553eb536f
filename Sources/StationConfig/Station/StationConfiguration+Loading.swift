extension StationConfiguration {
    /// Loads and validates a station file and the device profiles it refers to.
    ///
    /// - Parameters:
    ///   - path: The station file; problems name it exactly as given.
    ///   - profilesDirectory: Where `<profile>.yaml` files live; defaults to `devices` beside the station file's
    ///     directory (`firmware-config/stations/demo.yaml` -> `firmware-config/devices`).
    /// - Throws: `ConfigurationError` with every problem of the station file and of the profiles it uses.
    public static func load(path: String, profilesDirectory: String? = nil) throws -> StationConfiguration {
        let collector = ProblemCollector(file: path)
        let resolver = ProfileResolver(
            directory: profilesDirectory ?? ProfilePaths.defaultProfilesDirectory(forStationFile: path))
        let decoder = StationDecoder(
            collector: collector, stationDirectory: ProfilePaths.directory(of: path), resolver: resolver)
        let configuration = YAMLDocument.load(path: path, collector: collector).flatMap(decoder.decode)
        let problems = collector.problems + resolver.problems
        guard let configuration, problems.isEmpty else {
            throw ConfigurationError(problems: problems.sortedForReading())
        }
        return configuration
    }
}
