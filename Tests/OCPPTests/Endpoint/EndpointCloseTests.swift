import Foundation
import OCPP
import StationTesting
import Testing

/// Closing an endpoint frees what its handlers hold.
@Suite(.timeLimit(.minutes(1)))
struct EndpointCloseTests {
    /// Owns an endpoint whose handlers capture the owner, as a charger session's do.
    final class Owner: Sendable {
        let endpoint = OCPP201Endpoint(clock: ManualClock(), send: { _ in })

        func start() async {
            await endpoint.on(OCPP201.HeartbeatRequest.self) { [self] _ in .init(currentTime: referenceTime) }
            endpoint.onImmediate(OCPP201.DataTransferRequest.self) { [self] _ in
                _ = self
                return .init(status: .unknownVendorId)
            }
        }

        var referenceTime: Date { OCPPSamples.referenceTime }
    }

    @Test func aClosedEndpointLetsGoOfItsHandlersAndSoOfTheSessionThatOwnsIt() async {
        weak var released: Owner?
        do {
            let owner = Owner()
            released = owner
            await owner.start()
            await owner.endpoint.close()
        }
        #expect(released == nil)
    }
}
