import Foundation
import HTTPTypes
import HummingbirdWSClient
import Logging
import OCPP
import StationTesting
import Synchronization

/// A small OCPP 2.0.1 charging station for the gateway tests: connects with Basic auth, answers
/// ChangeAvailability, and runs the test's exchange on its endpoint.
final class TestStation: Sendable {
    let id: String
    let password: String
    let port: Int
    let clock: ManualClock
    /// What the CSMS asked of the station's availability: (EVSE id, operative).
    let availability = Mutex<[(Int?, Bool)]>([])
    /// Every text frame the station received.
    let received = Mutex<[String]>([])
    private let failure = Mutex<(any Error)?>(nil)

    init(id: String, password: String, port: Int, clock: ManualClock) {
        self.id = id
        self.password = password
        self.port = port
        self.clock = clock
    }

    /// Connects, runs `exchange` on the endpoint and disconnects; throws when the upgrade is refused.
    func run(_ exchange: @escaping @Sendable (OCPP201Endpoint) async throws -> Void) async throws {
        try await run { endpoint, _ in try await exchange(endpoint) }
    }

    /// `run`, with a function that sends a raw text frame beside the endpoint.
    func run(_ exchange: @escaping @Sendable (OCPP201Endpoint, _ sendRaw: @escaping @Sendable (String) async throws -> Void) async throws -> Void) async throws {
        var headers = HTTPFields()
        headers[.secWebSocketProtocol] = "ocpp2.0.1"
        headers[.authorization] = BasicCredentials(user: id, password: password).authorization
        failure.withLock { $0 = nil }
        let clock = clock
        try await WebSocketClient.connect(
            url: "ws://127.0.0.1:\(port)/ocpp/\(id)", configuration: .init(additionalHeaders: headers), logger: .quiet
        ) { inbound, outbound, _ in
            let endpoint = OCPP201Endpoint(clock: clock, logger: .quiet) { try await outbound.write(.text($0)) }
            await endpoint.on(OCPP201.ChangeAvailabilityRequest.self) { [self] request in
                self.availability.withLock { $0.append((request.evse?.id, request.operationalStatus == .operative)) }
                return .init(status: .accepted)
            }
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            if case .text(let text) = message {
                                self.received.withLock { $0.append(text) }
                                await endpoint.receive(text)
                            }
                        }
                    } catch {}
                }
                group.addTask {
                    do {
                        try await exchange(endpoint) { try await outbound.write(.text($0)) }
                    } catch {
                        self.failure.withLock { $0 = error }
                    }
                }
                await group.next()
                await endpoint.close()
                group.cancelAll()
            }
        }
        if let error = failure.withLock({ $0 }) { throw error }
    }
}
