import StationCore
import Modbus
import StationConfig
import Synchronization

/// A simulated socket controller: serves pilot state, power and energy, and obeys the master's enable and limit.
///
/// Its vehicle follows a new enable or limit after the response's delay and moves its current at the
/// response's ramp; the pilot state follows what the vehicle does.
public final class SimulatedEVSE: SimulatedDevice {
    public let socketID: Int
    public let image: DeviceImage
    public let rating: SocketRating
    public let response: DeviceResponse
    private let state: Mutex<State>

    private struct State {
        var physics = SocketPhysics()
        var nonsense = false
        var elapsed: Duration = .zero
        var trail = CommandTrail(SocketCommand(enabled: false, limit: 0))
        /// The command the vehicle follows now.
        var followed = SocketCommand(enabled: false, limit: 0)
        /// The current the vehicle draws now.
        var current: Amperes = 0
        var noise: NoiseSource
    }

    /// Pilot state the controller reports while showing nonsense.
    static let nonsensePilot = 999.0
    /// Power the controller reports while showing nonsense, in W.
    static let nonsensePower = 2_000_000_000.0

    public init(socketID: Int, image: DeviceImage, rating: SocketRating, response: DeviceResponse = .immediate) {
        self.socketID = socketID
        self.image = image
        self.rating = rating
        self.response = response
        state = Mutex(State(noise: NoiseSource(seed: UInt64(max(socketID, 0)) &+ 1)))
        image.bank.onWrite { [weak self] table, address, count in
            self?.masterWrote(table, address, count)
        }
        state.withLock { follow(&$0) }
    }

    /// The socket now.
    public var snapshot: SocketSnapshot {
        state.withLock { state in
            let command = self.command
            let immediate = response.isImmediate
            return SocketSnapshot(
                id: socketID, pilot: state.physics.pilot(immediate ? command : state.followed),
                power: immediate
                    ? state.physics.power(command, rating: rating) : state.physics.power(drawing: state.current, rating: rating),
                energy: state.physics.energy, enabled: command.enabled, currentLimit: command.limit, ev: state.physics.ev,
                pluggedFor: state.physics.pluggedFor, sessionEnergy: state.physics.sessionEnergy)
        }
    }

    /// Plugs `ev` in; false if a vehicle is already plugged.
    @discardableResult
    public func plugIn(_ ev: SimulatedEV) -> Bool {
        state.withLock { state in
            guard state.physics.ev == nil else { return false }
            state.physics.ev = ev
            state.physics.pluggedFor = .zero
            state.physics.sessionEnergy = 0
            state.current = 0
            follow(&state)
            return true
        }
    }

    /// Unplugs the vehicle and returns it (nil if none was plugged).
    @discardableResult
    public func unplug() -> SimulatedEV? {
        state.withLock { state in
            defer {
                state.physics.ev = nil
                state.physics.pluggedFor = .zero
                state.current = 0
                follow(&state)
            }
            return state.physics.ev
        }
    }

    /// Whether the plugged vehicle wants to leave now.
    public var departureDue: Bool { state.withLock { $0.physics.departureDue } }

    public func step(by dt: Duration) {
        state.withLock { state in
            follow(&state)
            state.physics.advance(by: dt, drawing: state.current, rating: rating)
            state.elapsed += dt
            follow(&state, over: dt)
        }
    }

    public func showNonsense(_ active: Bool) {
        state.withLock { state in
            state.nonsense = active
            publish(&state)
        }
    }

    /// Moves the vehicle toward the command it follows now (over `dt`; at once when immediate), then publishes.
    private func follow(_ state: inout State, over dt: Duration = .zero) {
        let command = self.command
        state.trail.record(command, at: state.elapsed)
        if response.isImmediate {
            state.followed = command
            state.current = state.physics.current(command, rating: rating)
        } else {
            state.followed = state.trail.followed(at: state.elapsed, delay: response.delay)
            let target = state.physics.current(state.followed, rating: rating)
            state.current = Amperes(response.approach(state.current.value, target.value, over: dt))
        }
        publish(&state)
    }

    /// The enable and limit as the master last wrote them.
    private var command: SocketCommand {
        SocketCommand(
            enabled: (image.value(PointName.enable) ?? 0) != 0,
            limit: Amperes(image.value(PointName.currentLimitA) ?? 0))
    }

    private func masterWrote(_ table: ModbusTable, _ address: UInt16, _ count: Int) {
        let relevant = [PointName.enable, PointName.currentLimitA].contains {
            image.covers($0, table: table, address: address, count: count)
        }
        guard relevant else { return }
        state.withLock { follow(&$0) }
    }

    /// Writes what the controller measures into its registers (never the master's command registers).
    private func publish(_ state: inout State) {
        if state.nonsense {
            image.set(PointName.cpState, Self.nonsensePilot)
            image.set(PointName.powerW, Self.nonsensePower)
        } else {
            let pilot = state.physics.pilot(state.followed)
            image.set(PointName.cpState, enumerated: pilot.rawValue, fallback: Double(pilot.rawValue.utf8.first ?? 65))
            let power = state.physics.power(drawing: state.current, rating: rating).value
            let noise = response.noise > 0 ? power * response.noise * state.noise.next() : 0
            image.set(PointName.powerW, (power + noise).rounded())
        }
        image.set(PointName.energyWh, state.physics.energy.value.rounded(.down))
        image.set(Self.chargingTimePoint, state.physics.pluggedFor.inSeconds.rounded(.down))
    }

    /// Optional point: seconds since the vehicle plugged in.
    static let chargingTimePoint = "charging_time_s"
}
