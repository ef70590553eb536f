/// Why an outgoing call did not produce a response.
public enum OCPPError: Error, Sendable, CustomStringConvertible {
    /// The peer answered with a CALLERROR.
    case callError(OCPPCallError)
    /// No answer within the call timeout.
    case timeout(action: String, after: Duration)
    /// The answer did not match the response type.
    case invalidResponse(PayloadViolation)
    /// The answer was not a well-formed CALLRESULT or CALLERROR frame.
    case malformedResponse(String)
    /// The request itself breaks its schema's constraints; nothing was sent.
    case invalidRequest(PayloadViolation)
    /// The transport's `send` failed.
    case transport(String)
    /// The calling task was cancelled.
    case cancelled
    /// The endpoint was closed before the call completed.
    case closed

    public var description: String {
        switch self {
        case .callError(let error): "CALLERROR \(error)"
        case .timeout(let action, let after): "\(action): no answer within \(after)"
        case .invalidResponse(let violation): "invalid response: \(violation)"
        case .malformedResponse(let reason): "malformed response: \(reason)"
        case .invalidRequest(let violation): "invalid request: \(violation)"
        case .transport(let reason): "send failed: \(reason)"
        case .cancelled: "cancelled"
        case .closed: "the endpoint is closed"
        }
    }
}
