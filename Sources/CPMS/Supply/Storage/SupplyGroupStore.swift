public import Foundation
import SQLKit

/// A group of stations behind one grid connection, as an admin defines it.
public struct SupplyGroupDefinition: Sendable, Equatable, Codable {
    public struct Member: Sendable, Equatable, Codable {
        public var station: String
        /// The station's connection limit, W.
        public var connectionLimitW: Double

        public init(station: String, connectionLimitW: Double) {
            self.station = station
            self.connectionLimitW = connectionLimitW
        }
    }

    public var id: String
    public var name: String
    /// The group connection's limit, W; nil: the sum of its members' limits.
    public var connectionLimitW: Double?
    public var members: [Member]

    public init(id: String, name: String, connectionLimitW: Double?, members: [Member]) {
        self.id = id
        self.name = name
        self.connectionLimitW = connectionLimitW
        self.members = members
    }
}

/// Station groups (`supply_groups`, `supply_group_members`). A station is in at most one group.
public struct SupplyGroupStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// A station of the group is already in another group.
    public struct MemberTaken: Error, Sendable {
        public var station: String
        public var group: String
    }

    /// Creates or replaces the group with its members.
    public func put(_ group: SupplyGroupDefinition, at time: Date) async throws {
        try await database.transaction { connection in
            let stations = group.members.map(\.station)
            if !stations.isEmpty {
                let taken = try await connection.select().columns("grp", "station").from("supply_group_members")
                    .where("station", .in, stations).where("grp", .notEqual, group.id).first()
                if let taken {
                    throw MemberTaken(station: try taken.decode(column: "station", as: String.self), group: try taken.decode(column: "grp", as: String.self))
                }
            }
            try await connection.delete(from: "supply_group_members").where("grp", .equal, group.id).run()
            try await connection.delete(from: "supply_groups").where("id", .equal, group.id).run()
            try await connection.insert(into: "supply_groups").columns("id", "name", "connection_limit_w", "updated_at")
                .values(SQLBind(group.id), SQLBind(group.name), SQLBind(group.connectionLimitW), SQLBind(StoredTime.text(time))).run()
            for member in group.members {
                try await connection.insert(into: "supply_group_members").columns("grp", "station", "connection_limit_w")
                    .values(group.id, member.station, member.connectionLimitW).run()
            }
        }
    }

    public func remove(_ id: String) async throws -> Bool {
        try await database.transaction { connection in
            try await connection.delete(from: "supply_group_members").where("grp", .equal, id).run()
            return try await connection.delete(from: "supply_groups").where("id", .equal, id).returning("id").all().isEmpty == false
        }
    }

    public func all() async throws -> [SupplyGroupDefinition] {
        try await database.withConnection { connection in
            let groups = try await connection.select().columns("id", "name", "connection_limit_w").from("supply_groups").orderBy("id").all()
            let members = try await connection.select().columns("grp", "station", "connection_limit_w").from("supply_group_members")
                .orderBy("grp").orderBy("station").all()
            var byGroup: [String: [SupplyGroupDefinition.Member]] = [:]
            for row in members {
                byGroup[try row.decode(column: "grp", as: String.self), default: []].append(
                    .init(station: try row.decode(column: "station", as: String.self), connectionLimitW: try row.decode(column: "connection_limit_w", as: Double.self)))
            }
            return try groups.map { row in
                let id = try row.decode(column: "id", as: String.self)
                return SupplyGroupDefinition(
                    id: id, name: try row.decode(column: "name", as: String.self),
                    connectionLimitW: try row.decode(column: "connection_limit_w", as: Double?.self), members: byGroup[id] ?? [])
            }
        }
    }
}
