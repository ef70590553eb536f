@testable import CPMS
import Foundation
import OCPP
import Scheduling
import StationTesting
import Synchronization
import Testing

/// The scheduler's commands as OCPP 2.0.1 frames on a station's connection, and what the station's answer
/// (or silence) makes of them.
@Suite(.timeLimit(.minutes(2)))
struct GatewayCommandSenderTests {
    /// The frames cpms sends on the connection.
    final class Wire: Sendable {
        private let frames = Mutex<[String]>([])
        private let waiters = Waiters()

        func send(_ text: String) {
            frames.withLock { $0.append(text) }
            waiters.check()
        }

        /// The next CALL after `count` frames: its message id, action and payload.
        func call(after count: Int) async throws -> (id: String, action: String, payload: [String: Any]) {
            await waiters.wait(until: { self.frames.withLock { $0.count } > count })
            let text = frames.withLock { $0[count] }
            let frame = try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any])
            return (try #require(frame[1] as? String), try #require(frame[2] as? String), try #require(frame[3] as? [String: Any]))
        }

        var count: Int { frames.withLock { $0.count } }
    }

    let token = DriverToken(uid: "TOKEN-A", type: .rfid, contractID: "NL-TNM-C00000001-X", emsp: "NL*TNM")

    func connected(_ clock: ManualClock, database: any CPMSDatabase) async throws -> (GatewayCommandSender, StationConnection, Wire) {
        let registry = StationRegistry(database: database)
        _ = try await StationEnrolment(registry: registry).add(ids: ["CS-1"], at: Date())
        let wire = Wire()
        let connection = StationConnection(
            stationID: "CS-1", settings: GatewaySettings(callTimeout: .seconds(30)), writer: IngestWriter(database: database, logger: .quiet),
            recorder: ChargingRecorder(database: database, logger: .quiet), registry: registry, clock: clock, logger: .quiet, send: { wire.send($0) })
        await connection.start()
        let connections = StationConnections(registry: registry, clock: clock, logger: .quiet)
        _ = await connections.register(connection)
        return (GatewayCommandSender(connections: connections), connection, wire)
    }

    @Test func commandsBecomeOCPPCallsOnlyAfterTheStationBooted() async throws {
        let clock = ManualClock()
        let database = try await TestBackend.sqlite.open()
        defer { Task { await database.shutdown() } }
        let (sender, connection, wire) = try await connected(clock, database: database)
        #expect(await sender.send(.changeAvailability(evse: 1, operative: false), to: "CS-9") == .notDelivered(reason: "not connected"))
        #expect(await sender.send(.changeAvailability(evse: 1, operative: false), to: "CS-1") == .notDelivered(reason: "connected but not booted yet"))
        #expect(wire.count == 0)

        await connection.receive(#"[2,"boot-1","BootNotification",{"chargingStation":{"model":"Edge","vendorName":"Stationmaster"},"reason":"PowerUp"}]"#)
        #expect(connection.hasBooted)
        var frames = wire.count

        let expiry = ManualClock.wallTimeOrigin.addingTimeInterval(900)
        async let reserved = sender.send(.reserveNow(reservationID: 7, evse: 2, token: token, expiry: expiry), to: "CS-1")
        let reserve = try await wire.call(after: frames)
        #expect(reserve.action == "ReserveNow")
        #expect(reserve.payload["id"] as? Int == 7)
        #expect(reserve.payload["evseId"] as? Int == 2)
        #expect(reserve.payload["expiryDateTime"] as? String == "2027-01-15T08:15:00Z")
        #expect(reserve.payload["idToken"] as? [String: String] == ["idToken": "TOKEN-A", "type": "ISO14443"])
        await connection.receive(#"[3,"\#(reserve.id)",{"status":"Occupied","statusInfo":{"reasonCode":"InUse","additionalInfo":"socket 2 is in use"}}]"#)
        #expect(await reserved == .answered(StationAnswer(outcome: "Occupied", reason: "InUse: socket 2 is in use", done: false)))
        frames = wire.count

        async let cancelled = sender.send(.cancelReservation(reservationID: 7), to: "CS-1")
        let cancel = try await wire.call(after: frames)
        #expect(cancel.action == "CancelReservation")
        #expect(cancel.payload["reservationId"] as? Int == 7)
        await connection.receive(#"[3,"\#(cancel.id)",{"status":"Accepted"}]"#)
        #expect(await cancelled == .answered(StationAnswer(outcome: "Accepted", done: true)))
        frames = wire.count

        async let inoperative = sender.send(.changeAvailability(evse: 2, operative: false), to: "CS-1")
        let change = try await wire.call(after: frames)
        #expect(change.action == "ChangeAvailability")
        #expect(change.payload["operationalStatus"] as? String == "Inoperative")
        #expect((change.payload["evse"] as? [String: Int]) == ["id": 2])
        await connection.receive(#"[3,"\#(change.id)",{"status":"Scheduled"}]"#)
        #expect(await inoperative == .answered(StationAnswer(outcome: "Scheduled", done: true)), "Scheduled: out of service once the session ends")
        frames = wire.count

        async let refused = sender.send(.changeAvailability(evse: 2, operative: true), to: "CS-1")
        let unsupported = try await wire.call(after: frames)
        await connection.receive(#"[4,"\#(unsupported.id)","NotSupported","no availability here",{}]"#)
        #expect(await refused == .answered(StationAnswer(outcome: "CALLERROR NotSupported", reason: "no availability here", done: false)))
    }

    @Test func aStationThatDoesNotAnswerLeavesTheCommandUndelivered() async throws {
        let clock = ManualClock()
        let database = try await TestBackend.sqlite.open()
        defer { Task { await database.shutdown() } }
        let (sender, connection, wire) = try await connected(clock, database: database)
        await connection.receive(#"[2,"boot-1","BootNotification",{"chargingStation":{"model":"Edge","vendorName":"Stationmaster"},"reason":"PowerUp"}]"#)
        let frames = wire.count
        async let silence = sender.send(.changeAvailability(evse: 1, operative: false), to: "CS-1")
        _ = try await wire.call(after: frames)
        try await clock.waitForSleepers()
        clock.advance(by: .seconds(31))
        #expect(await silence == .notDelivered(reason: "no answer within 30.0 seconds"))

        async let dropped = sender.send(.changeAvailability(evse: 1, operative: false), to: "CS-1")
        _ = try await wire.call(after: frames + 1)
        await connection.close()
        #expect(await dropped == .notDelivered(reason: "disconnected before answering"))
    }
}
