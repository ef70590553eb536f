public import StationCore
import StationConfig

/// What the battery inverter reports.
public struct BatteryReading: Sendable, Hashable {
    public var soc: StateOfCharge
    public var maxChargePower: Watts?
    public var maxDischargePower: Watts?
    /// Positive = discharging.
    public var power: Watts?

    public init(soc: StateOfCharge, maxChargePower: Watts? = nil, maxDischargePower: Watts? = nil, power: Watts? = nil) {
        self.soc = soc
        self.maxChargePower = maxChargePower
        self.maxDischargePower = maxDischargePower
        self.power = power
    }
}

/// The station battery's inverter: state of charge, limits, and an active power setpoint.
public struct BatteryInverter: Sendable {
    public let device: ModbusDevice
    /// Optional profile points that put the inverter under setpoint control (SunSpec 704 WSetEna, WSetMod).
    public static let setpointEnablePoint = "power_setpoint_enable"
    public static let setpointModePoint = "power_setpoint_mode"
    /// Optional points of a reversion: the inverter returns to this power by itself if not written again in time.
    public static let reversionPowerPoint = "power_setpoint_reversion_w"
    public static let reversionTimePoint = "power_setpoint_reversion_s"
    public static let reversionEnablePoint = "power_setpoint_reversion_enable"

    /// Largest plausible power of a station battery, either way.
    public static let plausiblePower = 10_000_000.0

    public init(device: ModbusDevice) {
        self.device = device
    }

    public func read() async throws(DeviceError) -> BatteryReading {
        let values = try await device.poll()
        guard let soc = values[PointName.socPct], soc.isFinite, (0...100).contains(soc) else {
            throw DeviceError(.nonsense, "\(device.name): state of charge \(values[PointName.socPct].map { String($0) } ?? "missing") is not 0-100 %")
        }
        for (point, range) in [
            (PointName.powerW, -Self.plausiblePower...Self.plausiblePower), (PointName.maxChargeW, 0...Self.plausiblePower),
            (PointName.maxDischargeW, 0...Self.plausiblePower),
        ] {
            if let power = values[point], !range.contains(power) {
                throw DeviceError(.nonsense, "\(device.name): \(point) \(power) W is implausible")
            }
        }
        let power = values[PointName.powerW]
        return BatteryReading(
            soc: StateOfCharge(soc),
            maxChargePower: values[PointName.maxChargeW].map(Watts.init),
            maxDischargePower: values[PointName.maxDischargeW].map(Watts.init),
            power: power.map(Watts.init))
    }

    /// Puts the inverter under setpoint control, idling by itself after `reversion` without a new setpoint.
    public func takeControl(reversion: Duration) async throws(DeviceError) {
        if device.has(Self.reversionPowerPoint), device.has(Self.reversionTimePoint), device.has(Self.reversionEnablePoint) {
            try await device.write(Self.reversionPowerPoint, 0)
            try await device.write(Self.reversionTimePoint, Double(min(max(reversion.components.seconds, 1), 3600)))
            try await device.write(Self.reversionEnablePoint, 1)
        }
        if device.has(Self.setpointModePoint) { try await device.write(Self.setpointModePoint, 1) }
        if device.has(Self.setpointEnablePoint) { try await device.write(Self.setpointEnablePoint, 1) }
    }

    /// Sets the active power: positive discharges, negative charges, zero idles.
    public func setPower(_ power: Watts) async throws(DeviceError) {
        try await device.write(PointName.powerSetpointW, power.value.rounded())
    }
}
