import ArgumentParser

@main
struct Stationctl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stationctl",
        abstract: "The technician's and installer's tool on a Stationmaster station.",
        subcommands: [StatusCommand.self, SocketCommand.self, ModbusCommand.self]
    )
}
