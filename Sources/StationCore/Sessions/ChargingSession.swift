public import Foundation

/// One charging session on one socket, from start to end, with energy from the socket's meter.
public struct ChargingSession: Sendable, Hashable, Codable, Identifiable {
    /// Why a session ended, in OCPP's words.
    public enum EndReason: String, Sendable, Hashable, Codable {
        case evDisconnected = "EVDisconnected"
        case remote = "Remote"
        case local = "Local"
        case emergencyStop = "EmergencyStop"
        case deauthorized = "DeAuthorized"
        case powerLoss = "PowerLoss"
        case other = "Other"
    }

    /// Station-unique, stable across restarts (used as OCPP transactionId).
    public let id: String
    public let socket: SocketID
    /// The token that authorised the session, if any (free-vend sessions have none).
    public let idTag: String?
    public let startedAt: Date
    /// The socket's energy register at the start, if it could be read.
    public private(set) var meterStart: WattHours?
    public private(set) var meterLatest: WattHours?
    public private(set) var power: Watts = .zero
    public private(set) var endedAt: Date?
    public private(set) var endReason: EndReason?

    public init(id: String, socket: SocketID, idTag: String?, startedAt: Date, meterStart: WattHours?) {
        self.id = id
        self.socket = socket
        self.idTag = idTag
        self.startedAt = startedAt
        self.meterStart = meterStart
        self.meterLatest = meterStart
    }

    public var isActive: Bool { endedAt == nil }

    /// Energy delivered so far.
    public var energy: WattHours {
        guard let meterStart, let meterLatest, meterLatest >= meterStart else { return .zero }
        return meterLatest - meterStart
    }

    /// Takes a new meter reading; a meter that starts late (or was replaced) starts the count then.
    public mutating func record(meter: WattHours?, power: Watts?) {
        if let power { self.power = power }
        guard let meter, isActive else { return }
        if meterStart == nil { meterStart = meter }
        meterLatest = meter
    }

    public mutating func end(at time: Date, reason: EndReason) {
        guard isActive else { return }
        endedAt = time
        endReason = reason
        power = .zero
    }
}
