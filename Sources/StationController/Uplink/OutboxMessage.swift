public import Foundation
public import StationCore

/// One OCPP 2.0.1 call the station owes its CSMS, as written to the outbox.
public struct OutboxMessage: Sendable, Hashable {
    /// What the message is, for the policy when the outbox is full.
    public enum Kind: Int, Sendable, Hashable, CaseIterable {
        /// A TransactionEvent: never dropped.
        case transaction = 0
        /// A StatusNotification.
        case status = 1
        /// MeterValues of the grid connection (EVSE 0): may be thinned.
        case meterValues = 2
        /// Battery telemetry: may be thinned.
        case telemetry = 3
        /// The technician audit and fault notices.
        case notice = 4

        /// Whether the outbox may drop some of these when it is full.
        public var isThinnable: Bool { self == .meterValues || self == .telemetry }
    }

    public var action: String
    /// The call's payload as JSON text, final when written (its `offline` flag included).
    public var payload: String
    public var kind: Kind
    public var createdAt: Date

    public init(action: String, payload: String, kind: Kind, createdAt: Date) {
        self.action = action
        self.payload = payload
        self.kind = kind
        self.createdAt = createdAt
    }
}

/// A message in the outbox with its place in the sending order.
public struct OutboxEntry: Sendable, Hashable {
    public var sequence: Int64
    public var message: OutboxMessage
}

/// A transaction that was open when last written: what a restarted station needs to continue it.
public struct OpenTransactionRecord: Sendable, Hashable, Codable {
    public var session: ChargingSession
    /// The seqNo the next TransactionEvent of this transaction gets.
    public var nextSeqNo: Int

    public init(session: ChargingSession, nextSeqNo: Int) {
        self.session = session
        self.nextSeqNo = nextSeqNo
    }
}
