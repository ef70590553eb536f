import StationCore

extension ChargingSession.EndReason {
    /// A stop reason as OCPP 1.6 and 2.0.1 both spell it; no reason means a local stop.
    init(ocpp reason: String?) {
        guard let reason else {
            self = .local
            return
        }
        self = ChargingSession.EndReason(rawValue: reason) ?? .other
    }
}
