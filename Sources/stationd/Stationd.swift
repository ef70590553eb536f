import ArgumentParser
import GPIO
import Logging
import StationConfig
import StationController

@main
struct Stationd: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "stationd",
        abstract: "The Stationmaster station controller: drives sockets, battery and grid meter, every control period.")

    @Option(help: "The station file, e.g. /etc/stationmaster/station.yaml.")
    var config: String

    @Option(name: .customLong("api-port"), help: "Port of the local API on 127.0.0.1 (default: the station file's local_api.port).")
    var apiPort: Int?

    @Option(name: .customLong("log-level"), help: "trace, debug, info, notice, warning, error or critical.")
    var logLevel: String = "info"

    @Flag(name: .customLong("check"), help: "Validate the station file and its profiles, then exit.")
    var check = false

    func run() async throws {
        let level = Logger.Level(rawValue: logLevel) ?? .info
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = level
            return handler
        }
        let logger = Logger(label: "stationd")
        let station: StationConfiguration
        do {
            station = try StationConfiguration.load(path: config)
        } catch {
            throw ValidationError("\(error)")
        }
        if check {
            print("\(config): station \(station.stationId), \(station.sockets.count) sockets, \(station.buses.count) buses: OK")
            return
        }
        let gpio: (any GPIOProvider)?
        #if os(Linux)
        gpio = LibgpiodProvider(consumer: "stationd")
        #else
        gpio = nil
        #endif
        let daemon = try StationDaemon(configuration: station, gpio: gpio, apiPort: apiPort, logger: logger)
        try await daemon.run()
    }
}
