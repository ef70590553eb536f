import StationConfig

/// Collects what is wrong with a scenario file, so one run reports every problem.
final class ScenarioProblems {
    let file: String
    private(set) var problems: [ConfigurationProblem] = []

    init(file: String) {
        self.file = file
    }

    func report(line: Int?, keyPath: String, _ message: String) {
        problems.append(ConfigurationProblem(file: file, line: line, keyPath: keyPath, message: message))
    }

    /// The problems sorted by line, as a `ConfigurationError`.
    var error: ConfigurationError {
        ConfigurationError(problems: problems.enumerated().sorted { lhs, rhs in
            let (l, r) = (lhs.element.line ?? 0, rhs.element.line ?? 0)
            return l != r ? l < r : lhs.offset < rhs.offset
        }.map(\.element))
    }
}
