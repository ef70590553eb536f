extension DeviceProfile {
    /// Loads and validates the profile at `path`; the profile's name is the file stem.
    ///
    /// - Throws: `ConfigurationError` with every problem found in the file.
    public static func load(path: String) throws -> DeviceProfile {
        let (profile, problems) = DeviceProfileDecoder.load(path: path)
        guard let profile, problems.isEmpty else {
            throw ConfigurationError(problems: problems.sortedForReading())
        }
        return profile
    }
}
