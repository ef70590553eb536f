import ArgumentParser
import StationConfig
import StationSimulator

@main
struct StationSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station-sim",
        abstract: "Simulated station hardware (socket controllers, battery inverter, grid meter) served over Modbus.",
        discussion: """
            Serves every device of a station file at the bus and unit id the station file gives it, built from the \
            same device profiles stationd uses. A scenario adds base load, PV, vehicles and faults over time. \
            Prints a line per event and a status line every 5 s; stops on SIGINT or SIGTERM. See docs/simulator.md.
            """)

    @Option(help: "The station file, e.g. firmware-config/stations/demo.yaml.")
    var config: String

    @Option(help: "A scenario file, e.g. firmware-config/scenarios/demo.yaml.")
    var scenario: String?

    @Option(
        name: .customLong("fault"),
        help: "A fault window: device:kind[@from-[to]] in seconds, e.g. grid_meter:no_answer@30-60, socket:1:exception:4@10-20, battery:nonsense@5-. Repeatable.")
    var faults: [String] = []

    @Option(help: "Serve the TCP buses on this port instead of the configured one (0: any free port; N: the first bus on N, the next on N+1...).")
    var portOverride: Int?

    @Option(help: "Serve the TCP buses on this host address instead of the configured one.")
    var hostOverride: String?

    @Option(name: .customLong("serial"), help: "Serve an RTU bus on a serial device: bus=path, e.g. rs485=/dev/pts/3. Repeatable.")
    var serialPaths: [String] = []

    @Option(help: "Simulation step in milliseconds.")
    var tickMs: Int = 100

    @Flag(help: "Print events only, no status lines.")
    var quiet = false

    func validate() throws {
        guard (1...60_000).contains(tickMs) else { throw ValidationError("--tick-ms must be 1...60000") }
        if let portOverride, !(0...65535).contains(portOverride) { throw ValidationError("--port-override must be 0...65535") }
        for path in serialPaths where !path.contains("=") {
            throw ValidationError("--serial takes bus=path, got \"\(path)\"")
        }
    }

    func run() async throws {
        let station = try SimulatorSetup(command: self).build()
        do {
            try station.start()
        } catch {
            Console.error("station-sim: \(error)")
            throw ExitCode(1)
        }
        Console.banner(for: station)
        await SimulatorSession(station: station, tick: .milliseconds(tickMs), statusEvery: quiet ? nil : .seconds(5)).run()
        station.stop()
        Console.line("station-sim: stopped; \(station.snapshot().summary)")
    }
}
