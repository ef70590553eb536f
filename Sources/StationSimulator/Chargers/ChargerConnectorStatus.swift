/// What a simulated charger's connector reports, in the field's words (OCPP 1.6 statuses).
///
/// OCPP 2.0.1 reports fewer connector statuses; `OCPP201ChargePoint` maps these onto them and carries the
/// difference between charging and suspended in the transaction's `chargingState`.
public enum ChargerConnectorStatus: String, Sendable, Hashable, CaseIterable {
    case available = "Available"
    case preparing = "Preparing"
    case charging = "Charging"
    /// A vehicle is connected and wants energy, but the charger's limit is below 6 A.
    case suspendedEVSE = "SuspendedEVSE"
    case finishing = "Finishing"
    case unavailable = "Unavailable"
}
