public import StationCore
import Devices
import Modbus
import StationConfig
import Synchronization

/// A simulated SunSpec battery inverter: follows the master's power setpoint within its ratings and state of
/// charge, after the response's delay and at its ramp.
public final class SimulatedBattery: SimulatedDevice {
    public let image: DeviceImage
    public let rating: BatteryRating
    public let response: DeviceResponse
    private let state: Mutex<State>

    private struct State {
        var physics: BatteryPhysics
        var nonsense = false
        var trail = CommandTrail(BatteryCommand(setpoint: 0, enabled: false, reversion: nil))
        /// The power the inverter delivers now, positive = discharge.
        var delivered: Watts = 0
        var noise = NoiseSource(seed: 0xBA77)
    }

    /// What model 1 of the simulated inverter says.
    public static let manufacturer = "Stationmaster"
    public static let model = "station-sim battery"
    /// State of charge the inverter reports while showing nonsense, in %.
    static let nonsenseSoC = 250.0

    private enum Point {
        static let manufacturer = "manufacturer_name"
        static let model = "model_name"
        static let firmware = "firmware_version"
        static let serial = "serial_number"
        static let capacity = "capacity_wh"
        static let batteryState = "battery_state"
        static let inverterState = "inverter_state"
    }

    public init(
        image: DeviceImage, rating: BatteryRating, soc: StateOfCharge = 50, serialNumber: String = "SIM-BATTERY",
        response: DeviceResponse = .immediate
    ) {
        self.image = image
        self.rating = rating
        self.response = response
        state = Mutex(State(physics: BatteryPhysics(soc: soc.clamped(to: 0...100))))
        writeNameplate(serialNumber: serialNumber)
        image.bank.onWrite { [weak self] table, address, count in
            self?.masterWrote(table, address, count)
        }
        state.withLock { follow(&$0) }
    }

    /// The battery now.
    public var snapshot: BatterySnapshot {
        state.withLock { state in
            let command = self.command
            return BatterySnapshot(
                soc: state.physics.soc,
                power: response.isImmediate ? state.physics.power(command, rating: rating) : state.delivered,
                setpoint: command.setpoint,
                followsSetpoint: command.enabled, reverted: state.physics.reverted)
        }
    }

    /// Sets the state of charge, as if the battery had been charged elsewhere.
    public func setSoC(_ soc: StateOfCharge) {
        state.withLock { state in
            state.physics.soc = soc.clamped(to: 0...100)
            follow(&state)
        }
    }

    public func step(by dt: Duration) {
        state.withLock { state in
            follow(&state)
            let command = self.command
            if state.physics.advance(by: dt, delivering: state.delivered, command, rating: rating) {
                image.set(PointName.powerSetpointW, command.reversion?.power.value ?? 0)
            }
            follow(&state, over: dt)
        }
    }

    public func showNonsense(_ active: Bool) {
        state.withLock { state in
            state.nonsense = active
            publish(&state)
        }
    }

    /// Moves the delivered power toward the command the inverter follows now (over `dt`; at once when
    /// immediate), never past what the state of charge allows, then publishes.
    private func follow(_ state: inout State, over dt: Duration = .zero) {
        let command = self.command
        state.trail.record(command, at: state.physics.uptime)
        if response.isImmediate {
            state.delivered = state.physics.power(command, rating: rating)
        } else {
            let followed = state.trail.followed(at: state.physics.uptime, delay: response.delay)
            let target = state.physics.power(followed, rating: rating)
            state.delivered = Watts(response.approach(state.delivered.value, target.value, over: dt))
            let bound = state.physics.power(BatteryCommand(setpoint: state.delivered, enabled: true), rating: rating)
            if bound != state.delivered { state.delivered = bound }
        }
        publish(&state)
    }

    /// The setpoint, enable, mode and reversion as the master last wrote them.
    private var command: BatteryCommand {
        let enabled = (image.value(BatteryInverter.setpointEnablePoint) ?? 1) == 1
            && (image.value(BatteryInverter.setpointModePoint) ?? 1) == 1
        var reversion: BatteryCommand.Reversion?
        if image.value(BatteryInverter.reversionEnablePoint) == 1, let seconds = image.value(BatteryInverter.reversionTimePoint),
           seconds > 0
        {
            reversion = .init(
                power: Watts(image.value(BatteryInverter.reversionPowerPoint) ?? 0), after: .seconds(seconds))
        }
        return BatteryCommand(
            setpoint: Watts(image.value(PointName.powerSetpointW) ?? 0), enabled: enabled, reversion: reversion)
    }

    private func masterWrote(_ table: ModbusTable, _ address: UInt16, _ count: Int) {
        let setpointWritten = image.covers(PointName.powerSetpointW, table: table, address: address, count: count)
        state.withLock { state in
            if setpointWritten { state.physics.setpointWritten() }
            follow(&state)
        }
    }

    /// Fixed scale factors, the capacity and the model 1 strings.
    private func writeNameplate(serialNumber: String) {
        let largest = max(rating.maxCharge.value, rating.maxDischarge.value)
        image.setScaleFactor(of: PointName.socPct, -1)
        image.setScaleFactor(of: PointName.powerW, toFit: largest)
        image.setScaleFactor(of: PointName.maxChargeW, toFit: largest)
        image.setScaleFactor(of: PointName.maxDischargeW, toFit: largest)
        image.setScaleFactor(of: PointName.powerSetpointW, 0)
        image.setScaleFactor(of: Point.capacity, toFit: rating.capacity.value)
        image.set(Point.capacity, rating.capacity.value)
        image.setText(Point.manufacturer, Self.manufacturer)
        image.setText(Point.model, Self.model)
        image.setText(Point.firmware, "1.0")
        image.setText(Point.serial, serialNumber)
        image.set(Point.batteryState, enumerated: "connected", fallback: 3)
    }

    /// Writes what the inverter measures and may do now (never the master's control registers).
    private func publish(_ state: inout State) {
        let power = state.delivered
        image.set(PointName.socPct, state.nonsense ? Self.nonsenseSoC : state.physics.soc.value)
        let noise = response.noise > 0 ? power.value * response.noise * state.noise.next() : 0
        image.set(PointName.powerW, (power.value + noise).rounded())
        image.set(PointName.maxChargeW, state.physics.available(rating.maxCharge, discharging: false).value)
        image.set(PointName.maxDischargeW, state.physics.available(rating.maxDischarge, discharging: true).value)
        image.set(Point.inverterState, enumerated: power == 0 ? "standby" : "running", fallback: power == 0 ? 7 : 3)
    }
}
