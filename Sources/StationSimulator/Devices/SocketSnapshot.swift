public import StationCore

/// What a simulated socket shows at one moment: pilot, meter, the master's command and the vehicle.
public struct SocketSnapshot: Sendable, Hashable {
    public var id: Int
    public var pilot: ControlPilotState
    public var power: Watts
    /// The socket meter's total.
    public var energy: WattHours
    /// The enable the master wrote.
    public var enabled: Bool
    /// The current limit the master wrote.
    public var currentLimit: Amperes
    /// The plugged vehicle, with its state of charge now.
    public var ev: SimulatedEV?
    public var pluggedFor: Duration
    /// Energy delivered since the vehicle plugged in.
    public var sessionEnergy: WattHours

    public init(
        id: Int, pilot: ControlPilotState, power: Watts, energy: WattHours, enabled: Bool, currentLimit: Amperes,
        ev: SimulatedEV?, pluggedFor: Duration, sessionEnergy: WattHours
    ) {
        self.id = id
        self.pilot = pilot
        self.power = power
        self.energy = energy
        self.enabled = enabled
        self.currentLimit = currentLimit
        self.ev = ev
        self.pluggedFor = pluggedFor
        self.sessionEnergy = sessionEnergy
    }
}
