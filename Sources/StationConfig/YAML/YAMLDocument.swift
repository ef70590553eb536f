import Foundation
import Yams

/// Reads a YAML file into a root `ConfigNode`, turning read and syntax errors into problems.
package enum YAMLDocument {
    /// The root node, or `nil` after reporting to `collector` why there is none.
    static func load(path: String, collector: ProblemCollector) -> ConfigNode? {
        guard FileManager.default.fileExists(atPath: path) else {
            collector.report(line: nil, keyPath: "", "no such file")
            return nil
        }
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            collector.report(line: nil, keyPath: "", "cannot read the file as UTF-8 text")
            return nil
        }
        return parse(text, collector: collector)
    }

    /// The root node of `text`, or `nil` after reporting a syntax error or an empty document.
    ///
    /// With `emptyIsAProblem == false` an empty document is `nil` without a problem.
    package static func parse(_ text: String, collector: ProblemCollector, emptyIsAProblem: Bool = true) -> ConfigNode? {
        do {
            // The basic resolver tags nothing: ConfigNode reads every scalar itself. Yams' default resolver
            // compiles regular expressions (ICU) on first use, which costs stationd megabytes of resident memory.
            guard let root = try Yams.compose(yaml: text, .basic) else {
                if emptyIsAProblem { collector.report(line: 1, keyPath: "", "the file is empty") }
                return nil
            }
            return ConfigNode(node: root, keyPath: "", keyLine: nil, collector: collector)
        } catch let error as YamlError {
            report(error, to: collector)
            return nil
        } catch {
            collector.report(line: nil, keyPath: "", "cannot parse YAML: \(error)")
            return nil
        }
    }

    private static func report(_ error: YamlError, to collector: ProblemCollector) {
        switch error {
        case .scanner(let context, let problem, let mark, _),
             .parser(let context, let problem, let mark, _),
             .composer(let context, let problem, let mark, _):
            var message = "YAML syntax error: \(problem)"
            if let context { message += " (\(context.text))" }
            collector.report(line: mark.line, keyPath: "", message)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            collector.report(line: context.mark.line, keyPath: "", "key \(keys) appears more than once in one mapping")
        default:
            collector.report(line: nil, keyPath: "", "cannot parse YAML: \(error)")
        }
    }
}
