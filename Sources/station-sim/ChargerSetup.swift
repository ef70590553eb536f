import OCPP
import StationCore
import StationSimulator

/// The simulated chargers the options ask for.
struct ChargerSetup {
    let options: ChargerOptions

    /// One configuration per charger, in `mode`.
    func configurations(count: Int, mode: SimulatedOCPPCharger.Mode) -> [SimulatedOCPPCharger.Configuration] {
        OCPPChargerFleet.ids(count: count, prefix: options.ocppIdPrefix).map { id in
            SimulatedOCPPCharger.Configuration(
                id: id, serverURL: options.ocppUrl, password: options.ocppPassword, version: options.ocppVersion.version, mode: mode,
                loadMix: options.loadMix.mix)
        }
    }

    /// The scripted sessions every charger runs.
    var script: ChargingScript {
        ChargingScript(
            idleTime: .seconds(options.ocppIdleS), sessionTime: .seconds(options.ocppSessionS),
            meterInterval: .seconds(options.ocppMeterInterval), idTag: options.ocppIdTag)
    }
}
