public import StationCore
import StationConfig

/// What one EVSE socket controller reports.
public struct EVSEReading: Sendable, Hashable {
    public var pilot: ControlPilotState
    public var enabled: Bool?
    public var currentLimit: Amperes?
    public var power: Watts?
    public var energy: WattHours?

    public init(pilot: ControlPilotState, enabled: Bool? = nil, currentLimit: Amperes? = nil, power: Watts? = nil, energy: WattHours? = nil) {
        self.pilot = pilot
        self.enabled = enabled
        self.currentLimit = currentLimit
        self.power = power
        self.energy = energy
    }
}

/// A charging socket's controller: pilot state, meter, and the charging enable and current limit it obeys.
public struct EVSEController: Sendable {
    public let device: ModbusDevice
    /// Largest plausible power of one socket (a 3 x 63 A socket draws under 45 kW).
    public static let plausiblePower: ClosedRange<Double> = -1_000...100_000
    /// Largest plausible current limit read back (no socket controller offers more than a few hundred A).
    public static let plausibleCurrentLimit: ClosedRange<Double> = 0...1_000

    public init(device: ModbusDevice) {
        self.device = device
    }

    public func read() async throws(DeviceError) -> EVSEReading {
        let values = try await device.poll()
        guard let raw = values[PointName.cpState], let pilot = ControlPilotState(register: raw) else {
            throw DeviceError(.nonsense, "\(device.name): pilot state \(values[PointName.cpState].map { String($0) } ?? "missing") is not A-F")
        }
        let power = values[PointName.powerW]
        if let power, !Self.plausiblePower.contains(power) {
            throw DeviceError(.nonsense, "\(device.name): power \(power) W is implausible")
        }
        if let energy = values[PointName.energyWh], Plausible.value(energy, in: Plausible.energyRegister) == nil {
            throw DeviceError(.nonsense, "\(device.name): energy \(energy) Wh is implausible")
        }
        if let limit = values[PointName.currentLimitA], !Self.plausibleCurrentLimit.contains(limit) {
            throw DeviceError(.nonsense, "\(device.name): current limit \(limit) A is implausible")
        }
        return EVSEReading(
            pilot: pilot,
            enabled: values[PointName.enable].map { $0 != 0 },
            currentLimit: values[PointName.currentLimitA].map(Amperes.init),
            power: power.map(Watts.init),
            energy: values[PointName.energyWh].map(WattHours.init))
    }

    /// Offers `current` to the vehicle: at least 6 A enables charging at that limit, anything less disables it.
    public func offer(_ current: Amperes) async throws(DeviceError) {
        if current.value >= 6 {
            try await device.write(PointName.currentLimitA, current.value.rounded(.down))
            try await device.write(PointName.enable, 1)
        } else {
            try await device.write(PointName.enable, 0)
        }
    }
}
