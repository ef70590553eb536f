import OCPP

/// A call of the script that the server refused or did not answer in time.
struct ScriptCallFailure: Error {
    let action: String
    let error: OCPPError
}

extension SimulatedOCPPCharger {
    /// One connector's scripted sessions on one connection: a step whenever something is due, at least
    /// every meter interval, so profiles and availability changes show in the next status and meter values.
    func runScript(connector id: Int, script: ChargingScript, session: any ChargePointSession) async {
        guard let index = index(of: id) else { return }
        connectors[index].reportedStatus = nil
        while !Task.isCancelled {
            do {
                try await step(index, script: script, session: session)
                try await clock.sleep(until: nextWake(index, script: script))
            } catch let failure as ScriptCallFailure {
                emit(.callFailed(action: failure.action, reason: "\(failure.error)"))
                do {
                    try await clock.sleep(for: script.meterInterval)
                } catch {
                    return
                }
            } catch {
                return
            }
        }
    }

    /// Does whatever is due on the connector now, then reports its status if it changed.
    func step(_ index: Int, script: ChargingScript, session: any ChargePointSession) async throws {
        let now = clock.uptime
        accrueAll(to: now)
        if !connectors[index].operative, let transaction = connectors[index].transaction {
            try await stop(index, transaction, cause: .inoperative, script: script, session: session)
        }
        switch connectors[index].phase {
        case .idle(let plugIn):
            if connectors[index].operative, let plugIn, now >= plugIn {
                try await self.plugIn(index, script: script, session: session)
            }
        case .charging(let until):
            if now >= until, let transaction = connectors[index].transaction {
                try await stop(index, transaction, cause: .local, script: script, session: session)
            } else if now >= connectors[index].nextMeter {
                try await meter(index, script: script, session: session)
            }
        }
        let status = connectors[index].status(chargerLimit: chargerLimit, script: script)
        if status != connectors[index].reportedStatus {
            try await report(index, status, session: session)
        }
    }

    /// A vehicle plugs in: Preparing, Authorize, then the transaction starts (and ends at once if refused).
    func plugIn(_ index: Int, script: ChargingScript, session: any ChargePointSession) async throws {
        let id = connectors[index].id
        try await report(index, .preparing, session: session)
        let accepted = try await perform("Authorize") { try await session.authorize(idTag: script.idTag) }
        emit(.authorized(idTag: script.idTag, accepted: accepted))
        guard accepted else {
            connectors[index].phase = .idle(nextPlugIn: nextPlugIn(script))
            return
        }
        let meterStart = connectors[index].energy
        let start = try await perform("StartTransaction") {
            try await session.startTransaction(connector: id, idTag: script.idTag, meterStart: meterStart, at: clock.wallTime)
        }
        emit(.transactionStarted(connector: id, transactionID: start.transaction.id, accepted: start.accepted))
        guard start.accepted else {
            try await perform("StopTransaction") {
                try await session.stopTransaction(
                    start.transaction, connector: id, meterStop: meterStart, cause: .deauthorized, at: clock.wallTime)
            }
            emit(.transactionStopped(connector: id, transactionID: start.transaction.id, energy: meterStart))
            connectors[index].phase = .idle(nextPlugIn: nextPlugIn(script))
            return
        }
        let now = clock.uptime
        accrueAll(to: now)
        connectors[index].transaction = start.transaction
        connectors[index].phase = .charging(until: now + script.sessionTime)
        connectors[index].nextMeter = now + script.meterInterval
    }

    /// Ends the running transaction with the energy register at this moment.
    func stop(
        _ index: Int, _ transaction: ChargerTransaction, cause: TransactionStopCause, script: ChargingScript,
        session: any ChargePointSession
    ) async throws {
        let id = connectors[index].id
        accrueAll(to: clock.uptime)
        let meterStop = connectors[index].energy
        try await perform("StopTransaction") {
            try await session.stopTransaction(transaction, connector: id, meterStop: meterStop, cause: cause, at: clock.wallTime)
        }
        // The vehicle stopped drawing when the transaction was stopped, not when the answer came.
        connectors[index].energy = meterStop
        connectors[index].accruedAt = clock.uptime
        connectors[index].transaction = nil
        connectors[index].phase = .idle(nextPlugIn: nextPlugIn(script))
        emit(.transactionStopped(connector: id, transactionID: transaction.id, energy: meterStop))
        if cause == .local {
            try await report(index, .finishing, session: session)
        }
    }

    /// MeterValues with the energy register and the power the limits allow now.
    func meter(_ index: Int, script: ChargingScript, session: any ChargePointSession) async throws {
        let connector = connectors[index]
        let power = connector.power(chargerLimit: chargerLimit, script: script)
        try await perform("MeterValues") {
            try await session.meter(
                connector: connector.id, transaction: connector.transaction, energy: connector.energy, power: power,
                at: clock.wallTime)
        }
        connectors[index].nextMeter = max(connector.nextMeter + script.meterInterval, clock.uptime)
        emit(.metered(connector: connector.id, energy: connector.energy, power: power))
    }

    func report(_ index: Int, _ status: ChargerConnectorStatus, session: any ChargePointSession) async throws {
        let id = connectors[index].id
        let transaction = connectors[index].transaction
        try await perform("StatusNotification") {
            try await session.report(connector: id, status: status, transaction: transaction, at: clock.wallTime)
        }
        connectors[index].reportedStatus = status
        emit(.statusReported(connector: id, status))
    }

    /// When the connector's next step is due: its next event, and at the latest one meter interval from now.
    func nextWake(_ index: Int, script: ChargingScript) -> Duration {
        var wake = clock.uptime + script.meterInterval
        switch connectors[index].phase {
        case .idle(let plugIn):
            if let plugIn { wake = min(wake, plugIn) }
        case .charging(let until):
            wake = min(wake, until, connectors[index].nextMeter)
        }
        return wake
    }

    func nextPlugIn(_ script: ChargingScript) -> Duration? {
        script.repeats ? clock.uptime + script.idleTime : nil
    }

    /// Runs one call, naming it when the server refuses it or does not answer; a lost connection passes through.
    func perform<Value>(_ action: String, _ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as OCPPError where !error.losesConnection {
            throw ScriptCallFailure(action: action, error: error)
        }
    }
}
