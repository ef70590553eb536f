import Foundation
import StationConfig
import StationController
import StationCore
import StationTesting
import Synchronization
import Testing

/// A CSMS's RequestStartTransaction for a charger's socket: the charger starts the transaction itself and asks the
/// station about the token, which the CSMS (an eMSP behind it) authorized but the station's local list does not hold.
@Suite(.timeLimit(.minutes(1)))
struct CentralAuthorizationTests {
    /// A charger connector that takes every call at once and remembers the remote starts.
    final class ObedientChargerLink: ChargerConnectorLink {
        let socket: SocketID
        private let starts = Mutex<[String]>([])

        init(socket: SocketID) {
            self.socket = socket
        }

        var remoteStarts: [String] { starts.withLock { $0 } }
        var isConnected: Bool { true }
        func offer(_ current: Amperes) async throws {}
        func setOperative(_ operative: Bool) async throws {}
        func reserve(_ reservation: Reservation) async throws {}
        func cancelReservation(_ reservationID: Int) async throws {}
        func remoteStart(idTag: String) async throws { starts.withLock { $0.append(idTag) } }
        func remoteStop(sessionID: String) async throws {}
    }

    static func harness() throws -> ControllerHarness {
        try ControllerHarness { config in
            config.ocppServer = OCPPServerConfiguration(
                host: "127.0.0.1", port: 0, chargers: [
                    ChargerConfiguration(
                        id: "CP-REMOTE", credential: .password("remote-password-01"),
                        connectors: [ChargerConnectorConfiguration(connector: 1, socket: 3, maxCurrentA: 32, phases: 3)])
                ])
        }
    }

    @Test func aCentrallyAuthorizedRemoteStartIsAcceptedWhenTheChargerStartsIt() async throws {
        let harness = try Self.harness()
        let link = ObedientChargerLink(socket: SocketID(3))
        await harness.controller.attach(link)
        let controller = harness.controller
        #expect(await controller.authorize(idTag: "EMSP-TOKEN-9") == .invalid)

        try await controller.remoteStart(SocketID(3), idTag: "EMSP-TOKEN-9", authorizedCentrally: true)
        #expect(link.remoteStarts == ["EMSP-TOKEN-9"])
        // The charger may ask first (OCPP 1.6 AuthorizeRemoteTxRequests), then starts the transaction.
        #expect(await controller.authorize(idTag: "EMSP-TOKEN-9") == .accepted)
        #expect(await controller.authorize(idTag: "SOMEONE-ELSE") == .invalid)
        let started = await controller.chargerStartedTransaction(SocketID(3), idTag: "EMSP-TOKEN-9", meterStart: WattHours(0), at: harness.clock.wallTime)
        #expect(started.verdict == .accepted)
        #expect(await controller.station.sockets[SocketID(3)]?.session?.idTag == "EMSP-TOKEN-9")
        // Used once: the token is the station's again only through its local list.
        #expect(await controller.authorize(idTag: "EMSP-TOKEN-9") == .invalid)
    }

    @Test func aRemoteStartTheChargerNeverBeganStopsAuthorizingItsToken() async throws {
        let harness = try Self.harness()
        await harness.controller.attach(ObedientChargerLink(socket: SocketID(3)))
        let controller = harness.controller
        try await controller.remoteStart(SocketID(3), idTag: "EMSP-TOKEN-7", authorizedCentrally: true)
        let timeout = await controller.station.connectionTimeout
        harness.clock.advance(by: .seconds(timeout + 61))
        #expect(await controller.authorize(idTag: "EMSP-TOKEN-7") == .invalid)
        let late = await controller.chargerStartedTransaction(SocketID(3), idTag: "EMSP-TOKEN-7", meterStart: nil, at: harness.clock.wallTime)
        #expect(late.verdict == .invalid)
        #expect(await controller.station.sockets[SocketID(3)]?.session == nil)
    }

    @Test func aRemoteStartTheCSMSDidNotAuthorizeStillNeedsTheLocalList() async throws {
        let harness = try Self.harness()
        let link = ObedientChargerLink(socket: SocketID(3))
        await harness.controller.attach(link)
        await #expect(throws: StationRefusal.self) {
            try await harness.controller.remoteStart(SocketID(3), idTag: "EMSP-TOKEN-8")
        }
        #expect(link.remoteStarts.isEmpty)
        let started = await harness.controller.chargerStartedTransaction(SocketID(3), idTag: "EMSP-TOKEN-8", meterStart: nil, at: harness.clock.wallTime)
        #expect(started.verdict == .invalid)
    }
}
