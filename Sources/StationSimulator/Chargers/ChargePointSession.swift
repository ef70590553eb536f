import Foundation
import OCPP
import StationCore

/// The charge-point side of one OCPP connection: what a simulated charger says and hears, in either version.
protocol ChargePointSession: Sendable {
    var version: OCPPVersion { get }
    /// Registers the answers to the central system's requests, which act through `controls`.
    func start(controls: any ChargePointControls) async
    /// Hands an incoming text frame to the protocol endpoint.
    func receive(_ text: String) async
    /// Fails the calls in progress and stops answering.
    func close() async
    func boot() async throws -> BootOutcome
    func heartbeat() async throws
    /// Reports a connector's status; `transaction` is the one running on it, if any.
    func report(connector: Int, status: ChargerConnectorStatus, transaction: ChargerTransaction?, at time: Date) async throws
    /// Whether the central system accepts the token.
    func authorize(idTag: String) async throws -> Bool
    func startTransaction(connector: Int, idTag: String, meterStart: WattHours, at time: Date) async throws -> TransactionStart
    /// Sends the energy register and the power, within `transaction` when there is one.
    func meter(connector: Int, transaction: ChargerTransaction?, energy: WattHours, power: Watts, at time: Date) async throws
    func stopTransaction(
        _ transaction: ChargerTransaction, connector: Int, meterStop: WattHours, cause: TransactionStopCause, at time: Date
    ) async throws
}

/// What the central system may ask of a simulated charger; connector 0 means the whole charger.
protocol ChargePointControls: Sendable {
    /// Limits a connector (or the whole charger) to `rate`; nil clears the limit.
    func setLimit(connector: Int, rate: ChargingRate?) async
    /// Puts a connector (or the whole charger) in or out of service.
    func setOperative(connector: Int, _ operative: Bool) async
}

/// Who the charger says it is in its BootNotification.
public struct ChargePointIdentity: Sendable, Hashable {
    public var vendor: String
    public var model: String
    public var serialNumber: String?
    public var firmwareVersion: String?

    public init(vendor: String = "Stationmaster", model: String = "station-sim", serialNumber: String? = nil, firmwareVersion: String? = nil) {
        self.vendor = vendor
        self.model = model
        self.serialNumber = serialNumber
        self.firmwareVersion = firmwareVersion
    }
}
