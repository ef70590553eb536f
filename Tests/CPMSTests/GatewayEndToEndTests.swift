@testable import CPMS
import Foundation
import Hummingbird
import HummingbirdTesting
import NIOCore
import OCPP
import StationTesting
import Testing

/// cpms on loopback: a station connects, sends what a station's outbox sends, replays it, and answers a
/// command that came through the API.
@Suite(.timeLimit(.minutes(2)))
struct GatewayEndToEndTests {
    struct Fixture {
        let database: any CPMSDatabase
        let clock = ManualClock()
        let stationID = "CS-1"
        let password: String
        let token: String
    }

    func fixture() async throws -> Fixture {
        let database = try await TestBackend.sqlite.open()
        let credentials = try await StationEnrolment(registry: StationRegistry(database: database)).add(ids: ["CS-1"], at: Date())
        let token = try await APITokenStore(database: database).add(name: "test", at: Date())
        return Fixture(database: database, password: credentials[0].password, token: token)
    }

    func application(_ fixture: Fixture) async throws -> some ApplicationProtocol {
        try await buildCPMSApplication(
            configuration: CPMSConfiguration(host: "127.0.0.1", port: 0, gateway: GatewaySettings(heartbeatInterval: .seconds(90))),
            database: fixture.database, clock: fixture.clock, logger: .quiet)
    }

