/// Collects the problems found in one configuration file while it is decoded.
///
/// Decoding carries on after a problem so that one run reports everything wrong with a file.
package final class ProblemCollector {
    let file: String
    /// The problems in the order they were reported.
    package private(set) var problems: [ConfigurationProblem] = []

    /// A collector for `file`, named in every problem as given.
    package init(file: String) {
        self.file = file
    }

    /// Whether anything has been reported.
    package var hasProblems: Bool { !problems.isEmpty }

    func report(line: Int?, keyPath: String, _ message: String) {
        problems.append(ConfigurationProblem(file: file, line: line, keyPath: keyPath, message: message))
    }
}

extension Array where Element == ConfigurationProblem {
    /// Problems grouped by file (in order of first appearance), then by line; the order within a line is kept.
    package func sortedForReading() -> [ConfigurationProblem] {
        var fileOrder: [String: Int] = [:]
        for problem in self where fileOrder[problem.file] == nil {
            fileOrder[problem.file] = fileOrder.count
        }
        return enumerated().sorted { lhs, rhs in
            let (l, r) = (lhs.element, rhs.element)
            if l.file != r.file { return fileOrder[l.file, default: 0] < fileOrder[r.file, default: 0] }
            if l.line != r.line { return (l.line ?? 0) < (r.line ?? 0) }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }
}
