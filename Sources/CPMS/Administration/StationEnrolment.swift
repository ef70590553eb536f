public import Foundation
import HummingbirdBcrypt
import NIOPosix

/// Registers stations with their passwords; only bcrypt hashes are stored.
public struct StationEnrolment: Sendable {
    /// A station's credentials, shown once.
    public struct Credentials: Sendable, Hashable {
        public let stationID: String
        public let password: String
    }

    /// bcrypt's work factor for station passwords.
    public static let bcryptCost: UInt8 = 12
    let registry: StationRegistry

    public init(registry: StationRegistry) {
        self.registry = registry
    }

    /// Registers `ids` (all or none). Without `password` each station gets a random one; with it, every
    /// station shares that password and its one hash (a fleet for a load test, say).
    public func add(ids: [String], password: String? = nil, at time: Date) async throws -> [Credentials] {
        for id in ids where !StationIdentity.isValid(id) {
            throw StationRegistryError.invalidID("invalid station id \"\(id)\": 1 to 48 printable ASCII characters without / or :")
        }
        guard Set(ids).count == ids.count else { throw StationRegistryError.invalidID("the station ids repeat") }
        if let password {
            guard (16...40).contains(password.count) else {
                throw StationRegistryError.invalidID("a station password must be 16 to 40 characters (OCPP 2.0.1 BasicAuthPassword)")
            }
            let hash = try await Self.hash(password)
            try await registry.add(ids: ids, passwordHash: hash, at: time)
            return ids.map { Credentials(stationID: $0, password: password) }
        }
        var credentials: [Credentials] = []
        for id in ids {
            let secret = Secrets.random(bytes: 24)
            try await registry.add(ids: [id], passwordHash: try await Self.hash(secret), at: time)
            credentials.append(Credentials(stationID: id, password: secret))
        }
        return credentials
    }

    static func hash(_ password: String) async throws -> String {
        try await NIOThreadPool.singleton.runIfActive { Bcrypt.hash(password, cost: bcryptCost) }
    }

    /// `count` ids: the prefix and a four-digit number from 1 (`load-0001`...), as station-sim names its chargers.
    public static func numberedIDs(prefix: String, count: Int) -> [String] {
        (1...max(1, count)).map { number in
            let digits = String(number)
            return prefix + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
        }
    }
}
