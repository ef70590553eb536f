import ArgumentParser
import CPMS

@main
struct CPMSCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cpms", abstract: "The central CPMS: stations over OCPP 2.0.1, storage, API.",
        version: CPMSRelease.version,
        subcommands: [Serve.self, StationCommand.self, TokenCommand.self, UserCommand.self, APICommand.self, TariffCommand.self, EVSECommand.self, LocationCommand.self, CalendarCommand.self, RecordsCommand.self, EMSPCommand.self, DSOCommand.self, SupplyCommand.self, PricesCommand.self])
}
