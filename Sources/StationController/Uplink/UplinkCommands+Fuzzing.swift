public import Logging
public import OCPP

/// The uplink's handlers for the CSMS's calls, registered on an endpoint as an uplink connection registers them,
/// without a connection: for fuzzing what a CSMS can send (`StationFuzzing`).
@_spi(Fuzzing)
public enum UplinkCallHandlers {
    /// Registers the handlers; a Reset is refused (no supervisor) and TriggerMessage's heartbeat goes nowhere.
    public static func register(
        on endpoint: OCPP201Endpoint, controller: StationController, journal: UplinkJournal, logger: Logger
    ) async {
        let commands = UplinkCommands(
            controller: controller, journal: journal, logger: logger, heartbeat: HeartbeatTrigger(), restart: StationRestart())
        await commands.register(on: endpoint)
    }
}
