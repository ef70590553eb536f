import StationCore

/// One connector of a simulated charger: its vehicle, limit, energy register and transaction.
struct SimulatedConnector: Sendable {
    /// Where the connector is in its scripted session.
    enum Phase: Sendable, Hashable {
        /// No vehicle; the next one plugs in at this uptime (nil: none comes).
        case idle(nextPlugIn: Duration?)
        /// A vehicle charges in a transaction until this uptime.
        case charging(until: Duration)
    }

    let id: Int
    /// The most current the connector's wiring allows per phase.
    let maxCurrent: Amperes
    let phases: Int
    var phase: Phase
    var operative = true
    /// The limit from the central system's charging profile for this connector, if any.
    var limit: ChargingRate?
    /// The energy register.
    var energy: WattHours = 0
    /// When `energy` was last brought up to date.
    var accruedAt: Duration
    var transaction: ChargerTransaction?
    /// The status the central system heard last on this connection (nil: nothing yet).
    var reportedStatus: ChargerConnectorStatus?
    /// When the next MeterValues are due during a transaction.
    var nextMeter: Duration = .zero

    init(id: Int, maxCurrent: Amperes, phases: Int, firstPlugIn: Duration?, now: Duration) {
        self.id = id
        self.maxCurrent = maxCurrent
        self.phases = phases
        phase = .idle(nextPlugIn: firstPlugIn)
        accruedAt = now
    }

    var isCharging: Bool {
        if case .charging = phase { return true }
        return false
    }

    /// The current the vehicle draws per phase, under every limit; below 6 A (IEC 61851-1) it draws nothing.
    func current(chargerLimit: ChargingRate?, script: ChargingScript) -> Amperes {
        guard isCharging, operative else { return .zero }
        let phasesUsed = min(phases, script.vehiclePhases)
        var current = min(maxCurrent, script.vehicleMaxCurrent)
        for rate in [limit, chargerLimit].compactMap({ $0 }) {
            current = min(current, Self.amperes(rate, phases: phasesUsed, voltage: script.voltage))
        }
        return current >= Amperes(6) ? current : .zero
    }

    /// The active power the vehicle draws.
    func power(chargerLimit: ChargingRate?, script: ChargingScript) -> Watts {
        let current = current(chargerLimit: chargerLimit, script: script)
        return Watts(current.value * Double(min(phases, script.vehiclePhases)) * script.voltage.value)
    }

    /// The status the connector shows now.
    func status(chargerLimit: ChargingRate?, script: ChargingScript) -> ChargerConnectorStatus {
        guard operative else { return .unavailable }
        guard isCharging else { return .available }
        return current(chargerLimit: chargerLimit, script: script) > .zero ? .charging : .suspendedEVSE
    }

    /// Adds the energy drawn at `power` since the last update.
    mutating func accrue(to now: Duration, power: Watts) {
        guard now > accruedAt else { return }
        energy += WattHours(power.value * (now - accruedAt).inSeconds / 3600)
        accruedAt = now
    }

    /// A profile's rate as a current per phase.
    static func amperes(_ rate: ChargingRate, phases: Int, voltage: Volts) -> Amperes {
        switch rate {
        case .amperes(let current):
            return Amperes(max(0, current))
        case .watts(let power, let profilePhases):
            let count = Double(max(1, min(phases, profilePhases ?? phases)))
            return Amperes(max(0, power) / (count * voltage.value))
        }
    }
}
