public import Foundation
public import Logging
public import OCPP
public import StationCore
import Synchronization

/// A charger speaking OCPP 2.0.1: its messages drive its EVSEs' sockets.
public final class OCPP201ChargerSession: ChargerSession {
    public let chargerID: String
    public var version: OCPPVersion { .v201 }
    let endpoint: OCPP201Endpoint
    let hub: ChargerHub
    let controller: StationController
    let isUnknown: Bool
    /// What each EVSE last said of its vehicle, and the charger's transaction ids by EVSE.
    private let evses = Mutex<[Int: EVSEState]>([:])

    struct EVSEState {
        var connected = false
        var chargingState: OCPP201.ChargingState?
        var transactionId: String?
        var authorized = false
    }

    public init(
        chargerID: String, isUnknown: Bool, hub: ChargerHub, controller: StationController,
        configuration: OCPP201Endpoint.Configuration, logger: Logger, send: @escaping OCPP201Endpoint.Send
    ) {
        self.chargerID = chargerID
        self.isUnknown = isUnknown
        self.hub = hub
        self.controller = controller
        endpoint = OCPP201Endpoint(configuration: configuration, clock: controller.clock, logger: logger, send: send)
    }

    /// Registers the handlers for what a 2.0.1 charging station sends: those that need only this session's
    /// state answer on the connection's thread (`onImmediate`), the others wait for the controller.
    public func start(heartbeatInterval: Duration) async {
        let unknown = isUnknown
        let clock = controller.clock
        let controller = controller
        let interval = Int(heartbeatInterval.components.seconds)
        await endpoint.on(OCPP201.BootNotificationRequest.self) { _ in
            .init(currentTime: clock.wallTime, interval: interval, status: unknown ? .pending : .accepted)
        }
        endpoint.onImmediate(OCPP201.HeartbeatRequest.self) { _ in .init(currentTime: clock.wallTime) }
        await endpoint.on(OCPP201.StatusNotificationRequest.self) { [self] request in
            guard !unknown else { return .init() }
            let connected = request.connectorStatus == .occupied
            let state = evses.withLock { evses in
                evses[request.evseId, default: EVSEState()].connected = connected
                return evses[request.evseId] ?? EVSEState()
            }
            await report(evse: request.evseId, state, faulted: request.connectorStatus == .faulted)
            return .init()
        }
        await endpoint.on(OCPP201.AuthorizeRequest.self) { request in
            let verdict = unknown ? .invalid : await controller.authorize(idTag: request.idToken.idToken)
            return .init(idTokenInfo: .init(status: Self.status(verdict)))
        }
        await endpoint.on(OCPP201.TransactionEventRequest.self) { [self] request in
            guard !unknown else { return .init(idTokenInfo: .init(status: .invalid)) }
            return try await transactionEvent(request)
        }
        endpoint.onImmediate(OCPP201.MeterValuesRequest.self) { [self] request in
            let (power, energy) = try Self.measurements(request.meterValues)
            if let socket = hub.socket(chargerID: chargerID, connector: request.evseId) {
                controller.chargerMeterValues(socket, power: power, energy: energy)
            }
            return .init()
        }
        endpoint.onImmediate(OCPP201.NotifyEventRequest.self) { _ in .init() }
        endpoint.onImmediate(OCPP201.NotifyReportRequest.self) { _ in .init() }
        endpoint.onImmediate(OCPP201.DataTransferRequest.self) { _ in .init(status: .unknownVendorId) }
    }

    /// A transaction's start (with or without a token yet), its updates and its end.
    private func transactionEvent(_ request: OCPP201.TransactionEventRequest) async throws -> OCPP201.TransactionEventResponse {
        let (power, energy) = try Self.measurements(request.meterValues ?? [])
        let transactionId = request.transactionInfo.transactionId
        let evse = request.evse?.id ?? evses.withLock { $0.first { $0.value.transactionId == transactionId }?.key } ?? 0
        guard let socket = hub.socket(chargerID: chargerID, connector: evse) else {
            return .init(idTokenInfo: request.idToken.map { _ in .init(status: .invalid) })
        }
        var state = evses.withLock { evses in
            var state = evses[evse, default: EVSEState()]
            state.transactionId = transactionId
            state.connected = request.eventType != .ended
            if let chargingState = request.transactionInfo.chargingState { state.chargingState = chargingState }
            evses[evse] = state
            return state
        }
        // The event's meter values belong to the session before an unplugging in the same event ends it.
        if power != nil || energy != nil { await controller.chargerMetered(socket, power: power, energy: energy) }
        await report(evse: evse, state, faulted: false)

        var tokenInfo: OCPP201.IdTokenInfo?
        if let token = request.idToken, !state.authorized, request.eventType != .ended {
            let start = await controller.chargerStartedTransaction(socket, idTag: token.idToken, meterStart: energy, at: request.timestamp)
            tokenInfo = .init(status: Self.status(start.verdict))
            state.authorized = start.verdict == .accepted
            let authorized = state.authorized
            evses.withLock { $0[evse]?.authorized = authorized }
        }
        if request.eventType == .ended {
            await controller.chargerStoppedTransaction(
                socket, transactionNumber: nil, meterStop: energy,
                reason: ChargingSession.EndReason(ocpp: request.transactionInfo.stoppedReason?.rawValue), at: request.timestamp)
            evses.withLock { $0[evse]?.transactionId = nil; $0[evse]?.authorized = false }
        }
        return .init(idTokenInfo: tokenInfo)
    }

