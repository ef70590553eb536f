import Devices
import GPIO
import StationCore

/// What was last written to each output, so setpoints go out only when they change.
struct OutputState: Sendable {
    struct Written<Value: Sendable & Equatable>: Sendable {
        var value: Value
        var at: Duration
    }

    var offers: [SocketID: Written<Amperes>] = [:]
    var contactors: [SocketID: Bool] = [:]
    /// Whether each charger connector was last told it is operative.
    var operative: [SocketID: Bool] = [:]
    var battery: Written<Watts>?
    var batteryUnderControl = false
    var statusLED: Bool?
    var socketLEDs: [SocketID: Bool] = [:]
    var emergencyStopActive = false
    var writeFailures = 0
    /// Charger connectors whose last setpoints still wait for their charger's answer.
    var chargersInFlight: Set<SocketID> = []

    /// Socket controllers get their limit again after this long, even unchanged.
    static let refresh: Duration = .seconds(10)

    func needsWrite<Value>(_ written: Written<Value>?, _ value: Value, now: Duration, refresh: Duration = Self.refresh) -> Bool {
        guard let written else { return true }
        return written.value != value || now - written.at >= refresh
    }
}

extension StationController {
    /// Writes limits, contactors, the battery setpoint and LEDs. Opening a contactor follows the disable.
    func actuate(limits: [SocketID: Amperes], batteryPower: Watts?, only: Set<SocketID>? = nil) async {
        let now = clock.uptime
        var writes: [(SocketID, Amperes, EVSEController)] = []
        for socket in hardware.sockets where only?.contains(socket.id) ?? true {
            let limit = limits[socket.id] ?? .zero
            let offered = limit >= Amperes(6) ? Amperes(limit.value.rounded(.down)) : .zero
            if outputs.needsWrite(outputs.offers[socket.id], offered, now: now) {
                writes.append((socket.id, offered, socket.controller))
            }
        }
        let results = await withTaskGroup(of: (SocketID, Amperes, String?).self) { group in
            for (id, offered, controller) in writes {
                group.addTask {
                    do {
                        try await controller.offer(offered)
                        return (id, offered, nil)
                    } catch {
                        return (id, offered, "\(error)")
                    }
                }
            }
            var results: [(SocketID, Amperes, String?)] = []
            for await result in group { results.append(result) }
            return results
        }
        for (id, offered, failure) in results {
            if let failure {
                outputs.offers[id] = nil
                outputs.writeFailures += 1
                logger.warning("socket \(id): could not offer \(offered): \(failure)")
            } else {
                outputs.offers[id] = .init(value: offered, at: now)
            }
        }
        await driveChargers(limits: limits, now: now, only: only)
        setContactors(only: only)
        if let batteryPower, only == nil { await writeBattery(batteryPower, now: now) }
        if only == nil { setLEDs() }
    }

    /// Charger connectors get their limit as a charging profile and their availability, each only on change.
    ///
    /// The cycle waits for chargers' answers for half a period at most, and the wait ends when its timer
    /// does: a charger that is slow or silent finishes in the background, its connectors skipped until it
    /// answers or its call times out, and delays no other connector and no cycle. Commands between cycles
    /// (a technician's disable) reach chargers with the next cycle.
    private func driveChargers(limits: [SocketID: Amperes], now: Duration, only: Set<SocketID>?) async {
        guard only == nil, !chargerLinks.isEmpty else { return }
        // What each connector needs to hear, decided here; sent to all chargers at once, not one after another.
        var work: [(link: any ChargerConnectorLink, operative: Bool?, offer: Amperes?)] = []
        for (id, link) in chargerLinks where !outputs.chargersInFlight.contains(id) {
            guard let socket = station.sockets[id] else { continue }
            let operative = !socket.isOutOfService
            let limit = limits[id] ?? .zero
            let offered = limit >= Amperes(6) ? Amperes((limit.value * 10).rounded(.down) / 10) : .zero
            let sendOperative = outputs.operative[id] != operative ? operative : nil
            let sendOffer = outputs.offers[id]?.value != offered ? offered : nil
            if sendOperative != nil || sendOffer != nil { work.append((link, sendOperative, sendOffer)) }
        }
        guard !work.isEmpty else { return }
        outputs.chargersInFlight.formUnion(work.map(\.link.socket))
        // Whichever comes first, every answer or the end of the patience, ends the wait. (A task group would
        // wait for the batch after all: awaiting a task's value is not cancelled with the group.)
        let (done, signal) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
        Task {
            await sendToChargers(work, now: now)
            signal.yield()
        }
        let clock = clock
        let patience = configuration.control.period / 2
        let timer = Task {
            try? await clock.sleep(for: patience)
            signal.yield()
        }
        for await _ in done { break }
        timer.cancel()
    }

