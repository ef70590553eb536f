@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import OCPI
import OCPP
import StationTesting
import Synchronization
import Testing

/// The Commands module as Receiver: each command is checked and answered at once, reaches the station as its
/// OCPP 2.0.1 call, and its CommandResult is queued for the eMSP's response_url.
@Suite(.timeLimit(.minutes(2)))
struct OCPICommandsTests {
    func object(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    func post(_ client: any TestClientProtocol, _ fixture: OCPIReceiverFixture, _ command: String, _ body: String) async throws -> (HTTPResponse.Status, [String: Any]) {
        let response = try await client.execute(
            uri: "/ocpi/2.2.1/commands/\(command)", method: .post, headers: fixture.headers, body: ByteBuffer(string: body))
        return (response.status, try object(response))
    }

    /// The station's calls, by action.
    final class Calls: Sendable {
        let seen = Mutex<[String]>([])
        func add(_ text: String) { seen.withLock { $0.append(text) } }
        var all: [String] { seen.withLock { $0 } }
    }

    @Test(arguments: TestBackend.available)
    func commandsReachTheStationAndTheirResultsAreQueuedForTheEMSP(_ backend: TestBackend) async throws {
        let fixture = try await OCPIReceiverFixture.make(backend: backend, tokensURL: nil)
        let app = try await fixture.application()
        let calls = Calls()
        try await app.test(.live) { client in
            let station = TestStation(id: fixture.station, password: fixture.password, port: try #require(client.port), clock: fixture.clock)
            try await station.run { endpoint in
                await endpoint.on(OCPP201.RequestStartTransactionRequest.self) { request in
                    calls.add("start \(request.evseId ?? 0) \(request.idToken.idToken) \(request.remoteStartId)")
                    return .init(status: .accepted)
                }
                await endpoint.on(OCPP201.RequestStopTransactionRequest.self) { request in
                    calls.add("stop \(request.transactionId)")
                    return .init(status: .accepted)
                }
                await endpoint.on(OCPP201.UnlockConnectorRequest.self) { request in
                    calls.add("unlock \(request.evseId) \(request.connectorId)")
                    return .init(status: .unlocked)
                }
                await endpoint.on(OCPP201.ReserveNowRequest.self) { request in
                    calls.add("reserve \(request.evseId ?? 0) \(request.idToken.idToken)")
                    return .init(status: request.evseId == 2 ? .occupied : .accepted)
                }
                await endpoint.on(OCPP201.CancelReservationRequest.self) { request in
                    calls.add("cancel \(request.reservationId)")
                    return .init(status: .accepted)
                }
                _ = try await endpoint.call(OCPP201.BootNotificationRequest(
                    chargingStation: .init(model: "Edge", vendorName: "Stationmaster"), reason: .powerUp))

                let start = try await post(client, fixture, "START_SESSION", """
                    {"response_url": "https://emsp.test/commands/START_SESSION/1", "token": \(fixture.token("APP-1")),
                     "location_id": "\(fixture.station.lowercased())", "evse_uid": "\(fixture.evseUID(1))", "authorization_reference": "AUTH-1"}
                    """)
                #expect(start.0 == .ok)
                let response = try #require(start.1["data"] as? [String: Any])
                #expect(response["result"] as? String == "ACCEPTED" && response["timeout"] as? Int == 45)
                await fixture.runner.idle()
                let started = try #require(calls.all.first)
                #expect(started.hasPrefix("start 1 APP-1 "))
                let remoteStartID = try #require(Int(started.split(separator: " ").last ?? ""))
                let remembered = try #require(try await OCPICommandStore(database: fixture.database).remoteStart(station: fixture.station, remoteStartID: remoteStartID))
                #expect(remembered.emsp == fixture.emsp && remembered.authorizationReference == "AUTH-1" && remembered.idToken == "APP-1")
                // The eMSP authorized the token by starting: the station's TransactionEvent is Accepted.
                let event = try await endpoint.call(OCPP201.TransactionEventRequest(
                    eventType: .started, timestamp: fixture.clock.wallTime, triggerReason: .remoteStart, seqNo: 0,
                    transactionInfo: .init(transactionId: "TX-9", remoteStartId: remoteStartID), evse: .init(id: 1, connectorId: 1),
                    idToken: .init(idToken: "APP-1", type: .central)))
                #expect(event.idTokenInfo?.status == .accepted)

                let stop = try await post(client, fixture, "STOP_SESSION", #"{"response_url": "https://emsp.test/commands/STOP_SESSION/2", "session_id": "TX-9"}"#)
                #expect((stop.1["data"] as? [String: Any])?["result"] as? String == "ACCEPTED")
                let unknownSession = try await post(client, fixture, "STOP_SESSION", #"{"response_url": "https://emsp.test/x", "session_id": "NOPE"}"#)
                #expect((unknownSession.1["data"] as? [String: Any])?["result"] as? String == "UNKNOWN_SESSION")

                let unlock = try await post(client, fixture, "UNLOCK_CONNECTOR", """
                    {"response_url": "https://emsp.test/commands/UNLOCK_CONNECTOR/3", "location_id": "\(fixture.station)", "evse_uid": "\(fixture.evseUID(2))", "connector_id": "1"}
                    """)
                #expect((unlock.1["data"] as? [String: Any])?["result"] as? String == "ACCEPTED")

                let expiry = OCPIDateTime(fixture.clock.wallTime.addingTimeInterval(1_800))
                let reserve = try await post(client, fixture, "RESERVE_NOW", """
                    {"response_url": "https://emsp.test/commands/RESERVE_NOW/4", "token": \(fixture.token("APP-2")), "expiry_date": "\(expiry)",
                     "reservation_id": "RES-1", "location_id": "\(fixture.station)", "evse_uid": "\(fixture.evseUID(1))"}
                    """)
                #expect((reserve.1["data"] as? [String: Any])?["result"] as? String == "ACCEPTED", "\(reserve.1)")
                await fixture.runner.idle()
                let reservation = try #require(try await OCPICommandStore(database: fixture.database).reservation(emsp: fixture.emsp, reservationID: "RES-1"))
                #expect(reservation.station == fixture.station && reservation.evse == 1)
                let booked = try await CalendarStore(database: fixture.database).load().entries.first { $0.id.rawValue == reservation.calendarEntry }
                #expect(booked?.status == .scheduled && booked?.window.end == expiry.date)

                let cancel = try await post(client, fixture, "CANCEL_RESERVATION", #"{"response_url": "https://emsp.test/commands/CANCEL_RESERVATION/5", "reservation_id": "RES-1"}"#)
                #expect((cancel.1["data"] as? [String: Any])?["result"] as? String == "ACCEPTED")
                let unknownReservation = try await post(client, fixture, "CANCEL_RESERVATION", #"{"response_url": "https://emsp.test/commands/CANCEL_RESERVATION/6", "reservation_id": "RES-X"}"#)
                #expect((unknownReservation.1["data"] as? [String: Any])?["result"] as? String == "ACCEPTED")
                await fixture.runner.idle()
                let cancelled = try await CalendarStore(database: fixture.database).load().entries.first { $0.id.rawValue == reservation.calendarEntry }
                #expect(cancelled?.cancellation != nil)
            }
            #expect(calls.all.dropFirst().filter { !$0.hasPrefix("reserve") && !$0.hasPrefix("cancel") } == ["stop TX-9", "unlock 2 1"])
            #expect(calls.all.contains("reserve 1 APP-2"))
            #expect(calls.all.contains { $0.hasPrefix("cancel ") })
            let pushes = try await fixture.pushes()
            let results = Dictionary(pushes.map { ($0.url ?? "", $0.body ?? "") }, uniquingKeysWith: { first, _ in first })
            #expect(pushes.allSatisfy { $0.key.hasPrefix("command/") })
            #expect(results["https://emsp.test/commands/START_SESSION/1"] == #"{"result":"ACCEPTED"}"#)
            #expect(results["https://emsp.test/commands/STOP_SESSION/2"] == #"{"result":"ACCEPTED"}"#)
            #expect(results["https://emsp.test/commands/UNLOCK_CONNECTOR/3"] == #"{"result":"ACCEPTED"}"#)
            #expect(results["https://emsp.test/commands/RESERVE_NOW/4"] == #"{"result":"ACCEPTED"}"#)
            #expect(results["https://emsp.test/commands/CANCEL_RESERVATION/5"] == #"{"result":"CANCELED_RESERVATION"}"#)
            #expect(results["https://emsp.test/commands/CANCEL_RESERVATION/6"] == #"{"result":"UNKNOWN_RESERVATION"}"#)
            for (_, body) in results { _ = try OCPICoding.decode(CommandResult.self, from: Data(body.utf8)) }
        }
        await fixture.database.shutdown()
    }

    @Test func badCommandsAreRefusedAndAnOfflineStationIsRejected() async throws {
        let fixture = try await OCPIReceiverFixture.make(tokensURL: nil)
        let app = try await fixture.application()
        try await app.test(.router) { client in
            let token = fixture.token("APP-3")
            let cases: [(String, String, HTTPResponse.Status, Int, String?)] = [
                ("START_SESSION", "{nope", .badRequest, 2001, nil),
                ("START_SESSION", #"{"response_url": "https://emsp.test/r", "location_id": "X"}"#, .ok, 2001, "token"),
                ("START_SESSION", #"{"response_url": 5, "token": \#(token), "location_id": "X"}"#, .ok, 2001, "response_url"),
                ("START_SESSION", #"{"response_url": "https://emsp.test/r", "token": \#(token), "location_id": "NOWHERE"}"#, .notFound, 2003, "NOWHERE"),
                ("START_SESSION", #"{"response_url": "https://emsp.test/r", "token": \#(token), "location_id": "\#(fixture.station)", "evse_uid": "NL*STM*EX*9"}"#, .notFound, 2003, "EVSE"),
                ("START_SESSION", #"{"response_url": "https://emsp.test/r", "token": \#(fixture.token("APP-3", party: "ZZZ")), "location_id": "\#(fixture.station)"}"#, .ok, 2001, "ZZZ"),
                ("UNLOCK_CONNECTOR", #"{"response_url": "https://emsp.test/r", "location_id": "\#(fixture.station)", "evse_uid": "\#(fixture.evseUID(1))", "connector_id": "7"}"#, .notFound, 2003, "connector"),
                ("RESERVE_NOW", #"{"response_url": "https://emsp.test/r", "token": \#(token), "expiry_date": "2020-01-01T00:00:00Z", "reservation_id": "R", "location_id": "\#(fixture.station)"}"#, .ok, 2001, "expiry_date"),
            ]
            for (command, body, status, code, mention) in cases {
                let (answerStatus, envelope) = try await post(client, fixture, command, body)
                #expect(answerStatus == status, "\(command) \(body)")
                #expect(envelope["status_code"] as? Int == code, "\(command) \(body): \(envelope)")
                if let mention { #expect((envelope["status_message"] as? String)?.contains(mention) == true, "\(envelope)") }
            }
            let offline = try await post(client, fixture, "START_SESSION", #"{"response_url": "https://emsp.test/r", "token": \#(token), "location_id": "\#(fixture.station)"}"#)
            let data = try #require(offline.1["data"] as? [String: Any])
            #expect(data["result"] as? String == "REJECTED")
            #expect(((data["message"] as? [[String: Any]])?.first?["text"] as? String)?.contains("offline") == true)
            let unknown = try await post(client, fixture, "BREW_COFFEE", "{}")
            #expect((unknown.1["data"] as? [String: Any])?["result"] as? String == "NOT_SUPPORTED")
            #expect(try await fixture.pushes().isEmpty)
            #expect(try await OCPITokenStore(database: fixture.database).tokens(uid: "APP-3").isEmpty)
            let commands = try await fixture.database.withConnection { try await $0.select().column("id").from("ocpi_commands").all() }
            #expect(commands.isEmpty)
        }
        await fixture.database.shutdown()
    }

    @Test func stationAnswersBecomeCommandResults() {
        #expect(CommandOutcome.startStop(.answered(status: "Accepted")) == .accepted)
        #expect(CommandOutcome.startStop(.answered(status: "Rejected")) == .rejected)
        #expect(CommandOutcome.startStop(.timeout) == .timeout)
        #expect(CommandOutcome.startStop(.failed("CALLERROR NotSupported")) == .failed)
        #expect(CommandOutcome.startStop(.notDelivered("gone")) == .failed)
        #expect(CommandOutcome.unlock(.answered(status: "Unlocked")) == .accepted)
        #expect(CommandOutcome.unlock(.answered(status: "UnlockFailed")) == .failed)
        #expect(CommandOutcome.unlock(.answered(status: "OngoingAuthorizedTransaction")) == .rejected)
        #expect(CommandOutcome.reserve(.answered(status: "Occupied")) == .evseOccupied)
        #expect(CommandOutcome.reserve(.answered(status: "Faulted")) == .evseInoperative)
        #expect(CommandOutcome.reserve(.answered(status: "Unavailable")) == .evseInoperative)
        #expect(CommandOutcome.reserve(.answered(status: "Accepted")) == .accepted)
        #expect(CommandsModule.evseNumber("NL*STM*ECS1*12") == 12)
    }
}
