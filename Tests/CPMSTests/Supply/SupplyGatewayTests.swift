@testable import CPMS
import Foundation
import Hummingbird
import HummingbirdTesting
import OCPP
import StationTesting
import Synchronization
import Testing

/// cpms on loopback with its supply service: a station that boots is sent its PriceSchedule and grid cap
/// profile as OCPP 2.0.1 calls that pass the schema.
@Suite(.timeLimit(.minutes(2)))
struct SupplyGatewayTests {
    @Test func aStationThatBootsGetsItsPriceScheduleAndGridCap() async throws {
        let database = try await TestBackend.sqlite.open()
        let credentials = try await StationEnrolment(registry: StationRegistry(database: database)).add(ids: ["SUP-1"], at: Date())
        let clock = ManualClock()
        #expect(try await DSOStore(database: database).add(DSO(
            id: "grid", name: "Grid", contract: SupplyContract(groups: ["SUP-1"], capacityW: 50_000, currency: "EUR", fallbackPricePerKWh: Decimal(string: "0.3")!),
            feeds: []), at: clock.wallTime))
        let app = try await buildCPMSApplication(
            configuration: CPMSConfiguration(host: "127.0.0.1", port: 0, gateway: GatewaySettings(heartbeatInterval: .seconds(90))),
            database: database, clock: clock, logger: .quiet)
        try await app.test(.live) { client in
            let station = TestStation(id: "SUP-1", password: credentials[0].password, port: try #require(client.port), clock: clock)
            let (arrived, arriving) = AsyncStream<String>.makeStream()
            let schedule = Mutex<JSONValue?>(nil)
            let profile = Mutex<OCPP201.SetChargingProfileRequest?>(nil)
            try await station.run { endpoint in
                await endpoint.on(OCPP201.DataTransferRequest.self) { request in
                    #expect(request.vendorId == "org.stationmaster")
                    #expect(request.messageId == "PriceSchedule")
                    schedule.withLock { $0 = request.data }
                    arriving.yield("schedule")
                    return .init(status: .accepted)
                }
                await endpoint.on(OCPP201.SetChargingProfileRequest.self) { request in
                    profile.withLock { $0 = request }
                    arriving.yield("cap")
                    return .init(status: .accepted)
                }
                _ = try await endpoint.call(OCPP201.BootNotificationRequest(
                    chargingStation: .init(model: "Edge", vendorName: "Stationmaster"), reason: .powerUp))
                var got: Set<String> = []
                for await item in arrived {
                    got.insert(item)
                    if got.count == 2 { break }
                }
            }
            guard case .object(let data)? = schedule.withLock({ $0 }), case .array(let slots)? = data["slots"] else {
                Issue.record("no PriceSchedule data")
                return
            }
            #expect(data["currency"] == .string("EUR"))
            #expect(data["version"] == .number(1))
            #expect(slots.count == 96)
            guard case .object(let first)? = slots.first else { return }
            // No feed: the contract's fallback price, from the current window.
            #expect(first["price_per_kwh"] == .number(0.3))
            #expect(first["start"] == .string(OCPPDateTime.format(clock.wallTime)))
            let request = try #require(profile.withLock { $0 })
            #expect(request.evseId == 0)
            #expect(request.chargingProfile.id == StationSupplyMessages.capProfileID)
            #expect(request.chargingProfile.chargingProfilePurpose == .chargingStationMaxProfile)
            #expect(request.chargingProfile.chargingSchedules.first?.chargingSchedulePeriods.map(\.limit) == [22_000])
        }
    }
}
