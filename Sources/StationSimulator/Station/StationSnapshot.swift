public import StationCore

/// Everything the simulated station shows at one moment, for assertions and display.
public struct StationSnapshot: Sendable, Hashable {
    /// Simulation time since the start.
    public var elapsed: Duration
    /// In the configuration's socket order.
    public var sockets: [SocketSnapshot]
    public var battery: BatterySnapshot?
    public var grid: GridSnapshot
    /// The site's own consumption now.
    public var baseLoad: Watts
    /// The PV array's output now.
    public var pv: Watts
    /// The faults devices show now.
    public var faults: [SimulatedDeviceID: SimulatedFault]

    public init(
        elapsed: Duration, sockets: [SocketSnapshot], battery: BatterySnapshot?, grid: GridSnapshot, baseLoad: Watts,
        pv: Watts, faults: [SimulatedDeviceID: SimulatedFault]
    ) {
        self.elapsed = elapsed
        self.sockets = sockets
        self.battery = battery
        self.grid = grid
        self.baseLoad = baseLoad
        self.pv = pv
        self.faults = faults
    }

    /// The socket with OCPP EVSE id `id`.
    public func socket(_ id: Int) -> SocketSnapshot? {
        sockets.first { $0.id == id }
    }
}
