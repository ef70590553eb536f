public import StationCore

/// What happens around a simulated station: base load, PV, vehicles coming and going, device faults.
///
/// Loaded from YAML (`Scenario.load(path:station:)`); the format is documented in `docs/simulator.md`.
public struct Scenario: Sendable, Hashable {
    public var baseLoad: LoadProfile
    public var pv: PVProfile?
    /// The battery's state of charge at the start.
    public var batterySoC: StateOfCharge
    public var arrivals: [EVArrival]
    public var faults: [FaultWindow]
    /// How slow and noisy each device is.
    public var devices: DeviceResponses

    public static let defaultBatterySoC: StateOfCharge = 50

    public init(
        baseLoad: LoadProfile = .constant(0), pv: PVProfile? = nil, batterySoC: StateOfCharge = Scenario.defaultBatterySoC,
        arrivals: [EVArrival] = [], faults: [FaultWindow] = [], devices: DeviceResponses = .immediate
    ) {
        self.baseLoad = baseLoad
        self.pv = pv
        self.batterySoC = batterySoC
        self.arrivals = arrivals
        self.faults = faults
        self.devices = devices
    }
}