    private func report(evse: Int, _ state: EVSEState, faulted: Bool) async {
        guard let socket = hub.socket(chargerID: chargerID, connector: evse) else { return }
        let requests = state.chargingState == .charging || state.chargingState == .suspendedEVSE
        await controller.chargerReported(
            socket, vehicleConnected: state.connected, requestsEnergy: state.connected && requests, faulted: faulted,
            power: requests ? nil : Watts(0), energy: nil)
    }

    public func triage(_ text: String) -> FrameTriage {
        endpoint.triage(text)
    }

    public func receive(_ frame: IncomingFrame) async {
        await endpoint.receive(frame)
    }

    public func parse(_ text: String) -> IncomingFrame {
        endpoint.parse(text)
    }

    public func setLimit(connector: Int, current: Amperes) async throws {
        let profile = OCPP201.ChargingProfile(
            id: 1_000 + connector, stackLevel: 0, chargingProfilePurpose: .txDefaultProfile, chargingProfileKind: .relative,
            chargingSchedules: [.init(id: 1, chargingRateUnit: .amperes, chargingSchedulePeriods: [.init(startPeriod: 0, limit: current.value)])])
        let response = try await endpoint.call(OCPP201.SetChargingProfileRequest(evseId: connector, chargingProfile: profile))
        guard response.status == .accepted else {
            throw ChargerRefusal(description: "charger \(chargerID) answered SetChargingProfile with \(response.status.rawValue)")
        }
    }

    public func setOperative(connector: Int, _ operative: Bool) async throws {
        let response = try await endpoint.call(
            OCPP201.ChangeAvailabilityRequest(evse: .init(id: connector), operationalStatus: operative ? .operative : .inoperative))
        guard response.status != .rejected else {
            throw ChargerRefusal(description: "charger \(chargerID) rejected ChangeAvailability")
        }
    }

    public func reserve(connector: Int, reservationID: Int, idTag: String, expiresAt: Date) async throws {
        let response = try await endpoint.call(OCPP201.ReserveNowRequest(
            id: reservationID, expiryDateTime: expiresAt, idToken: .init(idToken: idTag, type: .local), evseId: connector))
        guard response.status == .accepted else {
            throw ChargerRefusal(description: "charger \(chargerID) answered ReserveNow with \(response.status.rawValue)")
        }
    }

    public func cancelReservation(_ reservationID: Int) async throws {
        let response = try await endpoint.call(OCPP201.CancelReservationRequest(reservationId: reservationID))
        guard response.status == .accepted else {
            throw ChargerRefusal(description: "charger \(chargerID) rejected CancelReservation \(reservationID)")
        }
    }

    public func remoteStart(connector: Int, idTag: String) async throws {
        let remoteStartID = Int(controller.clock.wallTime.timeIntervalSince1970) % 1_000_000_000
        let response = try await endpoint.call(OCPP201.RequestStartTransactionRequest(
            evseId: connector, idToken: .init(idToken: idTag, type: .local), remoteStartId: remoteStartID))
        guard response.status == .accepted else {
            throw ChargerRefusal(description: "charger \(chargerID) rejected RequestStartTransaction")
        }
    }

    public func remoteStop(connector: Int, sessionID: String) async throws {
        guard let transactionId = evses.withLock({ $0[connector]?.transactionId }) else {
            throw ChargerRefusal(description: "charger \(chargerID) has no transaction on EVSE \(connector)")
        }
        let response = try await endpoint.call(OCPP201.RequestStopTransactionRequest(transactionId: transactionId))
        guard response.status == .accepted else {
            throw ChargerRefusal(description: "charger \(chargerID) rejected RequestStopTransaction \(transactionId)")
        }
    }

    public func close() async {
        await endpoint.close()
    }

    static func status(_ verdict: AuthorizationVerdict) -> OCPP201.AuthorizationStatus {
        OCPP201.AuthorizationStatus(rawValue: verdict.rawValue) ?? .invalid
    }

    /// Active power and the energy register from the latest meter values, units and multipliers applied; throws
    /// `PropertyConstraintViolation` for a multiplier or a scaled value that no connector's meter could mean.
    static func measurements(_ values: [OCPP201.MeterValue]) throws(OCPPCallError) -> (Watts?, WattHours?) {
        var power: Watts?
        var energy: WattHours?
        for (index, value) in values.enumerated().sorted(by: { $0.element.timestamp < $1.element.timestamp }) {
            for (sampleIndex, sample) in value.sampledValues.enumerated() where sample.phase == nil {
                let measurand = sample.measurand ?? .energyActiveImportRegister
                guard measurand == .energyActiveImportRegister || measurand == .powerActiveImport else { continue }
                let path = "meterValue[\(index)].sampledValue[\(sampleIndex)]"
                let scale = try ChargerMeasurement.scale(
                    multiplier: sample.unitOfMeasure?.multiplier ?? 0, at: "\(path).unitOfMeasure.multiplier")
                let unit = sample.unitOfMeasure?.unit ?? "Wh"
                let scaled = sample.value * scale * (unit.hasPrefix("k") ? 1000 : 1)
                if measurand == .energyActiveImportRegister {
                    energy = try ChargerMeasurement.energy(scaled, at: "\(path).value")
                } else {
                    power = try ChargerMeasurement.power(scaled, at: "\(path).value")
                }
            }
        }
        return (power, energy)
    }
}
