public import StationCore
import StationConfig

/// What the meter at the grid connection reports.
public struct GridReading: Sendable, Hashable {
    /// Positive = importing from the grid.
    public var power: Watts
    public var energyImported: WattHours?
    public var energyExported: WattHours?

    public init(power: Watts, energyImported: WattHours? = nil, energyExported: WattHours? = nil) {
        self.power = power
        self.energyImported = energyImported
        self.energyExported = energyExported
    }
}

/// The meter at the station's grid connection point.
public struct GridMeter: Sendable {
    public let device: ModbusDevice

    public init(device: ModbusDevice) {
        self.device = device
    }

    public func read() async throws(DeviceError) -> GridReading {
        let values = try await device.poll()
        guard let power = values[PointName.powerW], power.isFinite, abs(power) < 100_000_000 else {
            throw DeviceError(.nonsense, "\(device.name): power \(values[PointName.powerW].map { String($0) } ?? "missing") is implausible")
        }
        for point in [PointName.energyImportWh, PointName.energyExportWh] {
            if let energy = values[point], Plausible.value(energy, in: Plausible.energyRegister) == nil {
                throw DeviceError(.nonsense, "\(device.name): \(point) \(energy) Wh is implausible")
            }
        }
        return GridReading(
            power: Watts(power),
            energyImported: values[PointName.energyImportWh].map(WattHours.init),
            energyExported: values[PointName.energyExportWh].map(WattHours.init))
    }
}
