import Foundation
import StationCore

/// A RequestStartTransaction the station accepted whose transaction has not started yet (the vehicle is not
/// plugged in, or a charger has still to begin it). The transaction's first TransactionEvent carries its
/// `remoteStartId` and the trigger reason RemoteStart, so the CSMS can tie the two together.
struct PendingRemoteStart: Sendable, Hashable {
    let remoteStartId: Int
    let idTag: String
    /// After this, a session starting on the socket is no longer the remote start's.
    let until: Date

    /// Whether `session` is the transaction this remote start asked for.
    func isStarted(by session: ChargingSession) -> Bool {
        session.idTag == idTag && session.startedAt <= until
    }
}
