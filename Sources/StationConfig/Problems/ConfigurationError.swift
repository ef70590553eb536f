/// Every problem found while loading configuration; thrown only when there is at least one.
public struct ConfigurationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var problems: [ConfigurationProblem]

    public init(problems: [ConfigurationProblem]) {
        self.problems = problems
    }

    /// One problem a line, in the order of `problems`.
    public var description: String {
        problems.map(\.description).joined(separator: "\n")
    }
}
