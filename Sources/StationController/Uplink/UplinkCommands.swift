import EnergyManagement
import Foundation
import Logging
import OCPP
import StationCore
import Synchronization

/// The CSMS's requests to the station, answered from the station controller.
struct UplinkCommands: Sendable {
    let controller: StationController
    let journal: UplinkJournal
    let logger: Logger
    let heartbeat: HeartbeatTrigger
    let restart: StationRestart

    func register(on endpoint: OCPP201Endpoint) async {
        await endpoint.on(OCPP201.RequestStartTransactionRequest.self) { await self.start($0) }
        await endpoint.on(OCPP201.RequestStopTransactionRequest.self) { await self.stop($0) }
        await endpoint.on(OCPP201.ChangeAvailabilityRequest.self) { await self.changeAvailability($0) }
        await endpoint.on(OCPP201.ReserveNowRequest.self) { await self.reserve($0) }
        await endpoint.on(OCPP201.CancelReservationRequest.self) { await self.cancelReservation($0) }
        await endpoint.on(OCPP201.SetChargingProfileRequest.self) { await self.setChargingProfile($0) }
        await endpoint.on(OCPP201.ClearChargingProfileRequest.self) { await self.clearChargingProfile($0) }
        await endpoint.on(OCPP201.DataTransferRequest.self) { await self.dataTransfer($0) }
        await endpoint.on(OCPP201.GetVariablesRequest.self) { await self.getVariables($0) }
        await endpoint.on(OCPP201.SetVariablesRequest.self) { await self.setVariables($0) }
        await endpoint.on(OCPP201.ResetRequest.self) { await self.reset($0) }
        await endpoint.on(OCPP201.TriggerMessageRequest.self) { await self.trigger($0) }
    }

    static func info(_ refusal: StationRefusal) -> OCPP201.StatusInfo {
        OCPP201.StatusInfo(reasonCode: refusal.reason.rawValue, additionalInfo: String(refusal.description.prefix(512)))
    }

    // MARK: Transactions

    /// How much longer than the station's connection timeout a remote start waits for its session: a charger
    /// behind the station counts its own timeout from when it heard of the start.
    static let remoteStartMargin: TimeInterval = 60

    func start(_ request: OCPP201.RequestStartTransactionRequest) async -> OCPP201.RequestStartTransactionResponse {
        guard let evse = request.evseId, evse > 0 else {
            return .init(status: .rejected, statusInfo: .init(reasonCode: "NoEVSE", additionalInfo: "name the EVSE to start on"))
        }
        let socket = SocketID(evse)
        // Remembered first: a vehicle already plugged in starts the session inside remoteStart.
        let timeout = await controller.station.connectionTimeout
        let waitUntil = controller.clock.wallTime.addingTimeInterval(timeout + Self.remoteStartMargin)
        journal.rememberRemoteStart(
            PendingRemoteStart(remoteStartId: request.remoteStartId, idTag: request.idToken.idToken, until: waitUntil), on: socket)
        do {
            try await controller.remoteStart(socket, idTag: request.idToken.idToken, authorizedCentrally: true)
            await controller.flushJournal()
            let transaction = await controller.station.sockets[socket]?.session?.id
            return .init(status: .accepted, transactionId: transaction)
        } catch {
            journal.forgetRemoteStart(on: socket, id: request.remoteStartId)
            return .init(status: .rejected, statusInfo: Self.info(error))
        }
    }

    func stop(_ request: OCPP201.RequestStopTransactionRequest) async -> OCPP201.RequestStopTransactionResponse {
        guard let socket = await controller.socket(withSession: request.transactionId) else {
            return .init(status: .rejected, statusInfo: .init(reasonCode: "UnknownTransaction"))
        }
        do {
            try await controller.remoteStop(socket)
            await controller.flushJournal()
            return .init(status: .accepted)
        } catch {
            return .init(status: .rejected, statusInfo: Self.info(error))
        }
    }

    // MARK: Availability and reservations

    func changeAvailability(_ request: OCPP201.ChangeAvailabilityRequest) async -> OCPP201.ChangeAvailabilityResponse {
        let enabled = request.operationalStatus == .operative
        let sockets: [SocketID]
        if let evse = request.evse, evse.id > 0 {
            sockets = [SocketID(evse.id)]
        } else {
            sockets = await controller.station.socketIDs
        }
        var waitsForSession = false
        for socket in sockets {
            do {
                _ = try await controller.setAvailability(
                    socket, enabled: enabled, source: .central, actor: "csms",
                    reason: "ChangeAvailability \(request.operationalStatus.rawValue)")
            } catch {
                return .init(status: .rejected, statusInfo: Self.info(error))
            }
            if !enabled, await controller.station.sockets[socket]?.session != nil { waitsForSession = true }
        }
        await controller.flushJournal()
        return .init(status: waitsForSession ? .scheduled : .accepted)
    }

    func reserve(_ request: OCPP201.ReserveNowRequest) async -> OCPP201.ReserveNowResponse {
        guard let evse = request.evseId, evse > 0 else {
            return .init(status: .rejected, statusInfo: .init(reasonCode: "NoEVSE", additionalInfo: "name the EVSE to reserve"))
        }
        do {
            // OCPP: a ReserveNow with the id of an existing reservation replaces it.
            var previous: Int?
            if let socket = journal.reservedSocket(csmsId: request.id) { previous = await controller.station.reservation(on: socket)?.id }
            let reservation = try await controller.reserve(
                SocketID(evse), idTag: request.idToken.idToken, expiresAt: request.expiryDateTime, replacing: previous)
            journal.rememberReservation(csmsId: request.id, socket: reservation.socket)
            return .init(status: .accepted)
        } catch {
            let status: OCPP201.ReserveNowStatus =
                switch error.reason {
                case .faulted: .faulted
                case .unavailable: .unavailable
                case .occupied, .reserved: .occupied
                default: .rejected
                }
            return .init(status: status, statusInfo: Self.info(error))
        }
    }

    func cancelReservation(_ request: OCPP201.CancelReservationRequest) async -> OCPP201.CancelReservationResponse {
        guard let socket = journal.reservedSocket(csmsId: request.reservationId) else {
            return .init(status: .rejected, statusInfo: .init(reasonCode: "UnknownReservation"))
        }
        do {
            journal.forgetReservation(csmsId: request.reservationId)
            try await controller.cancelReservation(on: socket)
            return .init(status: .accepted)
        } catch {
            return .init(status: .rejected, statusInfo: Self.info(error))
        }
    }
}

/// How the uplink asks for a restart (OCPP Reset): stationd stops gracefully and its supervisor starts it again.
public final class StationRestart: Sendable {
    private let action = Mutex<(@Sendable () -> Void)?>(nil)

    public init() {}

    /// What a reset does; stationd sets it to a graceful shutdown of its services.
    public func set(_ perform: @escaping @Sendable () -> Void) {
        action.withLock { $0 = perform }
    }

    /// Whether a reset can be carried out.
    var isAvailable: Bool { action.withLock { $0 != nil } }

    func perform() {
        let perform = action.withLock { $0 }
        perform?()
    }
}
