import Foundation
import StationController
import StationCore
import StationSimulator
import StationTesting
import Testing

/// A simulated OCPP 1.6 charger against stationd's real OCPP server, in-process over loopback WebSockets.
@Suite(.timeLimit(.minutes(1)))
struct SimulatedOCPPChargerTests {
    static let script = ChargingScript(
        idleTime: .seconds(10), sessionTime: .seconds(60), meterInterval: .seconds(10), idTag: StationdHarness.idTag,
        repeats: false)

    /// Runs `body` with stationd serving and the charger running; stops both whatever happens.
    func withCharger(
        _ body: (StationdHarness, SimulatedOCPPCharger, ChargerEventLog, ManualClock) async throws -> Void
    ) async throws {
        let clock = ManualClock()
        let stationd = try StationdHarness(clock: clock)
        let log = ChargerEventLog()
        let charger = SimulatedOCPPCharger(
            configuration: stationd.chargerConfiguration(script: Self.script), clock: clock, onEvent: log.sink)
        var running: Task<Void, Never>?
        do {
            try await stationd.startServer()
            running = Task { await charger.run() }
            try await body(stationd, charger, log, clock)
        } catch {
            running?.cancel()
            await stationd.stop()
            throw error
        }
        running?.cancel()
        await running?.value
        await stationd.stop()
    }

    /// Waits for the charger to boot and report connector 1 Available (the `skipping`+1-th time).
    func booted(_ log: ChargerEventLog, skipping: Int = 0) async throws {
        let boot = try await log.next(skipping: skipping) { if case .booted = $0 { true } else { false } }
        #expect(boot == .booted(status: "Accepted", heartbeatInterval: .seconds(60)))
        try await log.next(skipping: skipping) { $0 == .statusReported(connector: 1, .available) }
    }

    /// Lets the idle time pass: the vehicle plugs in and the transaction starts.
    func plugIn(_ log: ChargerEventLog, _ clock: ManualClock) async throws -> String {
        try await clock.waitForSleepers(count: 2)
        clock.advance(by: Self.script.idleTime)
        let started = try await log.next { if case .transactionStarted = $0 { true } else { false } }
        guard case .transactionStarted(1, let id, let accepted) = started else { throw EventTimeout() }
        #expect(accepted)
        return id
    }

    @Test func bootsReportsStatusAndRunsATransactionWhoseMeterFollowsStationdsLimit() async throws {
        try await withCharger { stationd, charger, log, clock in
            try await booted(log)
            #expect(await stationd.socket()?.status == .available)
            #expect(await stationd.server.hub.connectedChargers == [StationdHarness.chargerID])

            let transaction = try await plugIn(log, clock)
            try await log.next { $0 == .statusReported(connector: 1, .charging) }
            #expect(await stationd.socket()?.session?.idTag == StationdHarness.idTag)
            #expect(await stationd.socket()?.session?.id == transaction)

            // A cap from the CPMS makes the energy manager limit the socket: the limit reaches the charger as a profile.
            await stationd.controller.setCentralGridCap(Watts(8_000))
            await stationd.period()
            // The battery's step goes out first; the socket's share follows once the meter shows it.
            await stationd.period()
            let limitEvent = try await log.next {
                if case .limitSet(1, let limit?) = $0, limit > .zero { true } else { false }
            }
            guard case .limitSet(_, let limit?) = limitEvent else { return }
            #expect(limit >= Amperes(6) && limit < Amperes(32))
            #expect(log.count { $0 == .availabilitySet(connector: 1, operative: true) } == 1)

            // The next MeterValues carry the power that limit allows.
            try await clock.waitForSleepers(count: 2)
            clock.advance(by: .seconds(9))
            let metered = try await log.next { if case .metered = $0 { true } else { false } }
            guard case .metered(1, let energy, let power) = metered else { return }
            #expect(abs(power.value - limit.value * 3 * 230) < 0.1)
            // stationd takes the reading at once; its station model takes it on the next cycle, as a polled one.
            let readings = stationd.controller.readings
            let taken = try await eventually {
                abs((readings.socketReading(StationdHarness.socket)?.power?.value ?? -1) - power.value) < 0.1
            }
            #expect(taken, "stationd's reading is \(String(describing: readings.socketReading(StationdHarness.socket)))")
            #expect(abs((readings.socketReading(StationdHarness.socket)?.energy?.value ?? -1) - energy.value) < 0.1)
            #expect(await charger.power(connector: 1) == power)
            // 1 s unlimited (32 A), then 9 s at the limit.
            let expected = (22_080.0 * 1 + power.value * 9) / 3600
            #expect(abs(energy.value - expected) < 0.1)

            // The session time ends: StopTransaction, Finishing, Available; stationd ends the session.
            try await clock.waitForSleepers(count: 2)
            clock.advance(by: .seconds(50))
            let stopped = try await log.next { if case .transactionStopped = $0 { true } else { false } }
            #expect(stopped == .transactionStopped(connector: 1, transactionID: transaction, energy: energy + WattHours(power.value * 50 / 3600)))
            try await log.next { $0 == .statusReported(connector: 1, .finishing) }
            try await log.next(skipping: 1) { $0 == .statusReported(connector: 1, .available) }
            #expect(await stationd.socket()?.session == nil)
            let ended = await stationd.controller.recentEvents.compactMap { event -> ChargingSession? in
                if case .sessionEnded(let session) = event { session } else { nil }
            }
            #expect(ended.map(\.id) == [transaction])
        }
    }

    @Test func reconnectsAndBootsAgainAfterTheServerClosesTheConnection() async throws {
        try await withCharger { stationd, _, log, clock in
            try await booted(log)
            await stationd.stopServer()
            try await log.next { if case .disconnected = $0 { true } else { false } }
            try await log.next { $0 == .reconnecting(after: .seconds(1)) }
            #expect(await stationd.server.hub.connectedChargers.isEmpty)

            try await stationd.startServer()
            let connectedAgain = try await clock.advance(by: .seconds(1)) {
                log.count { $0 == .connected(.v16) } == 2
            }
            #expect(connectedAgain)
            try await booted(log, skipping: 1)
            #expect(await stationd.server.hub.connectedChargers == [StationdHarness.chargerID])
            #expect(await stationd.socket()?.status == .available)
        }
    }

    @Test func aTechniciansDisableEndsTheTransactionAndTheChargerReportsUnavailable() async throws {
        try await withCharger { stationd, _, log, clock in
            try await booted(log)
            let transaction = try await plugIn(log, clock)
            try await log.next { $0 == .statusReported(connector: 1, .charging) }
            await stationd.period()

            try await stationd.controller.setAvailability(
                StationdHarness.socket, enabled: false, source: .technician, actor: "fabio", reason: "cable check")
            await stationd.period()
            try await log.next { $0 == .availabilitySet(connector: 1, operative: false) }

            // The charger acts at its next step.
            try await clock.waitForSleepers(count: 2)
            clock.advance(by: Self.script.meterInterval)
            let stopped = try await log.next { if case .transactionStopped = $0 { true } else { false } }
            guard case .transactionStopped(1, let id, _) = stopped else { return }
            #expect(id == transaction)
            try await log.next { $0 == .statusReported(connector: 1, .unavailable) }
            #expect(await stationd.socket()?.status == .unavailable)
            #expect(await stationd.socket()?.session == nil)
        }
    }
}
