public import Devices
public import EnergyManagement
public import Foundation
import GPIO
public import Logging
public import StationConfig
public import StationCore

/// The station's brain: each cycle it takes the readings, updates the station model, asks the energy
/// manager for setpoints and writes them to the hardware. It is the only owner of the station model.
public actor StationController {
    public nonisolated let configuration: StationConfiguration
    public nonisolated let hardware: StationHardware
    public nonisolated let readings: StationReadings
    public nonisolated let clock: any StationClock
    let logger: Logger
    let settings: EnergySettings
    let metrics: StationMetrics?

    public internal(set) var station: Station
    public private(set) var lastDecision: SetpointDecision?
    public private(set) var lastCycle: CycleRecord?
    public private(set) var cycles = 0
    /// A lower import limit set as a variable (SetVariables `GridCap`), until the next restart.
    public private(set) var centralGridCap: Watts?
    /// The CSMS's ChargingStationMaxProfile; its period in force caps the import at every cycle.
    public private(set) var gridCapSchedule: GridCapSchedule?
    /// A price schedule from the CPMS; the station's tariff applies otherwise.
    public private(set) var centralSchedule: PriceSchedule?
    /// When the station took `centralSchedule` (nil for one kept from before a restart).
    public private(set) var centralScheduleReceivedAt: Date?
    /// The station's own tariff as a schedule from the current quarter hour on.
    private var tariffSchedule: PriceSchedule?
    public private(set) var recentEvents: [StationEvent] = []
    var energy = EnergyManager()
    var outputs = OutputState()
    var chargerLinks: [SocketID: any ChargerConnectorLink] = [:]
    /// Tokens the CSMS authorized for a remote start on a charger's socket, until the charger starts that
    /// transaction or the vehicle's connection time has run out.
    var centralAuthorizations: [SocketID: CentralAuthorization] = [:]
    /// The last OCPP transaction number handed out; seeded from the clock so numbers rise across restarts.
    var transactionCounter: Int
    /// The last reservation id handed out locally.
    var reservationCounter = 0
    private var eventListeners: [UUID: AsyncStream<StationEvent>.Continuation] = [:]
    /// Where events owed to the CSMS are written, when the station has an uplink.
    public private(set) var journal: UplinkJournal?

    /// What the last cycle saw and decided.
    public struct CycleRecord: Sendable {
        public var number: Int
        public var at: Date
        public var uptime: Duration
        public var gridPower: Watts?
        public var gridQuality: ReadingQuality
        public var gridCap: Watts
        public var battery: BatteryState?
        public var batterySetpoint: Watts
        public var duration: Duration
    }

    public init(
        configuration: StationConfiguration, hardware: StationHardware, readings: StationReadings,
        clock: any StationClock, logger: Logger = Logger(label: "stationd.control"), metrics: StationMetrics? = nil
    ) {
        self.metrics = metrics
        self.configuration = configuration
        self.hardware = hardware
        self.readings = readings
        self.clock = clock
        self.logger = logger
        settings = EnergySettings(configuration: configuration)
        transactionCounter = Int(clock.wallTime.timeIntervalSince1970 / 10) % 1_000_000_000
        let modbusSockets = configuration.sockets.map {
            SocketState(
                id: SocketID($0.id), phases: $0.phases, maxCurrent: Amperes($0.maxCurrentA),
                authorization: $0.authorization == .token ? .token : .freeVend)
        }
        let chargerSockets = (configuration.ocppServer?.chargers ?? []).flatMap(\.connectors).map {
            SocketState(id: SocketID($0.socket), phases: $0.phases, maxCurrent: Amperes($0.maxCurrentA), authorization: .token)
        }
        station = Station(sockets: modbusSockets + chargerSockets)
    }

    /// The import limit in force now: the configured connection limit or a lower central cap.
    public var gridCap: Watts { gridCap(at: clock.wallTime) }

    /// The import limit in force at `time`: the lowest of the configured connection limit, the variable cap
    /// and the central profile's period in force (none after the profile's end).
    public func gridCap(at time: Date) -> Watts {
        var cap = Watts(configuration.grid.connectionLimitW)
        if let centralGridCap { cap = min(cap, centralGridCap) }
        if let scheduled = gridCapSchedule?.cap(at: time) { cap = min(cap, scheduled) }
        return cap
    }

    /// Whether a central cap (variable or profile) is held.
    public var holdsCentralGridCap: Bool { centralGridCap != nil || gridCapSchedule != nil }

    // MARK: The cycle

    /// Runs one control cycle: readings, station model, decision, writes.
    @discardableResult
    public func runCycle() async -> SetpointDecision {
        let started = clock.uptime
        let now = clock.wallTime
        cycles += 1
        let snapshot = readings.snapshot(at: started, staleAfter: configuration.safety.staleAfter)
        var events: [StationEvent] = []
        for socket in hardware.sockets {
            let entry = snapshot.sockets[socket.id] ?? StationReadings.Entry()
            let value = entry.reading.value
            events += station.observe(
                socket.id, pilot: value?.pilot, quality: entry.reading.quality,
                power: value?.power, energy: value?.energy, at: now)
        }
        // A charger's status changes reach the model as they arrive; its meter values on this cycle.
        for id in chargerLinks.keys.sorted() {
            guard let entry = snapshot.sockets[id], let value = entry.reading.value, entry.reading.quality != .failed else {
                continue
            }
            events += station.observe(
                id, pilot: value.pilot, quality: entry.reading.quality, power: value.power, energy: value.energy, at: now)
        }
        events += station.expire(at: now)

        let battery = batteryState(snapshot.battery)
        let capInForce = gridCap(at: now)
        if capInForce != lastCycle?.gridCap {
            logger.notice("grid cap in force: \(capInForce)\(gridCapSchedule.map { " (central profile \($0.profileId))" } ?? "")")
        }
        let inputs = EnergyInputs(
            time: now, gridPower: snapshot.grid.reading.value?.power, gridQuality: snapshot.grid.reading.quality,
            sockets: demands(snapshot), battery: battery, schedule: schedule(at: now), gridCap: capInForce,
            settings: settings, previous: lastDecision, uptime: started, gridReadAt: snapshot.grid.reading.takenAt)
        let decision = energy.decide(inputs)
        if decision.mode != lastDecision?.mode {
            logger.notice("energy mode \(decision.mode.rawValue): \(decision.reasons.map(\.message).joined(separator: "; "))")
        }
        lastDecision = decision

        let limits = effectiveLimits(decision)
        events += station.offer(limits, at: now)
        publish(events)
        journal?.sample(
            UplinkSample(
                time: now, sessions: station.sockets.values.compactMap(\.session), gridPower: snapshot.grid.reading.value?.power,
                gridEnergy: snapshot.grid.reading.value?.energyImported, gridQuality: snapshot.grid.reading.quality,
                battery: battery, batterySetpoint: decision.batteryPower, mode: decision.mode),
            uptime: started)
        // What the CSMS is owed is on disk before the hardware acts on it.
        await flushJournal()
        await actuate(limits: limits, batteryPower: battery == nil ? nil : decision.batteryPower)

        lastCycle = CycleRecord(
            number: cycles, at: now, uptime: started, gridPower: snapshot.grid.reading.value?.power,
            gridQuality: snapshot.grid.reading.quality, gridCap: capInForce, battery: battery,
            batterySetpoint: decision.batteryPower, duration: clock.uptime - started)
        if let metrics, let lastCycle {
            var failures = ["grid meter": snapshot.grid.failures, "battery": snapshot.battery.failures]
            for (id, entry) in snapshot.sockets { failures["socket \(id)"] = entry.failures }
            metrics.record(lastCycle, station: station, decision: decision, failures: failures)
        }
        return decision
    }

    /// Each socket's limit: the decision's, but zero wherever the station model says it may not charge.
    func effectiveLimits(_ decision: SetpointDecision) -> [SocketID: Amperes] {
        var limits: [SocketID: Amperes] = [:]
        for id in station.socketIDs {
            let mayCharge = station.sockets[id]?.mayCharge ?? false
            limits[id] = mayCharge ? decision.socketLimits[id] ?? .zero : .zero
        }
        return limits
    }

    private func demands(_ snapshot: ReadingsSnapshot) -> [SocketDemand] {
        station.socketIDs.compactMap { id in
            guard let socket = station.sockets[id] else { return nil }
            let state: SocketDemand.State
            if !socket.mayCharge {
                state = socket.pilot?.vehicleConnected == true ? .unavailable : .idle
            } else {
                state = socket.pilot?.vehicleRequestsEnergy == true ? .charging : .connected
            }
            return SocketDemand(
                id: id, phases: socket.phases, maxCurrent: socket.maxCurrent, state: state,
                measuredPower: snapshot.sockets[id]?.reading.freshValue?.power,
                measuredAt: snapshot.sockets[id]?.reading.takenAt)
        }
    }

    private func batteryState(_ entry: StationReadings.Entry<BatteryReading>) -> BatteryState? {
        guard let config = configuration.battery else { return nil }
        let value = entry.reading.value
        let reportedCharge = value?.maxChargePower ?? Watts(config.maxChargeW)
        let reportedDischarge = value?.maxDischargePower ?? Watts(config.maxDischargeW)
        return BatteryState(
            soc: value?.soc ?? 0, capacity: WattHours(config.capacityWh),
            maxChargePower: min(Watts(config.maxChargeW), reportedCharge),
            maxDischargePower: min(Watts(config.maxDischargeW), reportedDischarge),
            power: value?.power, quality: value == nil ? .failed : entry.reading.quality, measuredAt: entry.reading.takenAt)
    }

    /// The CPMS's schedule while it lasts, else the station's tariff, rebuilt only when a new quarter hour begins.
    func schedule(at now: Date) -> PriceSchedule {
        if let centralSchedule, let last = centralSchedule.slots.last, last.end > now { return centralSchedule }
        if let tariffSchedule, let first = tariffSchedule.slots.first, first.start <= now, first.end > now {
            return tariffSchedule
        }
        let fresh = TariffSchedule.schedule(configuration.energy.timeOfUse, from: now)
        tariffSchedule = fresh
        return fresh
    }

    // MARK: Commands

    /// Connects a charger's connector to its socket, so the cycle drives it.
    public func attach(_ link: any ChargerConnectorLink) {
        attachCharger(link)
    }

    /// Records a source's vote on a socket and acts on it at once (a disable opens the contactor now).
    @discardableResult
    public func setAvailability(
        _ id: SocketID, enabled: Bool, source: AvailabilitySource, actor: String, reason: String
    ) async throws(StationRefusal) -> [StationEvent] {
        guard station.sockets[id] != nil else { throw StationRefusal(.unknownSocket, "no socket \(id)") }
        let change = AvailabilityChange(socket: id, source: source, enabled: enabled, actor: actor, reason: reason, at: clock.wallTime)
        let events = station.setAvailability(change)
        guard !events.isEmpty else { return [] }
        logger.notice("socket \(id) \(enabled ? "enabled" : "disabled") by \(source.rawValue) (\(actor)): \(reason)")
        publish(events)
        if !enabled, let socket = station.sockets[id], !socket.mayCharge {
            let limits = [id: Amperes.zero]
            publish(station.offer(limits, at: clock.wallTime))
            await actuate(limits: limits, batteryPower: nil, only: [id])
        }
        await flushJournal()
        return events
    }

    /// Takes every socket out of service at once (emergency stop) or returns them.
    public func setEmergencyStop(_ active: Bool) async {
        logger.critical("emergency stop \(active ? "PRESSED: all contactors open" : "released")")
        outputs.emergencyStopActive = active
        for id in station.socketIDs {
            _ = try? await setAvailability(
                id, enabled: !active, source: .safety, actor: "emergency-stop",
                reason: active ? "emergency stop pressed" : "emergency stop released")
        }
    }

    /// Sets a lower import limit from the CPMS (nil returns to the configured limit).
    public func setCentralGridCap(_ cap: Watts?) {
        centralGridCap = cap
    }

    /// Caps the import by the CSMS's profile from now on (nil returns to the configured limit).
    public func setGridCapSchedule(_ schedule: GridCapSchedule?) {
        gridCapSchedule = schedule
    }

    /// Replaces the station's tariff with the CPMS's price schedule (nil returns to the tariff).
    public func setCentralSchedule(_ schedule: PriceSchedule?) {
        centralSchedule = schedule
        centralScheduleReceivedAt = schedule == nil ? nil : clock.wallTime
    }

    // MARK: Uplink journal

    /// Writes every event from now on to the uplink's journal, and continues the transactions that were open
    /// when the station last stopped.
    public func attach(_ journal: UplinkJournal) {
        self.journal = journal
        for session in journal.openSessions {
            station.restore(session)
            logger.notice("continuing session \(session.id) on socket \(session.socket) from before the restart")
        }
        let central = journal.centralInputs
        if let profile = central.gridCapSchedule {
            gridCapSchedule = profile
            logger.notice("keeping the CSMS's grid cap profile \(profile.profileId) from before the restart")
        }
        if let schedule = central.priceSchedule {
            centralSchedule = schedule
            logger.notice("keeping the CSMS's price schedule version \(schedule.version) from before the restart")
        }
    }

    /// Makes everything staged in the journal durable; a failed write stays staged for the next cycle and is
    /// reported upward (a fault NotifyEvent) once the outbox writes again.
    public func flushJournal() async {
        guard let journal else { return }
        do {
            try await journal.outbox.flush()
        } catch {
            logger.error("uplink journal: \(error)")
        }
        journal.reportOutboxHealth(at: clock.wallTime)
    }

    /// Every socket's status, in socket order.
    public func socketStatuses() -> [(SocketID, SocketStatus)] {
        station.socketIDs.compactMap { id in station.sockets[id].map { (id, $0.status) } }
    }

    // MARK: Events

    /// Every station event from now on.
    public func events() -> AsyncStream<StationEvent> {
        let (stream, continuation) = AsyncStream<StationEvent>.makeStream(bufferingPolicy: .bufferingNewest(1000))
        let id = UUID()
        eventListeners[id] = continuation
        continuation.onTermination = { [weak self] _ in
            Task { await self?.removeListener(id) }
        }
        return stream
    }

    private func removeListener(_ id: UUID) {
        eventListeners[id] = nil
    }

    func publish(_ events: [StationEvent]) {
        guard !events.isEmpty else { return }
        for event in events {
            logger.info("\(event.logDescription)")
            for listener in eventListeners.values { listener.yield(event) }
        }
        journal?.record(events)
        recentEvents.append(contentsOf: events)
        if recentEvents.count > 200 { recentEvents.removeFirst(recentEvents.count - 200) }
    }
}

extension StationEvent {
    /// One line for the journal.
    public var logDescription: String {
        switch self {
        case .statusChanged(let id, let status, _): return "socket \(id) is \(status.rawValue)"
        case .sessionStarted(let s): return "session \(s.id) started on socket \(s.socket)\(s.idTag.map { " for \($0)" } ?? "")"
        case .sessionEnded(let s): return "session \(s.id) on socket \(s.socket) ended (\(s.endReason?.rawValue ?? "?")), \(s.energy)"
        case .availabilityChanged(let c): return "socket \(c.socket) \(c.enabled ? "enabled" : "disabled") by \(c.source.rawValue) (\(c.actor)): \(c.reason)"
        case .reservationMade(let r): return "reservation \(r.id) holds socket \(r.socket) until \(r.expiresAt)"
        case .reservationEnded(let r, let end): return "reservation \(r.id) on socket \(r.socket) \(end.rawValue)"
        }
    }
}
