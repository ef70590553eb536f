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
        let window = LoadWindow()
        let problems = ProblemLog(limit: 10)
        let fleet = OCPPChargerFleet(
            configurations: ChargerSetup(options: options).configurations(count: count, mode: .load(window)),
            clock: SystemStationClock()
        ) { id, event in
            switch event {
            case .callFailed, .disconnected: if window.isOpen { problems.note("\(id): \(event)") }
            default: break
            }
        }
        if !options.json {
            Console.line("station-sim: \(count) OCPP \(options.ocppVersion.rawValue) chargers, load for \(options.duration) s against \(options.ocppUrl)")
        }
        let report = await withTaskGroup(of: LoadReport?.self) { group in
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
                await fleet.runLoad(
                    window: window, duration: .seconds(options.duration), connectTimeout: .seconds(options.connectTimeout))
            }
            var report: LoadReport?
            while let next = await group.next() {
                report = report ?? next
                group.cancelAll()
            }
            return report
        }
        for line in problems.lines { Console.error(line) }
        guard let report else { return 0 }
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
