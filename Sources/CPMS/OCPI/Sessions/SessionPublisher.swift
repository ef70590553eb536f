public import Foundation
public import Logging
import OCPI
import SQLKit

/// Reports transactions to the eMSPs whose tokens started them, as OCPI Sessions through the push queue.
///
/// A transaction becomes a session at the first stored event at which its id token belongs to an eMSP
/// (`ocpi_tokens`, by uid) and its EVSE is published in its station's Location: a PUT of the whole Session.
/// Afterwards each stored event PATCHes what changed when the session's status or the station's charging state
/// changed (and at the end: COMPLETED, end_date_time, final kWh and cost); `reportDue` PATCHes the open sessions
/// whose last report is older than the update interval.
public struct SessionPublisher: Sendable {
    let store: SessionStore
    let records: ChargingRecordStore
    let recorder: ChargingRecorder
    let locations: LocationStore
    let database: any CPMSDatabase
    let party: CPOParty
    let derivation: SessionDerivation
    let queue: OCPIPushQueue
    let logger: Logger

    public init(
        database: any CPMSDatabase, party: CPOParty, queue: OCPIPushQueue, recorder: ChargingRecorder,
        derivation: SessionDerivation = SessionDerivation(), logger: Logger
    ) {
        store = SessionStore(database: database)
        records = ChargingRecordStore(database: database)
        locations = LocationStore(database: database)
        self.database = database
        self.party = party
        self.queue = queue
        self.recorder = recorder
        self.derivation = derivation
        self.logger = logger
    }

    /// What an update did.
    public enum Outcome: Sendable, Equatable {
        /// Not (yet) a session of an eMSP: the reason.
        case notReported(String)
        case started
        case patched
        case unchanged
    }

    /// The gateway's call after storing a TransactionEvent; a failure is logged (the event stays stored, and the
    /// next event or interval reports the session).
    public func transactionEventStored(station: String, transactionId: String, at now: Date) async {
        do {
            try await update(station: station, transactionId: transactionId, at: now)
        } catch {
            logger.error("OCPI session of transaction \(transactionId) at \(station) not reported: \(String(reflecting: error))")
        }
    }

    /// Starts or updates the session of a transaction from what is stored of it.
    @discardableResult
    public func update(station: String, transactionId: String, at now: Date) async throws -> Outcome {
        guard let history = try await records.history(station: station, transactionId: transactionId) else {
            return .notReported("no event of it is stored")
        }
        if let reported = try await store.session(station: station, transactionId: transactionId) {
            return try await report(reported, history: history, due: false, at: now)
        }
        return try await start(history, at: now)
    }

    /// PATCHes every open session whose last report is at least `interval` old; returns how many were PATCHed.
    @discardableResult
    public func reportDue(at now: Date, interval: Duration) async throws -> Int {
        var patched = 0
        let before = now.addingTimeInterval(-TimeInterval(interval.components.seconds))
        for reported in try await store.open(reportedBefore: before) {
            guard let history = try await records.history(station: reported.station, transactionId: reported.transactionId) else { continue }
            do {
                if try await report(reported, history: history, due: true, at: now) == .patched { patched += 1 }
            } catch {
                logger.error("OCPI session \(reported.session.id) not updated: \(String(reflecting: error))")
            }
        }
        return patched
    }

    /// PATCHes what changed when the session's status or the station's charging state changed, or when `due`
    /// (the interval passed); otherwise leaves the numbers for the interval.
    private func report(_ reported: SessionStore.Reported, history: TransactionHistory, due: Bool, at now: Date) async throws -> Outcome {
        guard reported.session.status != .completed else { return .unchanged }
        let terms = try SessionTerms(reported.session)
        let (tariff, zone) = try await recorder.pricingTerms(of: history)
        let session = derivation.session(terms, history: history, tariff: tariff, timeZone: zone, at: now)
        let state = SessionDerivation.chargingState(of: history)
        let changed = session.status != reported.session.status || state != reported.chargingState
        guard changed || due else { return .unchanged }
        guard let patch = SessionPatch(from: reported.session, to: session) else {
            if changed {
                _ = try await store.advance(reported, to: reported.session, chargingState: state, push: nil, at: now)
            } else {
                try await store.touch(reported, at: now)
            }
            return .unchanged
        }
        let push = OCPIPush(
            objectKey: "session/\(session.id)", method: .patch,
            target: .module(.sessions, path: [session.countryCode, session.partyID, session.id]), body: try OCPICoding.encode(patch))
        guard try await store.advance(reported, to: session, chargingState: state, push: push, at: now) else { return .unchanged }
        queue.wake()
        return .patched
    }

