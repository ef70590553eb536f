public import Foundation
public import SupplyPlanning
public import SQLKit

/// The supply policy as the API and the database write it: `{"kind": "cheapest"}`, `{"kind": "greenest"}`,
/// `{"kind": "cost_with_carbon_price", "price_per_kilogram": 0.08}`, `{"kind": "minimum_renewable_share", "share": 0.5}`.
public struct SupplyPolicyDocument: Sendable, Equatable, Codable {
    public var kind: String
    public var pricePerKilogram: Decimal?
    public var share: Double?

    public static let kinds = ["cheapest", "greenest", "cost_with_carbon_price", "minimum_renewable_share"]

    public init(kind: String, pricePerKilogram: Decimal? = nil, share: Double? = nil) {
        self.kind = kind
        self.pricePerKilogram = pricePerKilogram
        self.share = share
    }

    public init(_ policy: SupplyPolicy) {
        switch policy {
        case .cheapest: self.init(kind: "cheapest")
        case .greenest: self.init(kind: "greenest")
        case .costWithCarbonPrice(let price): self.init(kind: "cost_with_carbon_price", pricePerKilogram: price)
        case .minimumRenewableShare(let share): self.init(kind: "minimum_renewable_share", share: share)
        }
    }

    /// The policy, or the reason (naming the field) the document is not one.
    public func policy() -> Result<SupplyPolicy, SupplyValidationError> {
        switch kind {
        case "cheapest": return .success(.cheapest)
        case "greenest": return .success(.greenest)
        case "cost_with_carbon_price":
            guard let price = pricePerKilogram, price >= 0 else {
                return .failure(SupplyValidationError(field: "price_per_kilogram", "must be 0 or more (currency per kg CO2)"))
            }
            return .success(.costWithCarbonPrice(pricePerKilogram: price))
        case "minimum_renewable_share":
            guard let share, share.isFinite, (0...1).contains(share) else { return .failure(SupplyValidationError(field: "share", "must be 0 to 1")) }
            return .success(.minimumRenewableShare(share))
        default:
            return .failure(SupplyValidationError(field: "kind", "must be one of \(Self.kinds.joined(separator: ", ")), got \"\(kind)\""))
        }
    }
}

/// A supply input that breaks a rule, with the field it is in.
public struct SupplyValidationError: Error, Sendable, Equatable, CustomStringConvertible {
    public var field: String
    public var problem: String

    public init(field: String, _ problem: String) {
        self.field = field
        self.problem = problem
    }

    public var description: String { "\(field) \(problem)" }
}

/// The policy in force (`supply_policy`, one row; `cheapest` until an admin sets one).
public struct SupplyPolicyStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    public struct Entry: Sendable, Equatable {
        public var policy: SupplyPolicy
        public var updatedAt: String?
        public var updatedBy: String?
    }

    public func current() async throws -> Entry {
        try await database.withConnection { connection in
            guard let row = try await connection.select().columns("kind", "parameters_json", "updated_at", "updated_by").from("supply_policy")
                .where("id", .equal, 1).first()
            else { return Entry(policy: .cheapest) }
            let document = try JSONDecoder().decode(SupplyPolicyDocument.self, from: Data(try row.decode(column: "parameters_json", as: String.self).utf8))
            return Entry(
                policy: (try? document.policy().get()) ?? .cheapest, updatedAt: try row.decode(column: "updated_at", as: String?.self),
                updatedBy: try row.decode(column: "updated_by", as: String?.self))
        }
    }

    /// Sets the policy; on `connection` when given (to write it in the caller's transaction, as the portal's
    /// audit log does).
    public func set(_ policy: SupplyPolicy, by actor: String?, at time: Date, on connection: (any SQLDatabase)? = nil) async throws {
        let document = SupplyPolicyDocument(policy)
        let json = try DSOStore.encode(document)
        let write: @Sendable (any SQLDatabase) async throws -> Void = { connection in
            try await connection.raw(
                """
                INSERT INTO supply_policy (id, kind, parameters_json, updated_at, updated_by)
                VALUES (1, \(bind: document.kind), \(bind: json), \(bind: StoredTime.text(time)), \(bind: actor))
                ON CONFLICT (id) DO UPDATE SET kind = excluded.kind, parameters_json = excluded.parameters_json,
                updated_at = excluded.updated_at, updated_by = excluded.updated_by
                """
            ).run()
        }
        if let connection { try await write(connection) } else { try await database.withConnection(write) }
    }
}
