import Foundation
import OCPI
import OCPP
import SQLKit

/// Where the latest push of one tariff stands at each eMSP, read from the push queue's tables: waiting in
/// `ocpi_push_queue` (queued, or failing with its last error), set aside in `ocpi_push_dead_letters`, or
/// gone from the queue because the eMSP took it (delivered).
struct TariffPushStatus: Sendable, Equatable {
    enum State: String, Sendable {
        case queued
        case failing
        case delivered
        case deadLetter = "dead letter"
        /// The eMSP has no tariffs receiver: cpms does not push tariffs to it.
        case notTaken = "not taken"
        /// Nothing of this tariff was pushed yet (no version in force, or no eMSP registered when it was saved).
        case notPushed = "not pushed"
    }

    let emsp: String
    let state: State
    let attempts: Int
    /// The error of the last failed attempt, or a dead letter's reason.
    let lastError: String?
    /// When: enqueued (queued), next attempt (failing), set aside (dead letter), pushed (delivered).
    let since: Date?

    /// The status of `tariffID`'s latest push at every registered eMSP (and at any other that still has one).
    static func read(tariffID: String, parties: [OCPIParty], database: any CPMSDatabase) async throws -> [TariffPushStatus] {
        let key = "tariff/" + tariffID
        return try await database.withConnection { connection in
            struct Waiting { let attempts: Int; let lastError: String?; let enqueuedAt: Date?; let nextAttemptAt: Date? }
            struct Dead { let reason: String; let enqueuedAt: String; let deadAt: Date? }
            func text(_ row: any SQLRow, _ column: String) throws -> String? {
                try row.decodeNil(column: column) ? nil : try row.decode(column: column, as: String.self)
            }
            var waiting: [String: Waiting] = [:]
            for row in try await connection.select().columns("party", "attempts", "last_error", "enqueued_at", "next_attempt_at")
                .from("ocpi_push_queue").where("object_key", .equal, key).orderBy("seq", .descending).all() {
                let party = try row.decode(column: "party", as: String.self)
                // The newest push decides; an older one still waiting only delays it.
                guard waiting[party] == nil else { continue }
                waiting[party] = Waiting(
                    attempts: try row.decode(column: "attempts", as: Int.self), lastError: try text(row, "last_error"),
                    enqueuedAt: try text(row, "enqueued_at").flatMap(OCPPDateTime.parse),
                    nextAttemptAt: try text(row, "next_attempt_at").flatMap(OCPPDateTime.parse))
            }
            var dead: [String: Dead] = [:]
            for row in try await connection.select().columns("party", "reason", "enqueued_at", "dead_at")
                .from("ocpi_push_dead_letters").where("object_key", .equal, key).orderBy("seq", .descending).all() {
                let party = try row.decode(column: "party", as: String.self)
                guard dead[party] == nil else { continue }
                dead[party] = Dead(
                    reason: try row.decode(column: "reason", as: String.self), enqueuedAt: try row.decode(column: "enqueued_at", as: String.self),
                    deadAt: try text(row, "dead_at").flatMap(OCPPDateTime.parse))
            }
            let published = try await connection.select().columns("updated_at").from("ocpi_published").where("object_key", .equal, key).first()
            let publishedAt = try published.flatMap { try text($0, "updated_at") }

            var names = parties.filter { $0.status == .registered }.map(\.name)
            names += Set(waiting.keys).union(dead.keys).subtracting(names).sorted()
            return names.map { name in
                if let push = waiting[name] {
                    if push.attempts == 0 {
                        return TariffPushStatus(emsp: name, state: .queued, attempts: 0, lastError: nil, since: push.enqueuedAt)
                    }
                    return TariffPushStatus(emsp: name, state: .failing, attempts: push.attempts, lastError: push.lastError, since: push.nextAttemptAt)
                }
                // A dead letter counts when it is the latest push: enqueued no earlier than the last publication.
                if let letter = dead[name], letter.enqueuedAt >= (publishedAt ?? "") {
                    return TariffPushStatus(emsp: name, state: .deadLetter, attempts: 0, lastError: letter.reason, since: letter.deadAt)
                }
                if let party = parties.first(where: { $0.name == name }), party.status == .registered,
                   party.endpoint(.tariffs, role: .receiver) == nil {
                    return TariffPushStatus(emsp: name, state: .notTaken, attempts: 0, lastError: nil, since: nil)
                }
                guard let publishedAt else { return TariffPushStatus(emsp: name, state: .notPushed, attempts: 0, lastError: nil, since: nil) }
                return TariffPushStatus(emsp: name, state: .delivered, attempts: 0, lastError: nil, since: OCPPDateTime.parse(publishedAt))
            }
        }
    }
}
