import HummingbirdBcrypt
import NIOPosix
import OCPP
import Synchronization

/// Checks a station's Basic-auth password against its stored bcrypt hash.
///
/// A successful verification is remembered per stored hash as the SHA-256 of the password that matched, so
/// a station reconnecting (or 500 of them after a cpms restart) costs a digest and a constant-time
/// comparison instead of a bcrypt each. A changed password hash misses the cache. Stations presenting the
/// same password for the same hash at once share one bcrypt, which runs on NIO's thread pool, never on the
/// cooperative pool.
final class StationAuthenticator: Sendable {
    let registry: StationRegistry
    private let verified = Mutex<[String: String]>([:])
    private let inFlight = Mutex<[String: Task<Bool, any Error>]>([:])

    init(registry: StationRegistry) {
        self.registry = registry
    }

    enum Verdict: Equatable {
        case accepted
        case unknownStation
        case wrongPassword
    }

    func verify(station id: String, password: String) async throws -> Verdict {
        guard let hash = try await registry.passwordHash(of: id) else { return .unknownStation }
        let digest = Secrets.sha256Hex(password)
        if let known = verified.withLock({ $0[hash] }), BasicCredentials.constantTimeEqual(known, digest) {
            return .accepted
        }
        let key = hash + "\u{0}" + digest
        let verification = inFlight.withLock { running in
            if let task = running[key] { return task }
            let task = Task { try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: hash) } }
            running[key] = task
            return task
        }
        let matches = try await verification.value
        inFlight.withLock { $0[key] = nil }
        guard matches else { return .wrongPassword }
        verified.withLock { $0[hash] = digest }
        return .accepted
    }
}
