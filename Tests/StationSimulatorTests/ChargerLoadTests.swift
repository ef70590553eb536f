import StationCore
import StationSimulator
import StationTesting
import Synchronization
import Testing

/// The load generator against stationd in-process: readings back to back, counted and timed in the window only.
@Suite(.timeLimit(.minutes(1)))
struct ChargerLoadTests {
    @Test(arguments: [LoadMix.meterValues, .transactions])
    func loadChargersAreAnsweredWithoutErrors(mix: LoadMix) async throws {
        let stationd = try StationdHarness(clock: ManualClock(), chargers: 3)
        try await stationd.startServer()
        let problems = ProblemRecorder()
        let generator = OCPPLoadGenerator(
            configuration: .init(
                serverURL: "ws://127.0.0.1:\(stationd.port)/ocpp", chargerIDs: OCPPChargerFleet.ids(count: 3, prefix: "SIM-"),
                password: StationdHarness.password, mix: mix, callTimeout: .seconds(30)),
            clock: SystemStationClock()) { problems.add($0) }
        // Generous timeouts: on a loaded 2-core machine a boot answer can take seconds; the figures are measured
        // only in the window.
        let report = try await generator.run(duration: .seconds(1), connectTimeout: .seconds(40))
        await stationd.stop()

        #expect(report.chargers == 3)
        #expect(report.connected == 3, "\(problems.lines)")
        #expect(report.errors == 0, "\(problems.lines)")
        #expect(report.messagesAnswered >= 100)
        #expect(report.durationSeconds >= 1)
        let latency = try #require(report.latencyMs)
        #expect(latency.p50 > 0 && latency.p50 <= latency.p99 && latency.p99 <= latency.max)
    }

    @Test func chargersTheServerRefusesAreNotCountedAsConnected() async throws {
        let stationd = try StationdHarness(clock: ManualClock(), chargers: 1)
        try await stationd.startServer()
        let problems = ProblemRecorder()
        let generator = OCPPLoadGenerator(
            configuration: .init(
                serverURL: "ws://127.0.0.1:\(stationd.port)/ocpp", chargerIDs: ["SIM-0001"], password: "wrong password"),
            clock: SystemStationClock()) { problems.add($0) }
        let report = try await generator.run(duration: .milliseconds(200), connectTimeout: .seconds(10))
        await stationd.stop()

        #expect(report.connected == 0)
        #expect(report.messagesAnswered == 0)
        #expect(problems.lines.contains { $0.hasPrefix("SIM-0001: upgrade refused: HTTP") })
    }

    @Test func aServerThatNeverAnswersLeavesTheChargersUnready() async throws {
        let server = SilentOCPPServer()
        try await server.start()
        let problems = ProblemRecorder()
        let generator = OCPPLoadGenerator(
            configuration: .init(
                serverURL: "ws://127.0.0.1:\(server.port)/ocpp", chargerIDs: ["SIM-0001", "SIM-0002"], callTimeout: .seconds(1)),
            clock: SystemStationClock()) { problems.add($0) }
        let report = try await generator.run(duration: .milliseconds(200), connectTimeout: .seconds(20))
        await server.stop()

        #expect(report.connected == 0)
        #expect(report.messagesAnswered == 0)
        #expect(problems.lines.contains { $0.hasPrefix("SIM-0001: no answer to call 1 within") }, "\(problems.lines)")
        #expect(problems.lines.contains { $0.hasPrefix("SIM-0002: no answer to call 1 within") }, "\(problems.lines)")
    }

    @Test func chargersThatCannotConnectAreReportedWithoutWaitingForTheConnectTimeout() async throws {
        let problems = ProblemRecorder()
        let generator = OCPPLoadGenerator(
            configuration: .init(serverURL: "ws://127.0.0.1:\(LoopbackPort.free())/ocpp", chargerIDs: ["SIM-0001", "SIM-0002"]),
            clock: SystemStationClock()) { problems.add($0) }
        // Waiting out this connect timeout would overrun the suite's one-minute limit.
        let report = try await generator.run(duration: .milliseconds(100), connectTimeout: .seconds(120))

        #expect(report.connected == 0)
        #expect(problems.lines.filter { $0.contains("could not connect") }.count == 2, "\(problems.lines)")
    }

    @Test func aLoadGeneratorConnectsToWebSocketURLsOnly() async {
        for url in ["wss://127.0.0.1:9000/ocpp", "http://127.0.0.1/ocpp", "ws://:80/ocpp", "ws://host:99999/ocpp"] {
            let generator = OCPPLoadGenerator(
                configuration: .init(serverURL: url, chargerIDs: ["SIM-0001"]), clock: SystemStationClock())
            await #expect(throws: OCPPLoadGenerator.SetupError.self, "\(url)") {
                try await generator.run(duration: .seconds(1), connectTimeout: .seconds(1))
            }
        }
    }
}

/// Problems a generator reported, from any thread.
final class ProblemRecorder: Sendable {
    private let state = Mutex<[String]>([])

    func add(_ line: String) {
        state.withLock { $0.append(line) }
    }

    var lines: [String] { state.withLock { $0 } }
}
