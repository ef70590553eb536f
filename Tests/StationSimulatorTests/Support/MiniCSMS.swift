import Foundation
import Hummingbird
import HummingbirdWebSocket
import Logging
import OCPP
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

    let clock: ManualClock
    private let state = Mutex<(endpoint: OCPP201Endpoint?, received: Received)>((nil, Received()))
    private let server = LoopbackWebSocketServer()

    init(clock: ManualClock) {
        self.clock = clock
    }

    var port: Int { server.port }

    var received: Received { state.withLock { $0.received } }

    func start() async throws {
        let logger = Logger.quietTestServer("csms.test")
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
        try await server.start(router, logger: logger)
    }

    func stop() async {
        await server.stop()
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
