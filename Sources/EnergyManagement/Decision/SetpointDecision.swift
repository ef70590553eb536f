public import StationCore

/// One control cycle's output: socket limits, the battery setpoint, and why.
public struct SetpointDecision: Sendable, Equatable {
    /// The situation the decision was made in; the most severe one when several apply.
    public enum Mode: String, Sendable, Hashable, Codable {
        /// Grid import fits under the cap without help.
        case normal
        /// The battery discharges so the sockets keep their current under the cap.
        case peakShaving
        /// Sockets get less than they could take (or are paused) to stay under the cap.
        case curtailing
        /// Grid data cannot be trusted: sockets at safe current, battery idle.
        case failSafeGridMeter
        /// Battery data cannot be trusted: battery idle, sockets managed without it.
        case failSafeBattery
    }

    /// Per-phase current limit per socket; 0 means paused. Every socket of the inputs has an entry.
    public var socketLimits: [SocketID: Amperes]
    /// Battery setpoint: positive = discharge, negative = charge, 0 = idle.
    public var batteryPower: Watts
    public var mode: Mode
    public var reasons: [DecisionReason]

    public init(socketLimits: [SocketID: Amperes], batteryPower: Watts, mode: Mode, reasons: [DecisionReason]) {
        self.socketLimits = socketLimits
        self.batteryPower = batteryPower
        self.mode = mode
        self.reasons = reasons
    }

    /// Whether any reason carries `code`.
    public func has(_ code: DecisionReason.Code) -> Bool {
        reasons.contains { $0.code == code }
    }
}
