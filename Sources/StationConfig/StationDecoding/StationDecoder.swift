/// Decodes a station file, checks its cross references, and reports every problem to one collector.
final class StationDecoder {
    static let keys = [
        "station_id", "uplink", "control", "grid", "safety", "buses", "sockets", "battery", "energy", "gpio", "local_api", "ocpp_server",
        "authorization",
    ]

    let collector: ProblemCollector
    /// The station file's directory, for resolving relative paths such as `password_file`.
    let stationDirectory: String
    let resolver: ProfileResolver

    /// Buses that decoded, by name.
    var buses: [String: BusConfiguration] = [:]
    /// Every bus name given, including those of buses with problems (so references to them stay quiet).
    var busNames: Set<String> = []
    /// `bus#unit` -> key path of the device that uses it.
    var unitIdUsers: [String: String] = [:]
    /// `chip#line` -> key path of the role that uses it.
    var gpioLineUsers: [String: String] = [:]

    init(collector: ProblemCollector, stationDirectory: String, resolver: ProfileResolver) {
        self.collector = collector
        self.stationDirectory = stationDirectory
        self.resolver = resolver
    }

    func decode(_ root: ConfigNode) -> StationConfiguration? {
        guard let map = root.mapping(allowedKeys: Self.keys) else { return nil }
        let stationId = map.required("station_id").flatMap { decodeStationId($0) }
        let uplink = map.optional("uplink").flatMap { decodeUplink($0, stationId: stationId) }
        let controlNode = map.optional("control")
        let control = controlNode.map(decodeControl) ?? ControlConfiguration()
        let buses = map.required("buses").flatMap(decodeBuses)
        let grid = map.required("grid").flatMap(decodeGrid)
        let sockets = map.required("sockets").flatMap(decodeSockets)
        let battery = map.optional("battery").flatMap(decodeBattery)
        let safety = map.required("safety").flatMap {
            decodeSafety($0, control: control ?? ControlConfiguration(), sockets: sockets ?? [], grid: grid)
        }
        let gpioNode = map.optional("gpio")
        let gpio = gpioNode.map(decodeStationGPIO) ?? StationGPIOConfiguration()
        let energy = map.optional("energy").map(decodeEnergy) ?? EnergyConfiguration()
        let localAPI = map.optional("local_api").map(decodeLocalAPI) ?? LocalAPIConfiguration()
        let ocppNode = map.optional("ocpp_server")
        let ocppServer = ocppNode.flatMap { decodeOCPPServer($0, modbusSockets: sockets ?? []) }
        let localAuthorization = map.optional("authorization").map(decodeLocalAuthorization) ?? []
        guard !collector.hasProblems, resolver.problems.isEmpty,
              let stationId, let control, let buses, let grid, let sockets, let safety, let gpio, let energy, let localAPI,
              ocppNode == nil || ocppServer != nil, let localAuthorization
        else { return nil }
        var configuration = StationConfiguration(
            stationId: stationId, uplink: uplink, control: control, grid: grid, safety: safety,
            buses: buses, sockets: sockets, battery: battery, gpio: gpio, profiles: resolver.loadedProfiles)
        configuration.energy = energy
        configuration.localAPI = localAPI
        configuration.ocppServer = ocppServer
        configuration.localAuthorization = localAuthorization
        return configuration
    }

    func decodeControl(_ node: ConfigNode) -> ControlConfiguration? {
        guard let map = node.mapping(allowedKeys: ["period_ms"]) else { return nil }
        guard let periodNode = map.optional("period_ms") else { return ControlConfiguration() }
        return periodNode.milliseconds(in: 100...10000).map(ControlConfiguration.init(period:))
    }
}
