import HummingbirdBcrypt
import NIOPosix

/// bcrypt hashing and checking of portal passwords, off the cooperative thread pool (a hash at cost 12 takes
/// a few hundred milliseconds of CPU).
public struct PasswordHasher: Sendable {
    /// bcrypt's cost: 12 in production; tests use bcrypt's minimum, 4.
    public let cost: UInt8
    /// A hash of a random password at the same cost, checked for unknown or disabled users so that their
    /// answer takes as long as a wrong password's.
    private let dummyHash: String

    public init(cost: UInt8 = 12) {
        self.cost = cost
        self.dummyHash = Bcrypt.hash(Secrets.random(bytes: 18), cost: cost)
    }

    public func hash(_ password: String) async throws -> String {
        let cost = cost
        return try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: cost) }
    }

    /// Whether `password` matches `hash`; with no hash (unknown user) the dummy is checked and the answer is false.
    public func verify(_ password: String, against hash: String?) async throws -> Bool {
        let checked = hash ?? dummyHash
        let matches = try await NIOThreadPool.singleton.runIfActive { Bcrypt.verify(password, hash: checked) }
        return hash != nil && matches
    }
}
