public import StationCore
import StationConfig
import Synchronization

/// A simulated SunSpec meter at the grid connection: shows the site's power and counts imported and exported energy.
///
/// The station tells it the site's power (`setPower`); `step(by:)` integrates that power into the energy counters.
/// With a `MeterResponse` the registers show the power as it was `latency` ago, updated every
/// `updateInterval`, with noise; the snapshot always has the true power.
public final class SimulatedGridMeter: SimulatedDevice {
    public let image: DeviceImage
    public let voltage: Volts
    public let frequencyHz: Double
    public let response: MeterResponse
    private let state = Mutex(State())

    private struct State {
        var reading = GridSnapshot(power: 0, energyImported: 0, energyExported: 0)
        var nonsense = false
        var elapsed: Duration = .zero
        /// The true power over the recent past, oldest first, for the latency.
        var history: [(at: Duration, power: Watts)] = []
        /// The power the registers show.
        var shown: Watts = 0
        var nextUpdate: Duration = .zero
        var noise = NoiseSource(seed: 0x3E7E)
    }

    /// What model 1 of the simulated meter says.
    public static let manufacturer = "Stationmaster"
    public static let model = "station-sim meter"
    /// Power scale factor: 10 W steps, so up to 327 kW fits the int16 register.
    static let powerScaleFactor = 1
    /// While showing nonsense: the power register at the int16 extreme, with an absurd scale factor.
    static let nonsensePowerRaw = UInt16(bitPattern: Int16.max)
    static let nonsenseScaleFactor = 10

    private enum Point {
        static let manufacturer = "manufacturer_name"
        static let model = "model_name"
        static let serial = "serial_number"
        static let voltage = "voltage_v"
        static let phaseVoltages = ["voltage_l1_v", "voltage_l2_v", "voltage_l3_v"]
        static let frequency = "frequency_hz"
        static let current = "current_a"
        static let phaseCurrents = ["current_l1_a", "current_l2_a", "current_l3_a"]
        static let phasePowers = ["power_l1_w", "power_l2_w", "power_l3_w"]
    }

    public init(
        image: DeviceImage, voltage: Volts = 230, frequencyHz: Double = 50, serialNumber: String = "SIM-METER",
        response: MeterResponse = .immediate
    ) {
        self.image = image
        self.response = response
        self.voltage = voltage
        self.frequencyHz = frequencyHz
        image.setScaleFactor(of: PointName.powerW, Self.powerScaleFactor)
        image.setScaleFactor(of: PointName.energyImportWh, 0)
        image.setScaleFactor(of: Point.voltage, -1)
        image.setScaleFactor(of: Point.frequency, -2)
        image.setScaleFactor(of: Point.current, -1)
        image.setText(Point.manufacturer, Self.manufacturer)
        image.setText(Point.model, Self.model)
        image.setText(Point.serial, serialNumber)
        for point in [Point.voltage] + Point.phaseVoltages { image.set(point, voltage.value) }
        image.set(Point.frequency, frequencyHz)
        state.withLock { update(&$0) }
    }

    /// The meter now.
    public var snapshot: GridSnapshot { state.withLock { $0.reading } }

    /// Sets the power flowing through the meter now (positive = import).
    public func setPower(_ power: Watts) {
        state.withLock { state in
            state.reading.power = power
            if state.history.last?.at == state.elapsed { state.history.removeLast() }
            state.history.append((state.elapsed, power))
            update(&state)
        }
    }

    /// Counts the present power for `dt` as imported or exported energy.
    public func step(by dt: Duration) {
        state.withLock { state in
            let energy = state.reading.power.over(dt)
            if energy.value >= 0 {
                state.reading.energyImported += energy
            } else {
                state.reading.energyExported -= energy
            }
            state.elapsed += dt
            update(&state)
        }
    }

    /// Takes a new shown value when an update is due (always when immediate), then publishes.
    private func update(_ state: inout State) {
        if response.isImmediate {
            state.shown = state.reading.power
        } else if state.elapsed >= state.nextUpdate {
            let seen = state.elapsed - response.latency
            let due = state.history.lastIndex { $0.at <= seen } ?? 0
            if due > 0 { state.history.removeFirst(due) }
            let power = state.history.first?.power ?? state.reading.power
            state.shown = power + Watts(response.noiseW * state.noise.next())
            state.nextUpdate = response.updateInterval > .zero ? state.elapsed + response.updateInterval : state.elapsed
        }
        publish(state)
    }

    public func showNonsense(_ active: Bool) {
        state.withLock { state in
            state.nonsense = active
            update(&state)
        }
    }

    private func publish(_ state: State) {
        let power = state.shown.value
        let phaseCurrent = abs(power) / 3 / max(voltage.value, 1)
        if state.nonsense {
            image.setScaleFactor(of: PointName.powerW, Self.nonsenseScaleFactor)
            image.setRaw(PointName.powerW, [Self.nonsensePowerRaw])
        } else {
            image.setScaleFactor(of: PointName.powerW, Self.powerScaleFactor)
            image.set(PointName.powerW, power)
            for point in Point.phasePowers { image.set(point, power / 3) }
        }
        image.set(Point.current, phaseCurrent * 3)
        for point in Point.phaseCurrents { image.set(point, phaseCurrent) }
        image.set(PointName.energyImportWh, state.reading.energyImported.value.rounded(.down))
        image.set(PointName.energyExportWh, state.reading.energyExported.value.rounded(.down))
    }
}
