import OCPP

extension SimulatedOCPPCharger {
    /// Heartbeat interval used when the server gives 0.
    static let defaultHeartbeatInterval: Duration = .seconds(60)

    /// Boots (again after the server's interval while it answers Pending or Rejected), then runs the mode
    /// and the heartbeats until the connection ends.
    func drive(_ session: any ChargePointSession, booted: BootFlag) async {
        guard let interval = await boot(session) else { return }
        booted.set()
        setOnline(true)
        let script = configuration.script
        let connectorIDs = connectors.map(\.id)
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await self.sendHeartbeats(session, every: interval) }
            for id in connectorIDs {
                group.addTask { await self.runScript(connector: id, script: script, session: session) }
            }
            await group.waitForAll()
        }
    }

    /// The heartbeat interval once the server accepted the charger; nil when the connection ended first.
    func boot(_ session: any ChargePointSession) async -> Duration? {
        while !Task.isCancelled {
            let wait: Duration
            do {
                let outcome = try await session.boot()
                let interval = outcome.interval > .zero ? outcome.interval : Self.defaultHeartbeatInterval
                emit(.booted(status: outcome.status, heartbeatInterval: outcome.interval))
                if outcome.accepted { return interval }
                wait = interval
            } catch let error as OCPPError where error.losesConnection {
                return nil
            } catch {
                emit(.callFailed(action: "BootNotification", reason: "\(error)"))
                wait = configuration.backoff.initial
            }
            do {
                try await clock.sleep(for: wait)
            } catch {
                return nil
            }
        }
        return nil
    }

    /// A Heartbeat every `interval` while connected.
    func sendHeartbeats(_ session: any ChargePointSession, every interval: Duration) async {
        while !Task.isCancelled {
            do {
                try await clock.sleep(for: interval)
                try await session.heartbeat()
                emit(.heartbeat)
            } catch let error as OCPPError where !error.losesConnection {
                emit(.callFailed(action: "Heartbeat", reason: "\(error)"))
            } catch {
                return
            }
        }
    }
}