    func json(_ response: TestResponse) throws -> Any {
        try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView), options: [.fragmentsAllowed])
    }

    @Test func aStationsOutboxReplayIsStoredOnceAndCommandsReachTheStation() async throws {
        let fixture = try await fixture()
        let app = try await application(fixture)
        let bearer: HTTPFields = [.authorization: "Bearer \(fixture.token)"]
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let wrong = TestStation(id: fixture.stationID, password: "not-the-password-1", port: port, clock: fixture.clock)
            await #expect(throws: (any Error).self) { try await wrong.run { _ in } }
            let unknown = TestStation(id: "CS-404", password: fixture.password, port: port, clock: fixture.clock)
            await #expect(throws: (any Error).self) { try await unknown.run { _ in } }

            let station = TestStation(id: fixture.stationID, password: fixture.password, port: port, clock: fixture.clock)
            try await station.run { endpoint in
                let boot = try await endpoint.call(OCPP201.BootNotificationRequest(
                    chargingStation: .init(model: "Edge", vendorName: "Stationmaster", firmwareVersion: "1.2"), reason: .powerUp))
                #expect(boot.status == .accepted)
                #expect(boot.interval == 90)
                #expect(boot.currentTime == fixture.clock.wallTime)

                for _ in 0..<2 {
                    _ = try await endpoint.call(OCPPFixtures.status(.occupied, at: OCPPFixtures.start))
                    for event in OCPPFixtures.transaction("TX-1") {
                        let answer = try await endpoint.call(event)
                        #expect(answer.idTokenInfo?.status == (event.idToken == nil ? nil : .accepted))
                    }
                    _ = try await endpoint.call(OCPPFixtures.gridMeter(at: OCPPFixtures.start + 60))
                    let telemetry = try await endpoint.call(OCPP201.DataTransferRequest(
                        messageId: "BatteryTelemetry", data: OCPPFixtures.batteryTelemetry, vendorId: "org.stationmaster"))
                    #expect(telemetry.status == .accepted)
                }
                let otherVendor = try await endpoint.call(OCPP201.DataTransferRequest(messageId: "X", vendorId: "com.example"))
                #expect(otherVendor.status == .unknownVendorId)
                let otherMessage = try await endpoint.call(OCPP201.DataTransferRequest(messageId: "Nope", vendorId: "org.stationmaster"))
                #expect(otherMessage.status == .unknownMessageId)

                let command = try await client.execute(
                    uri: "/api/stations/CS-1/commands/availability", method: .post, headers: bearer,
                    body: ByteBuffer(string: #"{"evse_id": 1, "operative": false}"#))
                #expect(command.status == .ok)
                let answer = try #require(try json(command) as? [String: Any])
                #expect(answer["action"] as? String == "ChangeAvailability")
                #expect((answer["response"] as? [String: Any])?["status"] as? String == "Accepted")
                #expect(station.availability.withLock { $0.map { "\($0.0 ?? 0):\($0.1)" } } == ["1:false"])

                let badBody = try await client.execute(
                    uri: "/api/stations/CS-1/commands/availability", method: .post, headers: bearer, body: ByteBuffer(string: #"{"evse_id": 1}"#))
                #expect(badBody.status == .badRequest)
                #expect((try json(badBody) as? [String: Any])?["error"] as? String == "invalid request body: missing operative")
            }

            let stations = try await client.execute(uri: "/api/stations", method: .get, headers: bearer)
            #expect(stations.status == .ok)
            let listed = try #require((try json(stations) as? [[String: Any]])?.first)
            #expect(listed["id"] as? String == "CS-1")
            #expect(listed["duplicates_ignored"] as? Int == 6)

            let transactions = try await client.execute(uri: "/api/stations/CS-1/transactions", method: .get, headers: bearer)
            let body = try #require(try json(transactions) as? [String: Any])
            let stored = try #require(body["transactions"] as? [[String: Any]])
            #expect(stored.count == 1)
            let events = try #require(stored.first?["events"] as? [[String: Any]])
            #expect(events.map { $0["seq_no"] as? Int } == [0, 1, 2])
            #expect(events.map { $0["event_type"] as? String } == ["Started", "Updated", "Ended"])
            #expect(events.map { $0["offline"] as? Bool } == [false, true, false])
            #expect(events.map { $0["energy_wh"] as? Double } == [1_000, 1_250, 1_400])

            let offline = try await client.execute(uri: "/api/stations/CS-1/commands/reset", method: .post, headers: bearer)
            #expect(offline.status == .conflict)
            let unauthenticated = try await client.execute(uri: "/api/stations", method: .get)
            #expect(unauthenticated.status == .unauthorized)
            #expect((try json(unauthenticated) as? [String: Any])?["error"] != nil)
            let wrongToken = try await client.execute(uri: "/api/stations", method: .get, headers: [.authorization: "Bearer nope"])
            #expect(wrongToken.status == .unauthorized)
        }
    }

    @Test func aReconnectingStationReplacesItsOldConnection() async throws {
        let fixture = try await fixture()
        let app = try await application(fixture)
        try await app.test(.live) { client in
            let port = try #require(client.port)
            let first = TestStation(id: fixture.stationID, password: fixture.password, port: port, clock: fixture.clock)
            let second = TestStation(id: fixture.stationID, password: fixture.password, port: port, clock: fixture.clock)
            let (ready, signal) = AsyncStream<Void>.makeStream()
            let firstRun = Task {
                try await first.run { endpoint in
                    _ = try await endpoint.call(OCPP201.HeartbeatRequest())
                    signal.yield()
                    let (forever, keep) = AsyncStream<Void>.makeStream()
                    for await _ in forever {}
                    keep.finish()
                }
            }
            for await _ in ready { break }
            try await second.run { endpoint in
                _ = try await endpoint.call(OCPP201.HeartbeatRequest())
            }
            // Returns only once cpms has closed the replaced connection.
            try await firstRun.value
        }
    }

    @Test func aCommandTheStationRefusesOrNeverAnswersHasItsOwnStatus() async throws {
        let fixture = try await fixture()
        let app = try await application(fixture)
        let bearer: HTTPFields = [.authorization: "Bearer \(fixture.token)"]
        try await app.test(.live) { client in
            let station = TestStation(id: fixture.stationID, password: fixture.password, port: try #require(client.port), clock: fixture.clock)
            let (asked, askedSignal) = AsyncStream<Void>.makeStream()
            let (release, releaseSignal) = AsyncStream<Void>.makeStream()
            try await station.run { endpoint in
                await endpoint.on(OCPP201.TriggerMessageRequest.self) { _ in
                    askedSignal.yield()
                    for await _ in release {}
                    return .init(status: .accepted)
                }
                _ = try await endpoint.call(OCPP201.HeartbeatRequest())

                // No Reset handler: the station answers NotSupported, a CALLERROR.
                let refused = try await client.execute(uri: "/api/stations/CS-1/commands/reset", method: .post, headers: bearer)
                #expect(refused.status == .badGateway)
                #expect(((try json(refused) as? [String: Any])?["error"] as? String)?.contains("NotSupported") == true)

                async let silent = client.execute(
                    uri: "/api/stations/CS-1/commands/trigger", method: .post, headers: bearer,
                    body: ByteBuffer(string: #"{"requested_message": "StatusNotification", "evse_id": 1}"#))
                for await _ in asked { break }
                // The call's timeout and the calendar scheduler (which sleeps on the same clock, minutes ahead).
                try await fixture.clock.waitForSleepers(count: 2)
                fixture.clock.advance(by: .seconds(31))
                #expect(try await silent.status == .gatewayTimeout)
                releaseSignal.finish()

                let unknown = try await client.execute(uri: "/api/stations/CS-1/commands/brew-coffee", method: .post, headers: bearer)
                #expect(unknown.status == .notFound)
                let badEnum = try await client.execute(
                    uri: "/api/stations/CS-1/commands/trigger", method: .post, headers: bearer,
                    body: ByteBuffer(string: #"{"requested_message": "Coffee"}"#))
                #expect(badEnum.status == .badRequest)
            }
        }
    }

    @Test func aMalformedFrameIsAnsweredAndTheConnectionLivesOn() async throws {
        let fixture = try await fixture()
        let app = try await application(fixture)
        try await app.test(.live) { client in
            let station = TestStation(id: fixture.stationID, password: fixture.password, port: try #require(client.port), clock: fixture.clock)
            try await station.run { endpoint, sendRaw in
                try await sendRaw(#"[2,"broken-1","Heartbeat",{"extra":1}]"#)
                try await sendRaw(#"[2,"broken-2","TransactionEvent",{"eventType":"Started"}]"#)
                _ = try await endpoint.call(OCPP201.HeartbeatRequest())
            }
            let frames = station.received.withLock { $0 }
            #expect(frames.contains { $0.hasPrefix(#"[4,"broken-1","ProtocolError""#) })
            #expect(frames.contains { $0.hasPrefix(#"[4,"broken-2","OccurrenceConstraintViolation""#) })
        }
    }
}
