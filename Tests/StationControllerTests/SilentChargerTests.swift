import Foundation
import StationConfig
import StationController
import StationCore
import StationTesting
import Synchronization
import Testing

/// Issue 12, finding 4: a charger that never answers must not stop the control loop.
@Suite(.timeLimit(.minutes(1)))
struct SilentChargerTests {
    /// A charger connector whose charger takes every call and never answers it (until released).
    final class SilentChargerLink: ChargerConnectorLink {
        let socket: SocketID
        private let state = Mutex<(calls: Int, waiters: [CheckedContinuation<Void, Never>], released: Bool)>((0, [], false))

        init(socket: SocketID) {
            self.socket = socket
        }

        var calls: Int { state.withLock { $0.calls } }
        var isConnected: Bool { true }

        private func neverAnswer() async {
            await withCheckedContinuation { continuation in
                let resumeNow = state.withLock { state in
                    state.calls += 1
                    if state.released { return true }
                    state.waiters.append(continuation)
                    return false
                }
                if resumeNow { continuation.resume() }
            }
        }

        /// Lets every call held so far return (as a call timeout would), so no task outlives the test.
        func release() {
            let waiters = state.withLock { state in
                state.released = true
                defer { state.waiters = [] }
                return state.waiters
            }
            waiters.forEach { $0.resume() }
        }

        func offer(_ current: Amperes) async throws { await neverAnswer() }
        func setOperative(_ operative: Bool) async throws { await neverAnswer() }
        func reserve(_ reservation: Reservation) async throws { await neverAnswer() }
        func cancelReservation(_ reservationID: Int) async throws { await neverAnswer() }
        func remoteStart(idTag: String) async throws { await neverAnswer() }
        func remoteStop(sessionID: String) async throws { await neverAnswer() }
    }

    static func harness() throws -> ControllerHarness {
        try ControllerHarness { config in
            config.ocppServer = OCPPServerConfiguration(
                host: "127.0.0.1", port: 0, chargers: [
                    ChargerConfiguration(
                        id: "CP-SILENT", credential: .password("silent-password-01"),
                        connectors: [ChargerConnectorConfiguration(connector: 1, socket: 3, maxCurrentA: 32, phases: 3)])
                ])
        }
    }

    @Test func cyclesRunOnTimeWhileAChargerNeverAnswers() async throws {
        let harness = try Self.harness()
        let link = SilentChargerLink(socket: SocketID(3))
        await harness.controller.attach(link)
        let period = harness.configuration.control.period

        // The first cycle sends the connector its availability and waits half a period for the answer, no longer.
        harness.clock.advance(by: period)
        await harness.poll()
        let first = Task { await harness.controller.runCycle() }
        try await harness.clock.waitForSleepers(count: 1)
        harness.clock.advance(by: period / 2)
        _ = await first.value
        #expect(await harness.controller.cycles == 1)
        #expect(link.calls == 1)

        // While that call is outstanding, later cycles neither wait for it nor send the connector more.
        for _ in 0..<5 { await harness.cycle() }
        #expect(await harness.controller.cycles == 6)
        #expect(link.calls == 1)
        #expect(harness.clock.sleeperCount == 0)

        link.release()
        await harness.stop()
    }
}
