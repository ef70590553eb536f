import OCPP

extension SimulatedOCPPCharger {
    /// Load: reports its connectors, waits for the window, then sends MeterValues on connector 1 back to back
    /// (one outstanding call, as OCPP-J requires), recording each answered call's latency while the window is open.
    /// With the `transactions` mix every other call is a meter reading of a transaction started beforehand.
    func runLoad(_ session: any ChargePointSession, window: LoadWindow) async {
        for index in connectors.indices {
            do {
                try await session.report(
                    connector: connectors[index].id, status: connectors[index].operative ? .available : .unavailable,
                    transaction: nil, at: clock.wallTime)
            } catch let error as OCPPError where !error.losesConnection {
                emit(.callFailed(action: "StatusNotification", reason: "\(error)"))
            } catch {
                return
            }
        }
        guard let connector = connectors.first else { return }
        var transaction: ChargerTransaction?
        if configuration.loadMix == .transactions {
            do {
                transaction = try await session.startTransaction(
                    connector: connector.id, idTag: "LOAD", meterStart: connector.energy, at: clock.wallTime
                ).transaction
            } catch {
                emit(.callFailed(action: "StartTransaction", reason: "\(error)"))
                return
            }
        }
        guard await window.opened() else { return }
        var inTransaction = false
        while window.isOpen, !Task.isCancelled {
            let started = clock.uptime
            inTransaction = transaction != nil && !inTransaction
            do {
                try await session.meter(
                    connector: connector.id, transaction: inTransaction ? transaction : nil, energy: connector.energy, power: .zero,
                    at: clock.wallTime)
                if window.isOpen { statistics.recordAnswer(after: clock.uptime - started) }
            } catch let error as OCPPError {
                if window.isOpen, !error.isCancellation { statistics.errors += 1 }
                if error.losesConnection { return }
            } catch {
                return
            }
        }
    }
}

extension OCPPError {
    var isCancellation: Bool {
        if case .cancelled = self { return true }
        return false
    }
}
