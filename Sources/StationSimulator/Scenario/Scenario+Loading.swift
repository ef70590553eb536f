import Foundation
public import StationConfig

extension Scenario {
    /// Loads a scenario file, checking its sockets and devices against `station` when given.
    ///
    /// - Throws: `ConfigurationError` with every problem, each as `file:line: key.path: message`.
    public static func load(path: String, station: StationConfiguration? = nil) throws(ConfigurationError) -> Scenario {
        guard let data = FileManager.default.contents(atPath: path) else {
            let reason = FileManager.default.fileExists(atPath: path) ? "cannot read the file" : "no such file"
            throw ConfigurationError(problems: [ConfigurationProblem(file: path, line: nil, keyPath: "", message: reason)])
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw ConfigurationError(problems: [
                ConfigurationProblem(file: path, line: nil, keyPath: "", message: "cannot read the file as UTF-8 text")
            ])
        }
        return try parse(text, file: path, station: station)
    }

    /// Parses scenario YAML; `file` names it in problems.
    public static func parse(
        _ text: String, file: String = "<scenario>", station: StationConfiguration? = nil
    ) throws(ConfigurationError) -> Scenario {
        let collector = ProblemCollector(file: file)
        let scenario: Scenario?
        if let root = YAMLDocument.parse(text, collector: collector, emptyIsAProblem: false) {
            scenario = ScenarioDecoder(station: station).decode(root)
        } else {
            // An empty document is the empty scenario.
            scenario = collector.hasProblems ? nil : Scenario()
        }
        guard let scenario, !collector.hasProblems else {
            throw ConfigurationError(problems: collector.problems.sortedForReading())
        }
        return scenario
    }
}
