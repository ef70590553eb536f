import ArgumentParser
import StationConfig
import StationCore
import StationSimulator

@main
struct StationSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station-sim",
        abstract: "Simulated station hardware served over Modbus, and simulated OCPP chargers.",
        discussion: """
            With --config, serves every device of a station file at the bus and unit id the station file gives it, \
            built from the same device profiles stationd uses; a scenario adds base load, PV, vehicles and faults \
            over time. With --ocpp-chargers, runs that many OCPP 1.6J or 2.0.1 chargers against an OCPP server: \
            scripted charging sessions until stopped, or with --load a measured load run that prints its figures and \
            exits. Both can run together. Prints a line per event and a status line every 5 s; stops on SIGINT or \
            SIGTERM. See docs/simulator.md.
            """)

    @Option(help: "The station file, e.g. firmware-config/stations/demo.yaml (optional when only OCPP chargers are simulated).")
    var config: String?

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

    @OptionGroup(title: "OCPP chargers")
    var chargers: ChargerOptions

    func validate() throws {
        guard config != nil || chargers.ocppChargers != nil else {
            throw ValidationError("nothing to simulate: give --config <station file> (Modbus hardware), --ocpp-chargers <n> (OCPP chargers), or both")
        }
        if config == nil, scenario != nil || !faults.isEmpty || !serialPaths.isEmpty || portOverride != nil || hostOverride != nil {
            throw ValidationError("--scenario, --fault, --serial, --port-override and --host-override need --config")
        }
        guard (1...60_000).contains(tickMs) else { throw ValidationError("--tick-ms must be 1...60000") }
        if let portOverride, !(0...65535).contains(portOverride) { throw ValidationError("--port-override must be 0...65535") }
        for path in serialPaths where !path.contains("=") {
            throw ValidationError("--serial takes bus=path, got \"\(path)\"")
        }
    }

    func run() async throws {
        let station = try config.map { try SimulatorSetup(command: self).build(config: $0) }
        if let station {
            do {
                try station.start()
            } catch {
                Console.error("station-sim: \(error)")
                throw ExitCode(1)
            }
            if !chargers.json { Console.banner(for: station) }
        }
        defer { station?.stop() }
        if chargers.load, let count = chargers.ocppChargers {
            let connected = await LoadSession(options: chargers, count: count, station: station, tick: .milliseconds(tickMs)).run()
            if connected == 0 { throw ExitCode(1) }
            return
        }
        let setup = ChargerSetup(options: chargers)
        let fleet = chargers.ocppChargers.map { count in
            OCPPChargerFleet(
                configurations: setup.configurations(count: count),
                clock: SystemStationClock()
            ) { id, event in
                Console.line("\(id): \(event)")
            }
        }
        if let fleet {
            Console.line("station-sim: \(fleet.chargers.count) OCPP \(chargers.ocppVersion.rawValue) chargers against \(chargers.ocppUrl)")
        }
        await SimulatorSession(
            station: station, chargers: fleet, tick: .milliseconds(tickMs), statusEvery: quiet || station == nil ? nil : .seconds(5)
        ).run()
        if let station { Console.line("station-sim: stopped; \(station.snapshot().summary)") }
    }
}
