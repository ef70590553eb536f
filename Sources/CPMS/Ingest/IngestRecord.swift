/// One message from a station, as rows to store. Timestamps are `StoredTime` text.
public enum IngestRecord: Sendable {
    case transactionEvent(TransactionEventRecord)
    /// One MeterValues message: a row per meter value (its timestamp is the identity).
    case meterValues([MeterValueRecord])
    case batteryTelemetry(BatteryTelemetryRecord)
    case availabilityAudit(AvailabilityAuditRecord)
    /// One NotifyEvent message: a row per event.
    case stationEvents([StationEventRecord])
    case evseStatus(EVSEStatusRecord)
}

/// Whether a message was new or a replay of one already stored.
public enum IngestOutcome: Sendable, Equatable {
    case stored
    case duplicate
}

/// A TransactionEvent; `(station, transactionId, seqNo)` is its identity.
public struct TransactionEventRecord: Sendable, Hashable {
    public var station: String
    public var transactionId: String
    public var seqNo: Int
    public var eventType: String
    public var triggerReason: String
    public var timestamp: String
    public var offline: Bool
    public var evse: Int?
    /// The connector of `evse`, when the event names it.
    public var connector: Int? = nil
    public var idToken: String?
    public var chargingState: String?
    public var stoppedReason: String?
    /// The energy register at the event, when its meter values carry one.
    public var energyWh: Double?
    /// The event's meter values as OCPP JSON.
    public var meterValuesJSON: String?
    public var receivedAt: String
}

/// One meter value of a MeterValues message; `(station, evse, timestamp)` is its identity.
public struct MeterValueRecord: Sendable, Hashable {
    public var station: String
    public var evse: Int
    public var timestamp: String
    /// The sampled values as OCPP JSON.
    public var sampledValuesJSON: String
    public var energyWh: Double?
    public var powerW: Double?
    public var receivedAt: String
}

/// DataTransfer `BatteryTelemetry` (docs/uplink.md); `(station, timestamp)` is its identity.
public struct BatteryTelemetryRecord: Sendable, Hashable {
    public var station: String
    public var timestamp: String
    public var socPercent: Double
    public var powerW: Double
    public var setpointW: Double
    public var mode: String
    public var quality: String
    public var receivedAt: String
}

/// DataTransfer `AvailabilityAudit` (docs/uplink.md); `(station, timestamp, evseId, source)` is its identity.
public struct AvailabilityAuditRecord: Sendable, Hashable {
    public var station: String
    public var timestamp: String
    public var evseId: Int
    public var socket: String?
    public var enabled: Bool
    public var source: String
    public var actor: String?
    public var reason: String?
    public var receivedAt: String
}

/// One event of a NotifyEvent; `(station, eventId, timestamp)` is its identity.
public struct StationEventRecord: Sendable, Hashable {
    public var station: String
    public var eventId: Int
    public var timestamp: String
    public var trigger: String
    public var eventType: String
    public var actualValue: String
    public var component: String
    public var variable: String
    public var evse: Int?
    public var cleared: Bool
    public var techCode: String?
    public var techInfo: String?
    public var receivedAt: String
}

/// A connector's status from StatusNotification; a newer one replaces it, an older one is ignored.
public struct EVSEStatusRecord: Sendable, Hashable {
    public var station: String
    public var evse: Int
    public var connector: Int
    public var status: String
    /// The station's socket name from `customData.socket`, when given.
    public var socket: String?
    public var updatedAt: String
}

extension IngestRecord {
    var station: String {
        switch self {
        case .transactionEvent(let event): event.station
        case .meterValues(let values): values.first?.station ?? ""
        case .batteryTelemetry(let telemetry): telemetry.station
        case .availabilityAudit(let audit): audit.station
        case .stationEvents(let events): events.first?.station ?? ""
        case .evseStatus(let status): status.station
        }
    }
}
