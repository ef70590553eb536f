import StationCore

/// What the master last wrote to a socket controller.
struct SocketCommand: Equatable {
    var enabled: Bool
    var limit: Amperes
}

/// A socket and its vehicle as IEC 61851-1 sees them; pure arithmetic.
struct SocketPhysics {
    /// IEC 61851-1: the lowest current a pilot PWM may offer.
    static let minimumCurrent: Amperes = 6

    var ev: SimulatedEV?
    var pluggedFor: Duration = .zero
    var energy: WattHours = 0
    var sessionEnergy: WattHours = 0

    /// A vehicle is plugged, asks for energy, and the controller offers at least 6 A.
    func isCharging(_ command: SocketCommand) -> Bool {
        guard let ev, !ev.isFull else { return false }
        return command.enabled && command.limit >= Self.minimumCurrent
    }

    /// A without a vehicle, C while charging, B otherwise.
    func pilot(_ command: SocketCommand) -> ControlPilotState {
        guard ev != nil else { return .a }
        return isCharging(command) ? .c : .b
    }

    /// The power the vehicle draws: the least of limit, vehicle and socket current, on the phases both have.
    func power(_ command: SocketCommand, rating: SocketRating) -> Watts {
        power(drawing: current(command, rating: rating), rating: rating)
    }

    /// The current the vehicle draws once it follows `command`: the least of limit, vehicle and socket.
    func current(_ command: SocketCommand, rating: SocketRating) -> Amperes {
        guard let ev, isCharging(command) else { return 0 }
        return min(command.limit, ev.maxCurrent, rating.maxCurrent)
    }

    /// The power of `current` on the phases the vehicle and the socket both have.
    func power(drawing current: Amperes, rating: SocketRating) -> Watts {
        guard let ev, current > 0 else { return 0 }
        return Watts(current: current, phases: min(ev.phases, rating.phases), voltage: rating.voltage)
    }

    /// Lets the vehicle draw `current` for `dt`; the meter counts what its battery took.
    mutating func advance(by dt: Duration, drawing current: Amperes, rating: SocketRating) {
        guard var vehicle = ev else { return }
        let taken = vehicle.charge(power(drawing: current, rating: rating).over(dt))
        ev = vehicle
        energy += taken
        sessionEnergy += taken
        pluggedFor += dt
    }

    /// Whether the vehicle's departure condition is met.
    var departureDue: Bool {
        guard let ev else { return false }
        switch ev.departure {
        case .stays: return false
        case .whenFull: return ev.isFull
        case .after(let stay): return pluggedFor >= stay
        }
    }
}
