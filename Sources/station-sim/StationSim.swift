import ArgumentParser

@main
struct StationSim: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station-sim", abstract: "Simulated station hardware over Modbus (in progress).")
}
