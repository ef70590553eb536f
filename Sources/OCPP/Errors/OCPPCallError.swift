/// A CALLERROR: the peer's answer to one of our calls, or what a handler throws to choose its answer.
public struct OCPPCallError: Error, Sendable, Hashable, CustomStringConvertible {
    public var code: OCPPErrorCode
    public var errorDescription: String
    public var details: JSONValue

    public init(_ code: OCPPErrorCode, _ errorDescription: String = "", details: JSONValue = .object([:])) {
        self.code = code
        self.errorDescription = errorDescription
        self.details = details
    }

    public var description: String {
        errorDescription.isEmpty ? code.rawValue : "\(code.rawValue): \(errorDescription)"
    }
}
