import StationCore
import Modbus
import StationConfig
import Synchronization

/// A simulated socket controller: serves pilot state, power and energy, and obeys the master's enable and limit.
public final class SimulatedEVSE: SimulatedDevice {
    public let socketID: Int
    public let image: DeviceImage
    public let rating: SocketRating
    private let state = Mutex(State())

    private struct State {
        var physics = SocketPhysics()
        var nonsense = false
    }

    /// Pilot state the controller reports while showing nonsense.
    static let nonsensePilot = 999.0
    /// Power the controller reports while showing nonsense, in W.
    static let nonsensePower = 2_000_000_000.0

    public init(socketID: Int, image: DeviceImage, rating: SocketRating) {
        self.socketID = socketID
        self.image = image
        self.rating = rating
        image.bank.onWrite { [weak self] table, address, count in
            self?.masterWrote(table, address, count)
        }
        state.withLock { publish($0) }
    }

    /// The socket now.
    public var snapshot: SocketSnapshot {
        state.withLock { state in
            let command = self.command
            return SocketSnapshot(
                id: socketID, pilot: state.physics.pilot(command), power: state.physics.power(command, rating: rating),
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
            publish(state)
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
                publish(state)
            }
            return state.physics.ev
        }
    }

    /// Whether the plugged vehicle wants to leave now.
    public var departureDue: Bool { state.withLock { $0.physics.departureDue } }

    public func step(by dt: Duration) {
        state.withLock { state in
            state.physics.advance(by: dt, command, rating: rating)
            publish(state)
        }
    }

    public func showNonsense(_ active: Bool) {
        state.withLock { state in
            state.nonsense = active
            publish(state)
        }
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
        state.withLock { publish($0) }
    }

    /// Writes what the controller measures into its registers (never the master's command registers).
    private func publish(_ state: State) {
        let command = self.command
        if state.nonsense {
            image.set(PointName.cpState, Self.nonsensePilot)
            image.set(PointName.powerW, Self.nonsensePower)
        } else {
            let pilot = state.physics.pilot(command)
            image.set(PointName.cpState, enumerated: pilot.rawValue, fallback: Double(pilot.rawValue.utf8.first ?? 65))
            image.set(PointName.powerW, state.physics.power(command, rating: rating).value)
        }
        image.set(PointName.energyWh, state.physics.energy.value.rounded(.down))
        image.set(Self.chargingTimePoint, state.physics.pluggedFor.inSeconds.rounded(.down))
    }

    /// Optional point: seconds since the vehicle plugged in.
    static let chargingTimePoint = "charging_time_s"
}
