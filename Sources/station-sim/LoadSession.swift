import StationCore
import StationSimulator
import Synchronization

/// A load run of simulated chargers (beside the Modbus simulation, if any), then its figures.
struct LoadSession {
    let options: ChargerOptions
    let count: Int
    /// The Modbus simulation to keep running meanwhile.
    let station: SimulatedStation?
    let tick: Duration

    /// Runs the load (SIGINT or SIGTERM end it early) and prints the report; returns how many chargers connected.
    func run() async -> Int {
        let problems = ProblemLog(limit: 10)
        let generator = OCPPLoadGenerator(
            configuration: ChargerSetup(options: options).loadConfiguration(count: count), clock: SystemStationClock()
        ) { problems.note($0) }
        if !options.json {
            Console.line("station-sim: \(count) OCPP \(options.ocppVersion.rawValue) chargers, load for \(options.duration) s against \(options.ocppUrl)")
        }
        let outcome = await withTaskGroup(of: Result<LoadReport, any Error>?.self) { group in
            if let station {
                group.addTask { [tick] in
                    await station.run(tick: tick)
                    return nil
                }
            }
            group.addTask {
                _ = await ShutdownSignals.first()
                return nil
            }
            group.addTask {
                do {
                    return .success(
                        try await generator.run(duration: .seconds(options.duration), connectTimeout: .seconds(options.connectTimeout)))
                } catch {
                    return .failure(error)
                }
            }
            var outcome: Result<LoadReport, any Error>?
            while let next = await group.next() {
                outcome = outcome ?? next
                group.cancelAll()
            }
            return outcome
        }
        for line in problems.lines { Console.error(line) }
        let report: LoadReport
        switch outcome {
        case .success(let finished): report = finished
        case .failure(let error):
            Console.error("station-sim: load run failed: \(error)")
            return 0
        case nil: return 0
        }
        if options.json {
            Console.line(report.json)
        } else {
            report.lines.forEach { Console.line("  " + $0) }
        }
        return report.connected
    }
}

/// The first few problems of a run, and how many there were in all.
final class ProblemLog: Sendable {
    private let state = Mutex<(lines: [String], total: Int)>(([], 0))
    let limit: Int

    init(limit: Int) {
        self.limit = limit
    }

    func note(_ line: String) {
        state.withLock { state in
            state.total += 1
            if state.lines.count < limit { state.lines.append(line) }
        }
    }

    var lines: [String] {
        state.withLock { state in
            state.lines.map { "station-sim: " + $0 } + (state.total > state.lines.count ? ["station-sim: ... \(state.total - state.lines.count) more"] : [])
        }
    }
}
