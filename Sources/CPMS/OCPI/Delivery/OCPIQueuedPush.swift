public import Foundation
import OCPP
import SQLKit

/// A row of `ocpi_push_queue` as delivery sees it: the push, its place in the eMSP's queue and its history.
public struct OCPIQueuedPush: Sendable, Equatable {
    /// The eMSP platform (`ocpi_parties.name`).
    public var party: String
    public var seq: Int64
    public var push: OCPIPush
    /// Sent as `X-Request-ID` on every attempt.
    public var requestID: String
    public var enqueuedAt: Date
    /// Failed attempts so far.
    public var attempts: Int
    public var lastError: String?

    init(row: any SQLRow) throws {
        func optional(_ column: String) throws -> String? {
            try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self)
        }
        party = try row.decode(column: "party", as: String.self)
        seq = try row.decode(column: "seq", as: Int64.self)
        requestID = try row.decode(column: "request_id", as: String.self)
        let enqueued = try row.decode(column: "enqueued_at", as: String.self)
        guard let enqueuedAt = OCPPDateTime.parse(enqueued) else { throw OCPIPushQueueError(message: "push \(party)/\(seq): enqueued_at \(enqueued)") }
        self.enqueuedAt = enqueuedAt
        attempts = try row.decode(column: "attempts", as: Int.self)
        lastError = try optional("last_error")
        let method = try row.decode(column: "method", as: String.self)
        guard let parsed = OCPIPush.Method(rawValue: method) else { throw OCPIPushQueueError(message: "push \(party)/\(seq): unknown method \(method)") }
        let target: OCPIPush.Target
        if let module = try optional("module") {
            let json = try optional("path_json") ?? "[]"
            target = .module(.init(rawValue: module), path: try JSONDecoder().decode([String].self, from: Data(json.utf8)))
        } else if let url = try optional("url") {
            target = .url(url)
        } else {
            throw OCPIPushQueueError(message: "push \(party)/\(seq) has neither a module nor a URL")
        }
        push = OCPIPush(
            objectKey: try row.decode(column: "object_key", as: String.self), method: parsed, target: target,
            body: try optional("body").map { Data($0.utf8) })
    }
}
