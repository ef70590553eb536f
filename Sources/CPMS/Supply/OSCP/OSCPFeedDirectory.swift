import Foundation

/// The running OSCP feeds, so that the Flexibility Provider endpoints find the one a Capacity Provider's
/// token belongs to.
public actor OSCPFeedDirectory {
    private var sessions: [String: OSCPSession] = [:]

    public init() {}

    func add(_ session: OSCPSession, dso: String) {
        sessions[dso] = session
    }

    func remove(dso: String, _ session: OSCPSession) {
        if sessions[dso] === session { sessions[dso] = nil }
    }

    func session(dso: String) -> OSCPSession? { sessions[dso] }

    /// The session whose Capacity Provider calls cpms with `token` (token B).
    func session(presenting token: String) async -> OSCPSession? {
        for session in sessions.values where await session.accepts(token: token) {
            return session
        }
        return nil
    }
}
