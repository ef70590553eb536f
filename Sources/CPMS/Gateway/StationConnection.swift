import Foundation
import Logging
import OCPP
import StationCore
import Synchronization

/// One station's live OCPP 2.0.1 connection: what it sends is stored before it is answered, and the API's
/// commands go out through `call`.
final class StationConnection: Sendable {
    let stationID: String
    let endpoint: OCPP201Endpoint
    let settings: GatewaySettings
    let writer: IngestWriter
    let recorder: ChargingRecorder
    let registry: StationRegistry
    let clock: any StationClock
    let logger: Logger
    let observer: any StationActivityObserver
    let sessions: SessionPublisher?
    /// Called after a stored message may have changed the station's published Location (an EVSE's status).
    let stationChanged: @Sendable (String) async -> Void
    let authorizer: any StationTokenAuthorizer
    private let booted = Mutex(false)
    /// Finishes when the connection is closed from cpms's side (replaced, or shutdown).
    let closed: AsyncStream<Void>
    private let closing: AsyncStream<Void>.Continuation

    init(
        stationID: String, settings: GatewaySettings, writer: IngestWriter, recorder: ChargingRecorder, registry: StationRegistry,
        clock: any StationClock, logger: Logger, observer: any StationActivityObserver = IgnoredStationActivity(),
        stationChanged: @escaping @Sendable (String) async -> Void = { _ in }, sessions: SessionPublisher? = nil,
        authorizer: (any StationTokenAuthorizer)? = nil, send: @escaping OCPP201Endpoint.Send
    ) {
        self.observer = observer
        self.stationChanged = stationChanged
        self.sessions = sessions
        self.authorizer = authorizer ?? AcceptedTokensAuthorizer(acceptedTokens: settings.acceptedTokens)
        self.stationID = stationID
        self.settings = settings
        self.writer = writer
        self.recorder = recorder
        self.registry = registry
        self.clock = clock
        var logger = logger
        logger[metadataKey: "station"] = "\(stationID)"
        self.logger = logger
        (closed, closing) = AsyncStream<Void>.makeStream()
        endpoint = OCPP201Endpoint(
            configuration: .init(
                callTimeout: settings.callTimeout, maximumFrameSize: settings.maxFrameBytes, answersOnReceivingTask: true),
            clock: clock,
            logger: logger, send: send)
    }

    func receive(_ text: String) async {
        await endpoint.receive(text)
    }

    /// Fails the calls in progress and ends the WebSocket.
    func close() async {
        await endpoint.close()
        closing.finish()
    }

    /// Whether the station has sent an accepted BootNotification on this connection (OCPP: the CSMS sends
    /// nothing of its own before).
    var hasBooted: Bool { booted.withLock { $0 } }

    /// Sends a CSMS→station call and waits for the answer.
    func call<Request: OCPP201.Request>(_ request: Request) async throws(OCPPError) -> Request.Response {
        try await endpoint.call(request)
    }

