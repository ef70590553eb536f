import OCPP
import StationCore
import StationSimulator

/// The simulated chargers the options ask for.
struct ChargerSetup {
    let options: ChargerOptions

    /// One configuration per charger, running the script.
    func configurations(count: Int) -> [SimulatedOCPPCharger.Configuration] {
        OCPPChargerFleet.ids(count: count, prefix: options.ocppIdPrefix).map { id in
            SimulatedOCPPCharger.Configuration(
                id: id, serverURL: options.ocppUrl, password: options.ocppPassword, version: options.ocppVersion.version,
                script: script)
        }
    }

    /// The load generator's configuration for `count` chargers.
    func loadConfiguration(count: Int) -> OCPPLoadGenerator.Configuration {
        OCPPLoadGenerator.Configuration(
            serverURL: options.ocppUrl, chargerIDs: OCPPChargerFleet.ids(count: count, prefix: options.ocppIdPrefix),
            password: options.ocppPassword, version: options.ocppVersion.version, mix: options.loadMix.mix,
            threads: options.loadThreads)
    }

    /// The scripted sessions every charger runs.
    var script: ChargingScript {
        ChargingScript(
            idleTime: .seconds(options.ocppIdleS), sessionTime: .seconds(options.ocppSessionS),
            meterInterval: .seconds(options.ocppMeterInterval), idTag: options.ocppIdTag)
    }
}