    private func start(_ history: TransactionHistory, at now: Date) async throws -> Outcome {
        guard let uid = history.idToken else { return .notReported("no id token") }
        guard let owner = try await tokenOwner(uid: uid) else { return .notReported("token \(uid) belongs to no registered eMSP") }
        guard let evse = history.evse else { return .notReported("no EVSE named yet") }
        guard let inputs = try await locations.inputs(station: history.station),
            let location = LocationPublication.location(inputs, party: party, at: now)
        else { return .notReported("station \(history.station) is not published as a Location") }
        let evseUID = EVSEIdentity.evseID(party: party, code: inputs.evseCode, evse: evse)
        guard let published = location.evses?.first(where: { $0.uid == evseUID }) else {
            return .notReported("EVSE \(evse) of \(history.station) is not published")
        }
        let connector = history.connector.map(String.init).flatMap { id in published.connectors.first { $0.id == id }?.id }
            ?? published.connectors.first?.id ?? "1"
        let terms = SessionTerms(
            id: UUID().uuidString.lowercased(), party: party, cdrToken: owner.cdrToken,
            authMethod: SessionTerms.authMethod(remoteStart: try await remotelyStarted(history), whitelist: owner.whitelist),
            locationID: location.id, evseUID: evseUID, connectorID: connector)
        let (tariff, zone) = try await recorder.pricingTerms(of: history)
        let session = derivation.session(terms, history: history, tariff: tariff, timeZone: zone, at: now)
        let push = OCPIPush(
            objectKey: "session/\(session.id)", method: .put,
            target: .module(.sessions, path: [session.countryCode, session.partyID, session.id]), body: try OCPICoding.encode(session))
        guard try await store.insert(
            session, station: history.station, transactionId: history.transactionId, emsp: owner.emsp,
            chargingState: SessionDerivation.chargingState(of: history), push: push, at: now)
        else { return .unchanged }
        queue.wake()
        logger.info("OCPI session \(session.id) of transaction \(history.transactionId) at \(history.station) reported to \(owner.emsp)")
        return .started
    }

    struct TokenOwner {
        var emsp: String
        var cdrToken: CdrToken
        var whitelist: WhitelistType?
    }

    /// The registered eMSP that gave the token `uid` (a valid one first), with the token as a CDR names it.
    func tokenOwner(uid: String) async throws -> TokenOwner? {
        try await database.withConnection { connection in
            let rows = try await connection.raw("""
                SELECT t.emsp, t.country_code, t.party_id, t.uid, t.type, t.token_json FROM ocpi_tokens t
                JOIN ocpi_parties p ON p.name = t.emsp
                WHERE t.uid = \(bind: uid) AND p.status = \(bind: OCPIPartyStatus.registered.rawValue)
                ORDER BY t.valid DESC, t.emsp, t.type
                """).all()
            guard let row = rows.first else { return nil }
            let token = try? OCPICoding.decode(Token.self, from: Data(try row.decode(column: "token_json", as: String.self).utf8))
            let uid = try row.decode(column: "uid", as: String.self)
            return TokenOwner(
                emsp: try row.decode(column: "emsp", as: String.self),
                cdrToken: CdrToken(
                    countryCode: try row.decode(column: "country_code", as: String.self),
                    partyID: try row.decode(column: "party_id", as: String.self), uid: uid,
                    type: TokenType(rawValue: try row.decode(column: "type", as: String.self)) ?? token?.type ?? .rfid,
                    contractID: token?.contractID ?? uid),
                whitelist: token?.whitelist)
        }
    }

    /// Whether the station started the transaction on a remote start (trigger reason RemoteStart).
    func remotelyStarted(_ history: TransactionHistory) async throws -> Bool {
        try await database.withConnection { connection in
            try await connection.select().column("seq_no").from("transaction_events")
                .where("station", .equal, history.station).where("transaction_id", .equal, history.transactionId)
                .where("trigger_reason", .equal, "RemoteStart").first() != nil
        }
    }
}
