import ArgumentParser
import OCPP
import StationSimulator

/// The options that add simulated OCPP chargers, scripted or as load.
struct ChargerOptions: ParsableArguments {
    @Option(help: "Simulate this many OCPP chargers (ids <prefix>0001...), each with one 32 A three-phase connector.")
    var ocppChargers: Int?

    @Option(help: "The OCPP server's base URL; each charger connects to <url>/<id>.")
    var ocppUrl = "ws://127.0.0.1:8887/ocpp"

    @Option(help: "The OCPP version the chargers speak (offered as the only subprotocol): 1.6 or 2.0.1.")
    var ocppVersion: VersionArgument = .v16

    @Option(help: "Prefix of the charger ids.")
    var ocppIdPrefix = "SIM-"

    @Option(help: "The chargers' Basic-auth password (the same for all); none sends no credentials.")
    var ocppPassword: String?

    @Option(help: "Scripted sessions: the token presented at plug-in.")
    var ocppIdTag = "SIM-TAG"

    @Option(help: "Scripted sessions: seconds between MeterValues during a transaction.")
    var ocppMeterInterval = 10

    @Option(help: "Scripted sessions: seconds a vehicle charges before the session is stopped.")
    var ocppSessionS = 120

    @Option(help: "Scripted sessions: seconds a connector stays free before the next vehicle plugs in.")
    var ocppIdleS = 10

    @Flag(help: "Load mode: MeterValues as fast as they are answered, then print the figures and exit.")
    var load = false

    @Option(help: "Load mode: meter-values (MeterValues only) or transactions (a transaction's readings alternating with MeterValues; each charger's id is its token).")
    var loadMix: LoadMixArgument = .meterValues

    @Option(help: "Load mode: seconds to measure once every charger is connected.")
    var duration = 20

    @Option(help: "Load mode: seconds to wait for every charger to connect before measuring anyway.")
    var connectTimeout = 30

    @Option(help: "Load mode: event loop threads the chargers share.")
    var loadThreads = 1

    @Flag(help: "Load mode: print the result as one line of JSON.")
    var json = false

    func validate() throws {
        if let ocppChargers, !(1...10_000).contains(ocppChargers) { throw ValidationError("--ocpp-chargers must be 1...10000") }
        guard ocppUrl.hasPrefix("ws://") || ocppUrl.hasPrefix("wss://") else {
            throw ValidationError("--ocpp-url must start with ws:// or wss://, got \"\(ocppUrl)\"")
        }
        guard (1...44).contains(ocppIdPrefix.count), !ocppIdPrefix.contains("/") else {
            throw ValidationError("--ocpp-id-prefix must be 1 to 44 characters without \"/\"")
        }
        guard (1...20).contains(ocppIdTag.count) else { throw ValidationError("--ocpp-id-tag must be 1 to 20 characters") }
        guard ocppMeterInterval >= 1, ocppSessionS >= 1, ocppIdleS >= 0 else {
            throw ValidationError("--ocpp-meter-interval and --ocpp-session-s must be at least 1, --ocpp-idle-s at least 0")
        }
        guard (1...3600).contains(duration), (1...600).contains(connectTimeout) else {
            throw ValidationError("--duration must be 1...3600 and --connect-timeout 1...600 seconds")
        }
        if load, ocppChargers == nil { throw ValidationError("--load needs --ocpp-chargers") }
        if load, !ocppUrl.hasPrefix("ws://") { throw ValidationError("--load connects to ws:// URLs only") }
        guard (1...16).contains(loadThreads) else { throw ValidationError("--load-threads must be 1...16") }
        if json, !load { throw ValidationError("--json is for --load") }
    }
}

/// A load mix as written on the command line.
enum LoadMixArgument: String, ExpressibleByArgument, CaseIterable {
    case meterValues = "meter-values"
    case transactions

    var mix: LoadMix {
        switch self {
        case .meterValues: .meterValues
        case .transactions: .transactions
        }
    }
}

/// An OCPP version as written on the command line.
enum VersionArgument: String, ExpressibleByArgument, CaseIterable {
    case v16 = "1.6"
    case v201 = "2.0.1"

    var version: OCPPVersion {
        switch self {
        case .v16: .v16
        case .v201: .v201
        }
    }
}