    /// Registers the handlers for everything a 2.0.1 station sends.
    func start() async {
        let id = stationID
        let clock = clock
        let registry = registry
        let writer = writer
        let recorder = recorder
        let interval = Int(settings.heartbeatInterval.components.seconds)
        let authorizer = authorizer
        let logger = logger
        let observer = observer
        let sessions = sessions
        let stationChanged = stationChanged
        await endpoint.on(OCPP201.BootNotificationRequest.self) { [weak self] request in
            let now = clock.wallTime
            let station = request.chargingStation
            try await registry.recordBoot(id, StationBoot(
                vendorName: station.vendorName, model: station.model, serialNumber: station.serialNumber,
                firmwareVersion: station.firmwareVersion, reason: request.reason.rawValue, at: StoredTime.text(now)))
            logger.info("station booted: \(station.vendorName) \(station.model), \(request.reason.rawValue)")
            self?.booted.withLock { $0 = true }
            Task { await observer.stationBooted(id) }
            return .init(currentTime: now, interval: interval, status: .accepted)
        }
        await endpoint.on(OCPP201.HeartbeatRequest.self) { _ in
            let now = clock.wallTime
            try await registry.seen(id, at: now)
            return .init(currentTime: now)
        }
        await endpoint.on(OCPP201.StatusNotificationRequest.self) { request in
            if try await writer.store(.evseStatus(request, station: id)) == .stored { await stationChanged(id) }
            return .init()
        }
        await endpoint.on(OCPP201.TransactionEventRequest.self) { request in
            let stored = try await writer.store(.transactionEvent(request, station: id, receivedAt: StoredTime.text(clock.wallTime)))
            // An open transaction makes an occupied EVSE CHARGING rather than BLOCKED.
            if stored == .stored, request.eventType != .updated { await stationChanged(id) }
            await sessions?.transactionEventStored(station: id, transactionId: request.transactionInfo.transactionId, at: clock.wallTime)
            if request.eventType == .ended {
                // Also for a replayed Ended event: its record may have been lost. A failure here does not refuse the
                // stored event (the station would resend it forever); cpms's next start writes what is missing.
                let transaction = request.transactionInfo.transactionId
                do {
                    try await recorder.transactionEnded(station: id, transactionId: transaction, at: clock.wallTime)
                } catch {
                    logger.error("charging record of transaction \(transaction) not written: \(String(reflecting: error))")
                }
            }
            await observer.transactionEventStored(request, station: id)
            guard let token = request.idToken else { return .init() }
            return .init(idTokenInfo: .init(status: await authorizer.status(of: token, station: id, evse: request.evse?.id)))
        }
        await endpoint.on(OCPP201.MeterValuesRequest.self) { request in
            _ = try await writer.store(.meterValues(request, station: id, receivedAt: StoredTime.text(clock.wallTime)))
            return .init()
        }
        await endpoint.on(OCPP201.NotifyEventRequest.self) { request in
            _ = try await writer.store(.stationEvents(request, station: id, receivedAt: StoredTime.text(clock.wallTime)))
            return .init()
        }
        await endpoint.on(OCPP201.DataTransferRequest.self) { request in
            try await Self.dataTransfer(request, station: id, writer: writer, receivedAt: StoredTime.text(clock.wallTime), logger: logger)
        }
        await endpoint.on(OCPP201.AuthorizeRequest.self) { request in
            .init(idTokenInfo: .init(status: await authorizer.status(of: request.idToken, station: id, evse: nil)))
        }
        await endpoint.on(OCPP201.ReservationStatusUpdateRequest.self) { request in
            logger.info("reservation \(request.reservationId): \(request.reservationUpdateStatus.rawValue)")
            return .init()
        }
        await endpoint.on(OCPP201.NotifyReportRequest.self) { request in
            logger.info("report \(request.requestId) part \(request.seqNo): \(request.reportData?.count ?? 0) variables")
            return .init()
        }
    }

    static func verdict(for token: String, tokens: Set<String>?) -> OCPP201.AuthorizationStatus {
        guard let tokens else { return .accepted }
        return tokens.contains(token) ? .accepted : .invalid
    }

    /// `org.stationmaster` payloads are stored; other vendors and messages are answered as OCPP says.
    static func dataTransfer(
        _ request: OCPP201.DataTransferRequest, station: String, writer: IngestWriter, receivedAt: String, logger: Logger
    ) async throws -> OCPP201.DataTransferResponse {
        guard request.vendorId == UplinkPayloads.vendorId else { return .init(status: .unknownVendorId) }
        let record: IngestRecord
        do {
            switch request.messageId {
            case "BatteryTelemetry":
                record = .batteryTelemetry(try UplinkPayloads.batteryTelemetry(request.data, station: station, receivedAt: receivedAt))
            case "AvailabilityAudit":
                record = .availabilityAudit(try UplinkPayloads.availabilityAudit(request.data, station: station, receivedAt: receivedAt))
            default:
                return .init(status: .unknownMessageId)
            }
        } catch {
            logger.warning("rejected DataTransfer \(request.messageId ?? "-"): \(error)")
            return .init(status: .rejected, statusInfo: .init(reasonCode: "InvalidData", additionalInfo: String(error.description.prefix(512))))
        }
        _ = try await writer.store(record)
        return .init(status: .accepted)
    }
}
