import OCPP
import StationCore
import StationSimulator
import StationTesting
import Testing

/// A simulated charger speaking OCPP 2.0.1 to a minimal in-process CSMS (stationd's 2.0.1 server is not here yet).
@Suite(.timeLimit(.minutes(1)))
struct OCPP201ChargePointTests {
    @Test func bootsAndRunsATransactionWithTransactionEventsThatFollowAWattProfile() async throws {
        let clock = ManualClock()
        let csms = MiniCSMS(clock: clock)
        try await csms.start()
        let log = ChargerEventLog()
        let script = ChargingScript(idleTime: .seconds(10), sessionTime: .seconds(60), meterInterval: .seconds(10), repeats: false)
        let charger = SimulatedOCPPCharger(
            configuration: .init(
                id: "SIM-201", serverURL: "ws://127.0.0.1:\(csms.port)/ocpp", version: .v201, script: script,
                backoff: ReconnectBackoff(jitter: 0)),
            clock: clock, onEvent: log.sink)
        let running = Task { await charger.run() }
        defer { running.cancel() }

        try await log.next { $0 == .booted(status: "Accepted", heartbeatInterval: .seconds(60)) }
        try await log.next { $0 == .statusReported(connector: 1, .available) }
        #expect(csms.received.statuses.map(\.connectorStatus) == [.available])
        #expect(csms.received.statuses.first?.evseId == 1 && csms.received.statuses.first?.connectorId == 1)

        try await clock.waitForSleepers(count: 2)
        clock.advance(by: .seconds(10))
        try await log.next { if case .transactionStarted(1, _, true) = $0 { true } else { false } }
        try await log.next { $0 == .statusReported(connector: 1, .charging) }
        #expect(csms.received.authorizations == ["SIM-TAG"])
        #expect(csms.received.statuses.map(\.connectorStatus) == [.available, .occupied])

        // 6900 W on three phases at 230 V is 10 A per phase.
        #expect(try await csms.setChargingProfile(evse: 1, watts: 6_900) == .accepted)
        try await log.next { $0 == .limitSet(connector: 1, current: 10) }
        try await clock.waitForSleepers(count: 2)
        clock.advance(by: .seconds(10))
        let metered = try await log.next { if case .metered = $0 { true } else { false } }
        guard case .metered(1, _, let power) = metered else { return }
        #expect(abs(power.value - 6_900) < 0.01)

        try await clock.waitForSleepers(count: 2)
        clock.advance(by: .seconds(50))
        try await log.next(skipping: 1) { $0 == .statusReported(connector: 1, .available) }
        await csms.stop()

        let events = csms.received.transactionEvents
        #expect(events.map(\.eventType) == [.started, .updated, .updated, .ended])
        #expect(events.map(\.seqNo) == [0, 1, 2, 3])
        #expect(Set(events.map(\.transactionInfo.transactionId)).count == 1)
        #expect(events.map(\.triggerReason) == [.authorized, .chargingStateChanged, .meterValuePeriodic, .stopAuthorized])
        #expect(events[0].idToken?.idToken == "SIM-TAG" && events[0].evse?.id == 1)
        #expect(events[1].transactionInfo.chargingState == .charging)
        let sampled = events[2].meterValues?.first?.sampledValues ?? []
        #expect(sampled.first { $0.measurand == .powerActiveImport }?.value == 6_900)
        #expect(events[3].transactionInfo.stoppedReason == .local)
        #expect(csms.received.statuses.map(\.connectorStatus) == [.available, .occupied, .available])
    }
}
