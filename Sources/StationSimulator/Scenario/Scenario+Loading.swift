import Foundation
public import StationConfig
import Yams

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
        let problems = ScenarioProblems(file: file)
        var scenario: Scenario?
        do {
            if let root = try Yams.compose(yaml: text) {
                let node = ScenarioNode(node: root, keyPath: "", line: root.mark?.line ?? 1, problems: problems)
                scenario = ScenarioDecoder(station: station).decode(node)
            } else {
                scenario = Scenario()
            }
        } catch let error as YamlError {
            report(error, to: problems)
        } catch {
            problems.report(line: nil, keyPath: "", "cannot parse YAML: \(error)")
        }
        guard let scenario, problems.problems.isEmpty else { throw problems.error }
        return scenario
    }

    private static func report(_ error: YamlError, to problems: ScenarioProblems) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text))" }
            problems.report(line: mark.line, keyPath: "", message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            problems.report(line: context.mark.line, keyPath: "", "key \(keys) appears more than once in one mapping")
        default:
            problems.report(line: nil, keyPath: "", "cannot parse YAML: \(error)")
        }
    }
}
