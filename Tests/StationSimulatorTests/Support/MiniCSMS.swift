import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import OCPP
import ServiceLifecycle
import StationTesting
import Synchronization

/// A minimal OCPP 2.0.1 CSMS for tests: accepts any station offering `ocpp2.0.1`, records what the station
/// sends, answers Accepted, and lets the test send a charging profile.
final class MiniCSMS: Sendable {
    struct Received: Sendable {
        var statuses: [OCPP201.StatusNotificationRequest] = []
        var authorizations: [String] = []
        var transactionEvents: [OCPP201.TransactionEventRequest] = []
    }

    let port = LoopbackPort.free()
    let clock: ManualClock
    private let state = Mutex<(endpoint: OCPP201Endpoint?, received: Received)>((nil, Received()))
    private let running = Mutex<(group: ServiceGroup, task: Task<Void, Never>)?>(nil)

    init(clock: ManualClock) {
        self.clock = clock
    }

    var received: Received { state.withLock { $0.received } }

    func start() async throws {
        let logger = {
            var logger = Logger(label: "csms.test")
            logger.logLevel = .warning
            return logger
        }()
        let router = Router(context: BasicWebSocketRequestContext.self)
        router.ws("ocpp/:id") { request, _ in
            let offered = request.headers[values: .secWebSocketProtocol].joined(separator: ",")
            return offered.contains("ocpp2.0.1") ? .upgrade([.secWebSocketProtocol: "ocpp2.0.1"]) : .dontUpgrade
        } onUpgrade: { inbound, outbound, _ in
            let endpoint = OCPP201Endpoint(clock: self.clock, logger: logger) { try await outbound.write(.text($0)) }
            await self.answer(on: endpoint)
            self.state.withLock { $0.endpoint = endpoint }
            for try await message in inbound.messages(maxSize: 65_536) {
                if case .text(let text) = message { await endpoint.receive(text) }
            }
            await endpoint.close()
        }
        let application = Application(
            router: router, server: .http1WebSocketUpgrade(webSocketRouter: router),
            configuration: .init(address: .hostname("127.0.0.1", port: port)), logger: logger)
        let group = ServiceGroup(configuration: .init(services: [application], logger: logger))
        running.withLock { $0 = (group, Task { try? await group.run() }) }
        guard try await eventually({ LoopbackPort.isListening(self.port) }) else {
            throw EventTimeout()
        }
    }

    func stop() async {
        let running = running.withLock { running in
            defer { running = nil }
            return running
        }
        await running?.group.triggerGracefulShutdown()
        await running?.task.value
    }

    /// Sends a TxDefaultProfile of `watts` for EVSE `evse` to the connected station.
    func setChargingProfile(evse: Int, watts: Double) async throws -> OCPP201.ChargingProfileStatus {
        guard let endpoint = state.withLock({ $0.endpoint }) else { throw EventTimeout() }
        let schedule = OCPP201.ChargingSchedule(
            id: 1, chargingRateUnit: .watts, chargingSchedulePeriods: [.init(startPeriod: 0, limit: watts)])
        let profile = OCPP201.ChargingProfile(
            id: 1, stackLevel: 0, chargingProfilePurpose: .txDefaultProfile, chargingProfileKind: .relative,
            chargingSchedules: [schedule])
        return try await endpoint.call(OCPP201.SetChargingProfileRequest(evseId: evse, chargingProfile: profile)).status
    }

    private func answer(on endpoint: OCPP201Endpoint) async {
        let clock = clock
        await endpoint.on(OCPP201.BootNotificationRequest.self) { _ in
            .init(currentTime: clock.wallTime, interval: 60, status: .accepted)
        }
        await endpoint.on(OCPP201.HeartbeatRequest.self) { _ in .init(currentTime: clock.wallTime) }
        await endpoint.on(OCPP201.StatusNotificationRequest.self) { request in
            self.state.withLock { $0.received.statuses.append(request) }
            return .init()
        }
        await endpoint.on(OCPP201.AuthorizeRequest.self) { request in
            self.state.withLock { $0.received.authorizations.append(request.idToken.idToken) }
            return .init(idTokenInfo: .init(status: .accepted))
        }
        await endpoint.on(OCPP201.TransactionEventRequest.self) { request in
            self.state.withLock { $0.received.transactionEvents.append(request) }
            return .init(idTokenInfo: request.idToken.map { _ in .init(status: .accepted) })
        }
        await endpoint.on(OCPP201.MeterValuesRequest.self) { _ in .init() }
    }
}
