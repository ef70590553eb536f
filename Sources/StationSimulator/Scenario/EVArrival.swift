/// A vehicle that plugs into a socket at a given time of a scenario.
public struct EVArrival: Sendable, Hashable {
    /// The OCPP EVSE id of the socket.
    public var socket: Int
    /// When the vehicle plugs in, after the start.
    public var at: Duration
    public var ev: SimulatedEV

    public init(socket: Int, at: Duration, ev: SimulatedEV) {
        self.socket = socket
        self.at = at
        self.ev = ev
    }
}
