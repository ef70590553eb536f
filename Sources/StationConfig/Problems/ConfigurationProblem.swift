/// One problem found in a configuration file, located by file, line and key path.
public struct ConfigurationProblem: Sendable, Hashable, CustomStringConvertible {
    /// The file path, exactly as it was given to the loader.
    public var file: String
    /// The 1-based line, or `nil` when the problem concerns the whole file (it cannot be read, for example).
    public var line: Int?
    /// Where in the document, e.g. `sockets[1].device`; empty for the document root.
    public var keyPath: String
    public var message: String

    public init(file: String, line: Int?, keyPath: String, message: String) {
        self.file = file
        self.line = line
        self.keyPath = keyPath
        self.message = message
    }

    /// `file:line: keypath: message`, leaving out the parts that are absent.
    public var description: String {
        var text = file
        if let line { text += ":\(line)" }
        text += ": "
        if !keyPath.isEmpty { text += keyPath + ": " }
        return text + message
    }
}
