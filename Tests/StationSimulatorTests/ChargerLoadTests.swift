import StationCore
import StationSimulator
import StationTesting
import Testing

/// Load mode against stationd in-process: MeterValues back to back, counted and timed while the window is open.
@Suite(.timeLimit(.minutes(1)))
struct ChargerLoadTests {
    @Test func aFleetInLoadModeIsAnsweredWithoutErrorsAndOnlyTheWindowCounts() async throws {
        let stationd = try StationdHarness(clock: ManualClock(), chargers: 3)
        try await stationd.startServer()
        let window = LoadWindow()
        let fleet = OCPPChargerFleet(
            configurations: OCPPChargerFleet.ids(count: 3, prefix: "SIM-").map {
                stationd.chargerConfiguration(id: $0, mode: .load(window))
            },
            clock: SystemStationClock())
        let running = Task { await fleet.run() }

        #expect(await fleet.waitUntilAllOnline(timeout: .seconds(20)))
        #expect(await fleet.report(connected: 3, duration: .seconds(1)).messagesAnswered == 0)
        window.open()
        let busy = try await eventually {
            for charger in fleet.chargers where await charger.statistics.answered < 50 { return false }
            return true
        }
        window.close()
        running.cancel()
        await running.value
        await stationd.stop()

        #expect(busy)
        let report = await fleet.report(connected: 3, duration: .seconds(1))
        #expect(report.chargers == 3)
        #expect(report.messagesAnswered >= 150)
        #expect(report.errors == 0)
        let latency = try #require(report.latencyMs)
        #expect(latency.p50 > 0 && latency.p50 <= latency.p99 && latency.p99 <= latency.max)
    }
}
