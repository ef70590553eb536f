import OCPI

/// What became of one attempt to deliver a push, and so what happens to its row.
public enum OCPIPushOutcome: Sendable, Equatable {
    /// The eMSP took it (OCPI 1xxx): the row is deleted.
    case delivered
    /// It may go through later (unreachable, timed out, HTTP 5xx, 408 or 429, OCPI 3xxx or 4xxx, an answer
    /// that is not an envelope, or no endpoint yet): tried again after the backoff.
    case retry(String)
    /// Trying again cannot help (OCPI 2xxx, another HTTP 4xx, the eMSP unregistered): set aside as a dead letter.
    case deadLetter(String)
    /// Nothing at the eMSP can take it: the eMSP (registered) has no RECEIVER endpoint for the push's module, for
    /// instance since a credentials update dropped it. The row is deleted, and the drop counted and logged.
    case dropped(String)

    /// The outcome of a call that failed with `error`.
    public init(_ error: OCPIClientError) {
        switch error.kind {
        case .unreachable, .invalidAnswer:
            self = .retry(error.description)
        case .httpStatus(let status):
            if status == 408 || status == 429 || !(400..<500).contains(status) {
                self = .retry(error.description)
            } else {
                self = .deadLetter(error.description)
            }
        case .refused(let code):
            self = code.category == .clientError ? .deadLetter(error.description) : .retry(error.description)
        }
    }

    /// The outcome's name in logs and metrics.
    var label: String {
        switch self {
        case .delivered: "delivered"
        case .retry: "failed"
        case .deadLetter: "dead_lettered"
        case .dropped: "dropped"
        }
    }
}
