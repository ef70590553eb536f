/// A fault a device shows for a while, in simulation time from the start.
public struct FaultWindow: Sendable, Hashable, CustomStringConvertible {
    public var device: SimulatedDeviceID
    public var fault: SimulatedFault
    /// When the fault starts.
    public var from: Duration
    /// When it ends; `nil` keeps it until cleared by hand.
    public var to: Duration?

    public init(device: SimulatedDeviceID, fault: SimulatedFault, from: Duration = .zero, to: Duration? = nil) {
        self.device = device
        self.fault = fault
        self.from = from
        self.to = to
    }

    /// `device:fault@from-to`, as `--fault` takes it.
    public var description: String {
        let end = to.map { Self.format($0) } ?? ""
        return "\(device):\(fault)@\(Self.format(from))-\(end)"
    }

    static func format(_ time: Duration) -> String {
        let seconds = time.inSeconds
        return seconds == seconds.rounded() ? String(Int(seconds)) : String(seconds)
    }
}
