import Foundation
import SQLKit

/// `ocpi_published`: each Location and tariff as it was last pushed to the eMSPs, so that the next change is
/// pushed as its difference (`location/{station}`, `tariff/{id}`).
enum OCPIPublished {
    /// The row of `key`, locked for the rest of the caller's transaction (PostgreSQL: a row lock; SQLite has
    /// one writer), so two changes of one object compute their pushes one after the other. Nil: never pushed.
    static func lock(_ key: String, on connection: any SQLDatabase, kind: DatabaseKind, at time: Date) async throws -> Data? {
        if kind == .postgres {
            // Makes the row exist, so that there is something to lock, without changing a stored one.
            try await connection.insert(into: "ocpi_published").columns("object_key", "ocpi_json", "updated_at")
                .values(SQLBind(key), SQLBind(""), SQLBind(StoredTime.text(time)))
                .ignoringConflicts(with: ["object_key"]).run()
            let row = try await connection.raw("SELECT ocpi_json FROM ocpi_published WHERE object_key = \(bind: key) FOR UPDATE").first()
            return try row.flatMap { row in
                let text = try row.decode(column: "ocpi_json", as: String.self)
                return text.isEmpty ? nil : Data(text.utf8)
            }
        }
        let row = try await connection.select().column("ocpi_json").from("ocpi_published").where("object_key", .equal, key).first()
        return try row.flatMap { row in
            let text = try row.decode(column: "ocpi_json", as: String.self)
            return text.isEmpty ? nil : Data(text.utf8)
        }
    }

    /// Stores `json` as what was pushed for `key`; nil forgets it.
    static func store(_ key: String, _ json: Data?, on connection: any SQLDatabase, at time: Date) async throws {
        guard let json else {
            try await connection.delete(from: "ocpi_published").where("object_key", .equal, key).run()
            return
        }
        let text = String(decoding: json, as: UTF8.self), now = StoredTime.text(time)
        try await connection.insert(into: "ocpi_published").columns("object_key", "ocpi_json", "updated_at")
            .values(SQLBind(key), SQLBind(text), SQLBind(now))
            .onConflict(with: ["object_key"]) { $0.set("ocpi_json", to: SQLBind(text)).set("updated_at", to: SQLBind(now)) }.run()
    }

    /// Every stored key starting with `prefix` (`location/`, `tariff/`), with its JSON.
    static func all(_ prefix: String, in database: any CPMSDatabase) async throws -> [String: Data] {
        try await database.withConnection { connection in
            try await connection.select().columns("object_key", "ocpi_json").from("ocpi_published")
                .where("object_key", .like, prefix + "%").all()
        }.reduce(into: [:]) { result, row in
            let text = try row.decode(column: "ocpi_json", as: String.self)
            if !text.isEmpty { result[String(try row.decode(column: "object_key", as: String.self).dropFirst(prefix.count))] = Data(text.utf8) }
        }
    }
}
