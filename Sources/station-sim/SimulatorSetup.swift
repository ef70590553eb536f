import ArgumentParser
import StationConfig
import StationSimulator

/// Loads the station and scenario the command names and builds the simulated station, or explains why not.
struct SimulatorSetup {
    let command: StationSim

    /// The station of the station file at `path`, not yet started; prints every problem and exits 1 on a bad
    /// file or option.
    func build(config path: String) throws -> SimulatedStation {
        do {
            let configuration = try StationConfiguration.load(path: path)
            let scenario = try command.scenario.map { path throws(ConfigurationError) in
                try Scenario.load(path: path, station: configuration)
            } ?? Scenario()
            let windows = try command.faults.map { spec throws(SimulatorError) in try FaultWindow(spec: spec) }
            let station = try SimulatedStation(configuration: configuration, scenario: scenario, options: options)
            for window in windows { try station.schedule(window) }
            return station
        } catch let error as ConfigurationError {
            Console.error(error.description)
            throw ExitCode(1)
        } catch let error as SimulatorError {
            Console.error("station-sim: \(error)")
            throw ExitCode(1)
        }
    }

    private var options: SimulatedStation.Options {
        var serial: [String: String] = [:]
        for pair in command.serialPaths {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { serial[parts[0]] = parts[1] }
        }
        return SimulatedStation.Options(host: command.hostOverride, port: command.portOverride, serialPaths: serial)
    }
}
