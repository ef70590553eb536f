public import Foundation
import Devices
import StationConfig
public import StationCore

extension StationController {
    /// The station's verdict on a token: the local authorisation list decides (unknown tokens are invalid).
    public func authorize(idTag: String) -> AuthorizationVerdict {
        if centralAuthorizations.values.contains(where: { $0.idTag == idTag && clock.wallTime <= $0.until }) { return .accepted }
        guard let entry = configuration.localAuthorization.first(where: { $0.idTag == idTag }) else { return .invalid }
        switch entry.status {
        case .accepted: return .accepted
        case .blocked: return .blocked
        case .expired: return .expired
        case .invalid: return .invalid
        }
    }

    /// A charger's connector reports its state: vehicle presence, power and energy register.
    public func chargerReported(
        _ id: SocketID, vehicleConnected: Bool, requestsEnergy: Bool, faulted: Bool, power: Watts?, energy: WattHours?
    ) {
        let pilot: ControlPilotState = faulted ? .f : (requestsEnergy ? .c : (vehicleConnected ? .b : .a))
        updateChargerReading(id, pilot: pilot, power: power, energy: energy)
    }

    /// A charger's meter values for a connector.
    public func chargerMetered(_ id: SocketID, power: Watts?, energy: WattHours?) {
        updateChargerReading(id, pilot: nil, power: power, energy: energy)
    }

    /// A charger's periodic meter values for a connector, taken without waiting for the controller: they go into
    /// the connector's reading at once, and the station model takes them on the next cycle, as it takes a polled
    /// socket's reading. Dropped while the connector has no status yet, or its charger is gone.
    public nonisolated func chargerMeterValues(_ id: SocketID, power: Watts?, energy: WattHours?) {
        guard power != nil || energy != nil else { return }
        _ = readings.updateSocket(id, at: clock.uptime) { previous in
            EVSEReading(
                pilot: previous.pilot, enabled: nil, currentLimit: nil, power: power ?? previous.power,
                energy: energy ?? previous.energy)
        }
    }

    /// Merges what a charger said into the connector's reading, then into the station model.
    private func updateChargerReading(_ id: SocketID, pilot: ControlPilotState?, power: Watts?, energy: WattHours?) {
        let previous = readings.socketReading(id)
        guard let pilot = pilot ?? previous?.pilot else { return }
        let reading = EVSEReading(
            pilot: pilot, enabled: nil, currentLimit: nil, power: power ?? previous?.power, energy: energy ?? previous?.energy)
        readings.recordSocket(id, .success(reading), at: clock.uptime)
        publish(station.observe(id, pilot: pilot, quality: .fresh, power: reading.power, energy: reading.energy, at: clock.wallTime))
    }

    /// A charger went away: its connectors are faulted until it returns, and its profiles must be sent again.
    public func chargerDisconnected(_ sockets: [SocketID]) {
        for id in sockets {
            readings.recordSocket(id, .failure(.init(.communication, "socket \(id): charger disconnected")), at: clock.uptime)
            publish(station.observe(id, pilot: nil, quality: .failed, power: nil, energy: nil, at: clock.wallTime))
            outputs.offers[id] = nil
            outputs.operative[id] = nil
        }
    }

    /// A charger connected (again): everything it should know is sent on the next cycle.
    public func chargerConnected(_ sockets: [SocketID]) {
        for id in sockets {
            outputs.offers[id] = nil
            outputs.operative[id] = nil
        }
    }

    /// A charger started a transaction on a connector with a token.
    public func chargerStartedTransaction(_ id: SocketID, idTag: String, meterStart: WattHours?, at time: Date) -> ChargerTransactionStart {
        let number = nextTransactionNumber()
        var verdict = authorize(idTag: idTag)
        if let central = centralAuthorizations[id], central.idTag == idTag, time <= central.until {
            verdict = .accepted
        }
        if verdict == .accepted, station.sockets.values.contains(where: { $0.session?.idTag == idTag && $0.id != id }) {
            verdict = .concurrentTx
        }
        guard verdict == .accepted, let socket = station.sockets[id] else {
            return ChargerTransactionStart(transactionNumber: number, verdict: verdict == .accepted ? .invalid : verdict)
        }
        // The charger has a vehicle and counts from meterStart, whatever it reported before.
        let pilot = socket.pilot?.vehicleConnected == true ? socket.pilot : .b
        updateChargerReading(id, pilot: pilot, power: nil, energy: meterStart)
        do {
            publish(try station.authorize(id, idTag: idTag, at: time, sessionID: String(number)))
            centralAuthorizations[id] = nil
        } catch {
            logger.warning("socket \(id): transaction for \(idTag) refused: \(error)")
            return ChargerTransactionStart(transactionNumber: number, verdict: .invalid)
        }
        return ChargerTransactionStart(transactionNumber: number, verdict: .accepted)
    }

    /// A charger ended a transaction.
    public func chargerStoppedTransaction(_ id: SocketID, transactionNumber: Int?, meterStop: WattHours?, reason: ChargingSession.EndReason, at time: Date) {
        if let meterStop { chargerMetered(id, power: nil, energy: meterStop) }
        guard station.sockets[id]?.session != nil else { return }
        if let transactionNumber, station.sockets[id]?.session?.id != String(transactionNumber) { return }
        publish((try? station.stop(id, reason: reason, at: time)) ?? [])
    }

    /// Connectors of chargers, by socket.
    func attachCharger(_ link: any ChargerConnectorLink) {
        chargerLinks[link.socket] = link
        readings.markEventDriven(link.socket)
    }

    private func nextTransactionNumber() -> Int {
        transactionCounter += 1
        return transactionCounter
    }
}

extension StationController {
    /// The socket whose running session has this id.
    public func socket(withSession sessionID: String) -> SocketID? {
        station.socket(withSession: sessionID)
    }
}