    /// Sends each connector its setpoints; each connector's answer is taken as it comes.
    private func sendToChargers(_ work: [(link: any ChargerConnectorLink, operative: Bool?, offer: Amperes?)], now: Duration) async {
        await withTaskGroup(of: (SocketID, Bool?, Amperes?, String?).self) { group in
            for item in work {
                group.addTask {
                    guard await item.link.isConnected else { return (item.link.socket, nil, nil, nil) }
                    var operativeDone: Bool?
                    do {
                        if let operative = item.operative {
                            try await item.link.setOperative(operative)
                            operativeDone = operative
                        }
                        if let offer = item.offer { try await item.link.offer(offer) }
                        return (item.link.socket, operativeDone, item.offer, nil)
                    } catch {
                        return (item.link.socket, operativeDone, nil, "\(error)")
                    }
                }
            }
            for await (id, operative, offer, failure) in group {
                outputs.chargersInFlight.remove(id)
                if let operative { outputs.operative[id] = operative }
                if let offer { outputs.offers[id] = .init(value: offer, at: now) }
                if let failure {
                    outputs.writeFailures += 1
                    logger.warning("socket \(id): charger did not take its setpoint: \(failure)")
                }
            }
        }
    }

    /// A socket's contactor is closed only while the socket may charge.
    private func setContactors(only: Set<SocketID>?) {
        for socket in hardware.sockets where only?.contains(socket.id) ?? true {
            guard let contactor = socket.contactor else { continue }
            let close = !outputs.emergencyStopActive && (station.sockets[socket.id]?.mayCharge ?? false)
            guard outputs.contactors[socket.id] != close else { continue }
            do {
                try contactor.set(close)
                outputs.contactors[socket.id] = close
            } catch {
                outputs.contactors[socket.id] = nil
                logger.error("socket \(socket.id): contactor \(close ? "close" : "open") failed: \(error)")
            }
        }
    }

    private func writeBattery(_ power: Watts, now: Duration) async {
        guard let inverter = hardware.battery?.inverter else { return }
        let rounded = Watts(power.value.rounded())
        // The setpoint must be renewed well within the reversion, or the inverter idles by itself.
        guard outputs.needsWrite(outputs.battery, rounded, now: now, refresh: batteryReversion / 3) else { return }
        do {
            if !outputs.batteryUnderControl {
                try await inverter.takeControl(reversion: batteryReversion)
                outputs.batteryUnderControl = true
            }
            try await inverter.setPower(rounded)
            outputs.battery = .init(value: rounded, at: now)
        } catch {
            outputs.battery = nil
            outputs.batteryUnderControl = false
            outputs.writeFailures += 1
            logger.warning("battery: could not set \(rounded): \(error)")
        }
    }

    private func setLEDs() {
        let healthy = !outputs.emergencyStopActive && lastDecision?.mode != .failSafeGridMeter
        if let led = hardware.statusLED, outputs.statusLED != healthy {
            outputs.statusLED = (try? led.set(healthy)) != nil ? healthy : nil
        }
        for socket in hardware.sockets {
            guard let led = socket.led else { continue }
            let on = station.sockets[socket.id]?.status == .charging
            if outputs.socketLEDs[socket.id] != on {
                outputs.socketLEDs[socket.id] = (try? led.set(on)) != nil ? on : nil
            }
        }
    }

    /// How long the inverter keeps a setpoint without hearing from stationd.
    var batteryReversion: Duration { max(.seconds(10), configuration.control.period * 5) }

    /// Leaves the hardware safe: every socket disabled and its contactor open, the battery idle.
    public func enterSafeState(reason: String) async {
        logger.notice("entering safe state: \(reason)")
        for socket in hardware.sockets {
            try? socket.contactor?.set(false)
            outputs.contactors[socket.id] = false
        }
        await withTaskGroup(of: Void.self) { group in
            for socket in hardware.sockets {
                group.addTask { try? await socket.controller.offer(.zero) }
            }
            if let inverter = hardware.battery?.inverter {
                group.addTask { try? await inverter.setPower(.zero) }
            }
        }
        for socket in hardware.sockets {
            outputs.offers[socket.id] = .init(value: .zero, at: clock.uptime)
            try? socket.led?.set(false)
        }
        outputs.battery = .init(value: .zero, at: clock.uptime)
        try? hardware.statusLED?.set(false)
        await flushJournal()
    }
}
