import Foundation
public import OCPI
import SQLKit

/// Reads `ocpi_cdrs`: the CDRs sent to each eMSP, and those held (not priced) with their reason.
public struct CDRStore: Sendable {
    let database: any CPMSDatabase

    public init(database: any CPMSDatabase) {
        self.database = database
    }

    /// A transaction's CDR as written: sent (with the CDR) or held (with the reason).
    public struct Entry: Sendable, Equatable, Encodable {
        public var cdrID: String
        public var station: String
        public var transactionId: String
        public var emsp: String
        /// `sent` or `held`.
        public var status: String
        public var reason: String?
        public var createdAt: String

        enum CodingKeys: String, CodingKey {
            case cdrID = "cdr_id", station, transactionId = "transaction_id", emsp, status, reason, createdAt = "created_at"
        }
    }

    /// The CDRs sent to `emsp`, in a stable order (by last_updated, then id).
    public func cdrs(emsp: String) async throws -> [CDR] {
        try await database.withConnection { connection in
            try await connection.select().column("cdr_json").from("ocpi_cdrs").where("emsp", .equal, emsp).where("status", .equal, "sent")
                .orderBy("last_updated").orderBy("cdr_id").all()
                .map { try OCPICoding.decode(CDR.self, from: Data(try $0.decode(column: "cdr_json", as: String.self).utf8)) }
        }
    }

    /// Every CDR row, newest first, optionally only those with `status`.
    public func entries(status: String? = nil, limit: Int = 100) async throws -> [Entry] {
        try await database.withConnection { connection in
            var query = connection.select().columns("cdr_id", "station", "transaction_id", "emsp", "status", "reason", "created_at")
                .from("ocpi_cdrs")
            if let status { query = query.where("status", .equal, status) }
            return try await query.orderBy("created_at", .descending).orderBy("cdr_id").limit(limit).all().map { row in
                Entry(
                    cdrID: try row.decode(column: "cdr_id", as: String.self), station: try row.decode(column: "station", as: String.self),
                    transactionId: try row.decode(column: "transaction_id", as: String.self), emsp: try row.decode(column: "emsp", as: String.self),
                    status: try row.decode(column: "status", as: String.self), reason: try row.decode(column: "reason", as: String?.self),
                    createdAt: try row.decode(column: "created_at", as: String.self))
            }
        }
    }
}
