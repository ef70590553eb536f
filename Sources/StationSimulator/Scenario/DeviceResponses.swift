/// How each simulated device of a scenario responds; a device not named follows at once, exactly.
public struct DeviceResponses: Sendable, Hashable {
    public var sockets: [Int: DeviceResponse]
    public var battery: DeviceResponse
    public var gridMeter: MeterResponse

    public init(sockets: [Int: DeviceResponse] = [:], battery: DeviceResponse = .immediate, gridMeter: MeterResponse = .immediate) {
        self.sockets = sockets
        self.battery = battery
        self.gridMeter = gridMeter
    }

    /// Every device follows at once, exactly.
    public static let immediate = DeviceResponses()
}
