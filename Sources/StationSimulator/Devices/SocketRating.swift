public import StationCore

/// A socket's electrical rating: the most it lets a vehicle draw.
public struct SocketRating: Sendable, Hashable {
    public var maxCurrent: Amperes
    public var phases: Int
    public var voltage: Volts

    public init(maxCurrent: Amperes, phases: Int, voltage: Volts = 230) {
        self.maxCurrent = maxCurrent
        self.phases = phases
        self.voltage = voltage
    }
}
