public import Foundation

/// What cpms stored of one transaction, as the charging record is derived from it: its events and the meter
/// readings taken during it, in any order (stations send late and out of order).
public struct TransactionHistory: Sendable, Equatable {
    public var station: String
    public var transactionId: String
    public var events: [Event]
    public var readings: [MeterReading]

    public init(station: String, transactionId: String, events: [Event], readings: [MeterReading]) {
        self.station = station
        self.transactionId = transactionId
        self.events = events
        self.readings = readings
    }

    /// One TransactionEvent as stored.
    public struct Event: Sendable, Equatable {
        public var seqNo: Int
        /// `Started`, `Updated` or `Ended`.
        public var eventType: String
        public var timestamp: Date
        public var evse: Int?
        public var connector: Int?
        public var idToken: String?
        /// OCPP ChargingStateEnumType: Charging, EVConnected, SuspendedEV, SuspendedEVSE, Idle.
        public var chargingState: String?
        public var stoppedReason: String?

        public init(
            seqNo: Int, eventType: String, timestamp: Date, evse: Int? = nil, connector: Int? = nil, idToken: String? = nil,
            chargingState: String? = nil, stoppedReason: String? = nil
        ) {
            self.seqNo = seqNo
            self.eventType = eventType
            self.timestamp = timestamp
            self.evse = evse
            self.connector = connector
            self.idToken = idToken
            self.chargingState = chargingState
            self.stoppedReason = stoppedReason
        }
    }

    /// The EVSE the transaction ran on: the last event that named one.
    public var evse: Int? { orderedEvents.last { $0.evse != nil }?.evse }
    public var connector: Int? { orderedEvents.last { $0.connector != nil }?.connector }
    public var idToken: String? { orderedEvents.last { $0.idToken != nil }?.idToken }

    /// Events in the order the station numbered them.
    var orderedEvents: [Event] { events.sorted { ($0.seqNo, $0.timestamp) < ($1.seqNo, $1.timestamp) } }
}

/// Whole-meter readings at one moment: the energy register, active power and current (summed over the phases).
public struct MeterReading: Sendable, Equatable {
    public var timestamp: Date
    public var energyWh: Double?
    public var powerW: Double?
    public var currentA: Double?

    public init(timestamp: Date, energyWh: Double? = nil, powerW: Double? = nil, currentA: Double? = nil) {
        self.timestamp = timestamp
        self.energyWh = energyWh
        self.powerW = powerW
        self.currentA = currentA
    }
}
