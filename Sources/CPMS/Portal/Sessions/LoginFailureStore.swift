import Foundation
import OCPP
import SQLKit

/// Failed logins (`portal_login_failures`), per subject: `user:NAME` and `address:IP`.
struct LoginFailureStore: Sendable {
    let database: any CPMSDatabase

    static func subject(user name: String) -> String { "user:\(name.lowercased())" }
    static func subject(address: String) -> String { "address:\(address)" }

    /// The failures of these subjects since `since`, per subject, in seconds since 1970.
    func failures(of subjects: [String], since: Date) async throws -> [String: [Double]] {
        guard !subjects.isEmpty else { return [:] }
        return try await database.withConnection { connection in
            let rows = try await connection.select().columns("subject", "at").from("portal_login_failures")
                .where("subject", .in, subjects).where("at", .greaterThan, StoredTime.text(since)).all()
            var result: [String: [Double]] = [:]
            for row in rows {
                guard let subject = try? row.decode(column: "subject", as: String.self),
                      let at = (try? row.decode(column: "at", as: String.self)).flatMap(OCPPDateTime.parse) else { continue }
                result[subject, default: []].append(at.timeIntervalSince1970)
            }
            return result
        }
    }

    /// Records a failure of each subject at `time`, and forgets failures older than `forgetBefore`.
    func record(_ subjects: [String], at time: Date, forgetBefore: Date) async throws {
        try await database.transaction { connection in
            for subject in subjects {
                let seq = try await connection.select().column(SQLFunction("COUNT", args: SQLLiteral.all), as: "n").from("portal_login_failures")
                    .where("subject", .equal, subject).where("at", .equal, StoredTime.text(time)).first()?.decode(column: "n", as: Int.self) ?? 0
                try await connection.insert(into: "portal_login_failures").columns("subject", "at", "seq").values(subject, StoredTime.text(time), seq).run()
            }
            try await connection.delete(from: "portal_login_failures").where("at", .lessThan, StoredTime.text(forgetBefore)).run()
        }
    }

    /// Forgets a user's failures after a successful login (the address's stay).
    func clear(_ subject: String) async throws {
        try await database.withConnection { connection in
            try await connection.delete(from: "portal_login_failures").where("subject", .equal, subject).run()
        }
    }
}
