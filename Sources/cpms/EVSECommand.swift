import ArgumentParser
import CPMS
import Foundation

/// `cpms evse set|list`: what the calendar knows of each EVSE, through the running cpms's API.
struct EVSECommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evse", abstract: "Describe EVSEs (connector standard, power type, maximum power): an EVSE is bookable once described.",
        subcommands: [Set.self, List.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Describe one connector of an EVSE (PUT /api/stations/STATION/evses/EVSE/connectors/CONNECTOR).",
            discussion: "Example: cpms evse set CS-0042 1 --standard IEC_62196_T2 --power-type AC_3_PHASE --max-power 22000")

        @Argument(help: "The station id.")
        var station: String

        @Argument(help: "The EVSE number at the station (1 or more).")
        var evse: Int

        @Option(help: "The connector number on the EVSE.")
        var connector = 1

        @Option(help: "OCPI 2.2.1 ConnectorType, e.g. IEC_62196_T2, IEC_62196_T2_COMBO, CHADEMO.")
        var standard: String

        @Option(help: "OCPI PowerType: AC_1_PHASE, AC_2_PHASE, AC_2_PHASE_SPLIT, AC_3_PHASE or DC.")
        var powerType: String

        @Option(help: "Maximum power in W (OCPI max_electric_power).")
        var maxPower: Int

        @Option(help: "OCPI ConnectorFormat: SOCKET or CABLE.")
        var format = "SOCKET"

        @Option(help: "Maximum voltage in V.")
        var maxVoltage: Int?

        @Option(help: "Maximum current in A.")
        var maxAmperage: Int?

        @OptionGroup var api: APIOptions

        func run() async throws {
            var body: [String: Any] = ["standard": standard, "power_type": powerType, "max_electric_power": maxPower, "format": format]
            body["max_voltage"] = maxVoltage
            body["max_amperage"] = maxAmperage
            try await api.call(
                "PUT", "/api/stations/\(APIOptions.encode(station))/evses/\(evse)/connectors/\(connector)", body: body)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the described EVSEs with their connectors, of one station or all.")

        @Argument(help: "The station id; absent: every station.")
        var station: String?

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", station.map { "/api/stations/\(APIOptions.encode($0))/evses" } ?? "/api/evses")
        }
    }
}
