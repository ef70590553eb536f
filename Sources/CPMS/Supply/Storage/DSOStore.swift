public import Foundation
import SQLKit

/// The DSO registry (`supply_dsos`): each DSO's contract and feeds, kept as their JSON.
public struct DSOStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// A registered DSO and when it was registered and last changed.
    public struct Entry: Sendable, Equatable {
        public var dso: DSO
        public var createdAt: String
        public var updatedAt: String
    }

    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Registers `dso`; false when its id is taken.
    public func add(_ dso: DSO, at time: Date) async throws -> Bool {
        let contract = try Self.encode(dso.contract)
        let feeds = try Self.encode(dso.feeds)
        let now = StoredTime.text(time)
        return try await database.transaction { connection in
            guard try await connection.select().column("id").from("supply_dsos").where("id", .equal, dso.id).first() == nil else { return false }
            try await connection.insert(into: "supply_dsos").columns("id", "name", "contract_json", "feeds_json", "created_at", "updated_at")
                .values(dso.id, dso.name, contract, feeds, now, now).run()
            return true
        }
    }

    /// Replaces a registered DSO; false when there is none with its id.
    public func update(_ dso: DSO, at time: Date) async throws -> Bool {
        let contract = try Self.encode(dso.contract)
        let feeds = try Self.encode(dso.feeds)
        return try await database.withConnection { connection in
            try await connection.update("supply_dsos").set("name", to: dso.name).set("contract_json", to: contract).set("feeds_json", to: feeds)
                .set("updated_at", to: StoredTime.text(time)).where("id", .equal, dso.id).returning("id").all()
        }.isEmpty == false
    }

    /// Removes a DSO with its forecasts and feed status; false when there was none. Its plan rows stay (history).
    public func remove(_ id: String) async throws -> Bool {
        try await database.transaction { connection in
            try await connection.delete(from: "supply_forecasts").where("dso", .equal, id).run()
            try await connection.delete(from: "supply_feed_status").where("dso", .equal, id).run()
            return try await connection.delete(from: "supply_dsos").where("id", .equal, id).returning("id").all().isEmpty == false
        }
    }

    public func entry(_ id: String) async throws -> Entry? {
        try await database.withConnection { connection in
            try await connection.select().columns("id", "name", "contract_json", "feeds_json", "created_at", "updated_at").from("supply_dsos")
                .where("id", .equal, id).first().map(Self.entry)
        }
    }

    public func all() async throws -> [Entry] {
        try await database.withConnection { connection in
            try await connection.select().columns("id", "name", "contract_json", "feeds_json", "created_at", "updated_at").from("supply_dsos")
                .orderBy("id").all().map(Self.entry)
        }
    }

    private static func entry(_ row: any SQLRow) throws -> Entry {
        let decoder = JSONDecoder()
        let contract = try decoder.decode(SupplyContract.self, from: Data(try row.decode(column: "contract_json", as: String.self).utf8))
        let feeds = try decoder.decode([SupplyFeedSettings].self, from: Data(try row.decode(column: "feeds_json", as: String.self).utf8))
        return Entry(
            dso: DSO(
                id: try row.decode(column: "id", as: String.self), name: try row.decode(column: "name", as: String.self), contract: contract,
                feeds: feeds),
            createdAt: try row.decode(column: "created_at", as: String.self), updatedAt: try row.decode(column: "updated_at", as: String.self))
    }
}
