import StationConfig
import Testing

/// Problems print as `file:line: keypath: message`, one a line.
@Suite struct ProblemFormattingTests {
    @Test func problemPrintsFileLineKeyPathAndMessage() {
        let problem = ConfigurationProblem(
            file: "firmware-config/stations/demo.yaml", line: 14, keyPath: "sockets[1].device",
            message: "unknown profile \"abb-terra\"")
        #expect(problem.description == "firmware-config/stations/demo.yaml:14: sockets[1].device: unknown profile \"abb-terra\"")
    }

    @Test func problemAtTheRootLeavesOutTheKeyPath() {
        let problem = ConfigurationProblem(file: "a.yaml", line: 1, keyPath: "", message: "the file is empty")
        #expect(problem.description == "a.yaml:1: the file is empty")
    }

    @Test func fileLevelProblemLeavesOutTheLine() {
        let problem = ConfigurationProblem(file: "a.yaml", line: nil, keyPath: "", message: "no such file")
        #expect(problem.description == "a.yaml: no such file")
    }

    @Test func errorPrintsOneProblemALine() {
        let error = ConfigurationError(problems: [
            ConfigurationProblem(file: "a.yaml", line: 2, keyPath: "x", message: "one"),
            ConfigurationProblem(file: "a.yaml", line: 5, keyPath: "y", message: "two"),
        ])
        #expect(error.description == "a.yaml:2: x: one\na.yaml:5: y: two")
    }
}
