public import Foundation
public import OCPI
public import SQLKit

/// Makes the OCPI CDR of a priced charging record whose transaction was reported to an eMSP as a session, and
/// writes it (or why it is held) to `ocpi_cdrs` with its POST to the eMSP's CDRs receiver, in the transaction that
/// stores the record: a transaction's CDR is enqueued once, whatever is replayed or restarted.
public struct CDRPublisher: Sendable {
    let sessions: SessionStore
    let locations: LocationStore
    let party: CPOParty
    let queue: OCPIPushQueue

    public init(database: any CPMSDatabase, party: CPOParty, queue: OCPIPushQueue) {
        sessions = SessionStore(database: database)
        locations = LocationStore(database: database)
        self.party = party
        self.queue = queue
    }

    /// The CDR of `record`, ready to be written with it; nil when no eMSP was told of its session.
    public func prepare(_ record: ChargingRecord, tariff: TariffVersion?, at now: Date) async throws -> PreparedCDR? {
        guard let reported = try await sessions.session(station: record.station, transactionId: record.transactionId) else { return nil }
        let location = try await locations.inputs(station: record.station).flatMap { LocationPublication.location($0, party: party, at: now) }
        return PreparedCDR(
            station: record.station, transactionId: record.transactionId, sessionID: reported.session.id, emsp: reported.emsp,
            outcome: CDRDerivation.cdr(of: record, session: reported.session, location: location, tariff: tariff, at: now), at: now)
    }

    /// Tells delivery that a CDR was enqueued (after its transaction committed).
    public func wake() { queue.wake() }
}

/// A CDR made and not yet written.
public struct PreparedCDR: Sendable {
    public var station: String
    public var transactionId: String
    public var sessionID: String
    public var emsp: String
    public var outcome: CDRDerivation.Outcome
    public var at: Date

    /// Whether writing it enqueues a POST (a CDR that is not held).
    public var enqueues: Bool {
        if case .cdr = outcome { return true }
        return false
    }

    /// The POST of `cdr` to the eMSP's CDRs receiver (its endpoint itself: OCPI 2.2.1 POSTs a CDR there).
    public static func push(_ cdr: CDR) throws -> OCPIPush {
        OCPIPush(objectKey: "cdr/\(cdr.id)", method: .post, target: .module(.cdrs, path: []), body: try OCPICoding.encode(cdr))
    }

    /// Inserts the CDR row (unless the transaction has one) and, for a CDR that is not held, enqueues its POST.
    public func write(on connection: any SQLDatabase) async throws {
        var json: String?, reason: String?, status = "held", push: OCPIPush?
        switch outcome {
        case .cdr(let cdr):
            let body = try OCPICoding.encode(cdr)
            json = String(decoding: body, as: UTF8.self)
            status = "sent"
            push = try Self.push(cdr)
        case .held(let why):
            reason = why
        }
        let now = StoredTime.text(at)
        let inserted = try await connection.insert(into: "ocpi_cdrs")
            .columns("cdr_id", "station", "transaction_id", "session_id", "emsp", "status", "reason", "cdr_json", "created_at", "last_updated")
            .values(
                SQLBind(sessionID), SQLBind(station), SQLBind(transactionId), SQLBind(sessionID), SQLBind(emsp), SQLBind(status), SQLBind(reason),
                SQLBind(json), SQLBind(now), SQLBind(now))
            .ignoringConflicts(with: ["station", "transaction_id"]).returning(SQLIdentifier("cdr_id")).all()
        if !inserted.isEmpty, let push { try await OCPIPushQueue.enqueue([push], for: [emsp], on: connection, at: at) }
    }
}
