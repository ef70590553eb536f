@testable import CPMS
import Foundation
import OCPI
import SQLKit
import StationTesting
import Testing

/// Delivery of the OCPI push queue against an eMSP on a real port, on SQLite and PostgreSQL, with a manual
/// clock: order per object, no waiting across objects and eMSPs, backoff, dead letters, leases after a crash.
@Suite(.serialized, .timeLimit(.minutes(3)))
struct OCPIPushDeliveryTests {
    typealias Attempts = AsyncStream<OCPIPushDelivery.Attempt>.Iterator

    struct Harness: Sendable {
        let database: any CPMSDatabase
        let clock: ManualClock
        let queue: OCPIPushQueue
        let receiver: PushReceiver
        let base: String

        func enqueue(_ pushes: [OCPIPush], for parties: [String]) async throws {
            try await queue.enqueue(pushes, for: parties, at: clock.wallTime)
        }

        func rows(_ party: String) async throws -> [(seq: Int64, requestID: String, attempts: Int, lastError: String?)] {
            try await database.withConnection { connection in
                try await connection.select().columns("seq", "request_id", "attempts", "last_error").from("ocpi_push_queue")
                    .where("party", .equal, party).orderBy("seq").all()
            }.map {
                (try $0.decode(column: "seq", as: Int64.self), try $0.decode(column: "request_id", as: String.self), try $0.decode(column: "attempts", as: Int.self),
                 try $0.decodeNil(column: "last_error") ? nil : try $0.decode(column: "last_error", as: String.self))
            }
        }

        func deadLetters(_ party: String) async throws -> [(objectKey: String, reason: String, attempts: Int)] {
            try await database.withConnection { connection in
                try await connection.select().columns("object_key", "reason", "attempts").from("ocpi_push_dead_letters")
                    .where("party", .equal, party).orderBy("seq").all()
            }.map { (try $0.decode(column: "object_key", as: String.self), try $0.decode(column: "reason", as: String.self), try $0.decode(column: "attempts", as: Int.self)) }
        }

        /// Adds a registered eMSP whose receivers are on the test's receiver.
        func register(_ name: String, modules: [ModuleID] = [.locations, .tariffs], status: OCPIPartyStatus = .registered) async throws {
            let endpoints = modules.map { Endpoint(identifier: $0, role: .receiver, url: base + "/" + $0.rawValue) }
            let roles = [CredentialsRole(role: .emsp, businessDetails: BusinessDetails(name: name), partyID: "TNM", countryCode: "NL")]
            let now = StoredTime.text(clock.wallTime)
            let endpointsJSON = String(decoding: try JSONEncoder().encode(endpoints), as: UTF8.self)
            let rolesJSON = String(decoding: try JSONEncoder().encode(roles), as: UTF8.self)
            try await database.withConnection { connection in
                try await connection.insert(into: "ocpi_parties")
                    .columns("name", "status", "outgoing_token", "version", "endpoints_json", "roles_json", "created_at", "updated_at")
                    .values(SQLBind(name), SQLBind(status.rawValue), SQLBind("token-" + name), SQLBind("2.2.1"), SQLBind(endpointsJSON), SQLBind(rolesJSON), SQLBind(now), SQLBind(now))
                    .run()
            }
        }
    }

    static func name() -> String { "emsp-\(UUID().uuidString.prefix(8).lowercased())" }

    static func tariff(_ id: String, _ version: Int) -> OCPIPush {
        OCPIPush(objectKey: "tariff/\(id)", method: .put, target: .module(.tariffs, path: ["DE", "STM", id]), body: Data(#"{"id":"\#(id)","v":\#(version)}"#.utf8))
    }

    static func evse(_ uid: String, _ version: Int) -> OCPIPush {
        OCPIPush(objectKey: "evse/L1/\(uid)", method: .patch, target: .module(.locations, path: ["DE", "STM", "L1", uid]), body: Data(#"{"v":\#(version)}"#.utf8))
    }

    /// Runs delivery for `parties` with a 1 s poll and a 1 s to 8 s backoff without jitter.
    func withDelivery(
        _ backend: TestBackend, parties: Set<String>, beforeStart: @escaping @Sendable (Harness) async throws -> Void = { _ in },
        _ body: @escaping @Sendable (Harness, inout Attempts) async throws -> Void
    ) async throws {
        let database = try await backend.openPrivate()
        let clock = ManualClock()
        let receiver = PushReceiver()
        try await receiver.run { base in
            var settings = OCPIPushDelivery.Settings()
            settings.backoff = OCPIPushBackoff(base: .seconds(1), maximum: .seconds(8), jitter: 0)
            settings.onlyParties = parties
            let (stream, continuation) = AsyncStream<OCPIPushDelivery.Attempt>.makeStream()
            let delivery = OCPIPushDelivery(
                database: database, client: OCPIClient(settings: OCPISettings(), timeout: .seconds(30), logger: .quiet), clock: clock,
                settings: settings, logger: .quiet, observer: { continuation.yield($0) })
            let harness = Harness(
                database: database, clock: clock, queue: OCPIPushQueue(database: database, wake: { delivery.wake() }), receiver: receiver, base: base)
            try await beforeStart(harness)
            let running = Task { try await delivery.run() }
            var attempts = stream.makeAsyncIterator()
            do {
                try await body(harness, &attempts)
            } catch {
                receiver.openGate()
                running.cancel()
                _ = try? await running.value
                throw error
            }
            receiver.openGate()
            running.cancel()
            _ = try? await running.value
        }
        await database.shutdown()
    }

    static func take(_ count: Int, from attempts: inout Attempts) async throws -> [OCPIPushDelivery.Attempt] {
        var taken: [OCPIPushDelivery.Attempt] = []
        while taken.count < count, let next = await attempts.next() { taken.append(next) }
        try #require(taken.count == count)
        return taken
    }

    static func bodies(_ receiver: PushReceiver, path: String) -> [String] {
        receiver.received.withLock { $0.filter { $0.path == path }.map(\.body) }
    }

    @Test(arguments: TestBackend.available)
    func pushesReachTheEMSPInOrderPerObjectWithTheirRequestIDs(_ backend: TestBackend) async throws {
        let party = Self.name()
        try await withDelivery(backend, parties: [party]) { harness, attempts in
            try await harness.register(party)
            for version in 0..<5 {
                try await harness.enqueue([Self.evse("DE*STM*E1*1", version), Self.tariff("T 1", version)], for: [party])
            }
            let done = try await Self.take(10, from: &attempts)
            let requestIDs = Set(done.map(\.push.requestID))
            #expect(requestIDs.count == 10)
            #expect(done.allSatisfy { $0.outcome == .delivered })

            let evsePath = "/locations/DE/STM/L1/DE*STM*E1*1", tariffPath = "/tariffs/DE/STM/T%201"
            #expect(Self.bodies(harness.receiver, path: evsePath) == (0..<5).map { #"{"v":\#($0)}"# })
            #expect(Self.bodies(harness.receiver, path: tariffPath) == (0..<5).map { #"{"id":"T 1","v":\#($0)}"# })
            let received = harness.receiver.received.withLock { $0 }
            #expect(Set(received.map(\.requestID)) == requestIDs)
            #expect(received.count == 10)
            #expect(received.allSatisfy { $0.toPartyID == "TNM" && $0.authorization == "Token " + Data("token-\(party)".utf8).base64EncodedString() })
            #expect(received.filter { $0.path == evsePath }.allSatisfy { $0.method == "PATCH" })
            #expect(try await harness.rows(party).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func aHeldObjectOrEMSPDelaysNoOtherObjectOrEMSP(_ backend: TestBackend) async throws {
        let first = Self.name(), second = Self.name()
        try await withDelivery(backend, parties: [first, second]) { harness, attempts in
            try await harness.register(first)
            try await harness.register(second)
            let heldPath = "/tariffs/DE/STM/SLOW"
            harness.receiver.answer(heldPath, with: .hold)
            try await harness.enqueue([Self.tariff("SLOW", 1), Self.tariff("SLOW", 2), Self.tariff("FAST", 1)], for: [first])
            try await harness.enqueue([Self.tariff("OTHER", 1)], for: [second])

            let early = try await Self.take(2, from: &attempts)
            await harness.receiver.waitUntilHolding()
            #expect(Set(early.map { "\($0.push.party) \($0.push.push.objectKey)" }) == ["\(first) tariff/FAST", "\(second) tariff/OTHER"])
            #expect(early.allSatisfy { $0.outcome == .delivered })
            #expect(Self.bodies(harness.receiver, path: heldPath) == [#"{"id":"SLOW","v":1}"#])

            harness.receiver.openGate()
            let late = try await Self.take(2, from: &attempts)
            #expect(late.map(\.push.seq) == [1, 2])
            #expect(Self.bodies(harness.receiver, path: heldPath) == [#"{"id":"SLOW","v":1}"#, #"{"id":"SLOW","v":2}"#])
        }
    }

    @Test(arguments: TestBackend.available)
    func failuresAreRetriedWithBackoffAndRefusalsStepAsideAsDeadLetters(_ backend: TestBackend) async throws {
        let party = Self.name()
        try await withDelivery(backend, parties: [party]) { harness, attempts in
            try await harness.register(party)
            harness.receiver.answer("/tariffs/DE/STM/T1", with: .fail(.serviceUnavailable, ocpi: 3000), .fail(.ok, ocpi: 3001))
            harness.receiver.answer("/tariffs/DE/STM/T2", with: .fail(.ok, ocpi: 2001))
            harness.receiver.answer("/tariffs/DE/STM/T3", with: .fail(.notFound, ocpi: 2000))
            harness.receiver.answer("/tariffs/DE/STM/T4", with: .fail(.tooManyRequests, ocpi: 2000))
            let start = harness.clock.wallTime
            try await harness.enqueue([Self.tariff("T1", 1), Self.tariff("T1", 2), Self.tariff("T2", 1), Self.tariff("T2", 2), Self.tariff("T3", 1), Self.tariff("T4", 1)], for: [party])

            let first = try await Self.take(5, from: &attempts)
            let byKey = Dictionary(grouping: first, by: { "\($0.push.push.objectKey) \($0.push.seq)" })
            guard case .retry(let reason)? = byKey["tariff/T1 1"]?.first?.outcome else { Issue.record("T1 not retried: \(first)"); return }
            #expect(reason.contains("HTTP 503"))
            #expect(byKey["tariff/T1 1"]?.first?.nextAttempt == start.addingTimeInterval(1))
            guard case .deadLetter? = byKey["tariff/T2 3"]?.first?.outcome else { Issue.record("T2 not set aside: \(first)"); return }
            #expect(byKey["tariff/T2 4"]?.first?.outcome == .delivered)
            guard case .deadLetter? = byKey["tariff/T3 5"]?.first?.outcome else { Issue.record("T3 not set aside: \(first)"); return }
            guard case .retry? = byKey["tariff/T4 6"]?.first?.outcome else { Issue.record("T4 (429) not retried: \(first)"); return }
            let dead = try await harness.deadLetters(party)
            #expect(dead.map(\.objectKey) == ["tariff/T2", "tariff/T3"])
            #expect(dead[0].reason.contains("2001") && dead[1].reason.contains("HTTP 404"))
            #expect(dead.allSatisfy { $0.attempts == 1 })
            #expect(try await harness.rows(party).map(\.attempts) == [1, 0, 1])
            // What the API and /metrics show of it.
            let store = OCPIPushStore(database: harness.database)
            let summary = try #require(try await store.summaries(at: start.addingTimeInterval(0.5)).first { $0.emsp == party })
            #expect(summary.length == 3 && summary.attempts == 2 && summary.maxAttempts == 1 && summary.deadLetters == 2)
            #expect(summary.oldestAgeSeconds == 0.5 && summary.lastError?.isEmpty == false)
            let page = try await store.pushes(of: party, offset: 1, limit: 1)
            #expect(page.total == 3 && page.pushes.map(\.seq) == [2] && page.pushes.first?.path == ["DE", "STM", "T1"])
            let deadPage = try await store.deadLetters(of: party, offset: 0, limit: 10)
            #expect(deadPage.total == 2 && deadPage.pushes.allSatisfy { $0.reason?.isEmpty == false && $0.deadAt != nil })

            harness.clock.advance(by: .seconds(1))
            let second = try await Self.take(2, from: &attempts)
            let t1 = try #require(second.first { $0.push.seq == 1 })
            guard case .retry(let again) = t1.outcome else { Issue.record("T1 not retried again: \(t1.outcome)"); return }
            #expect(again.contains("3001"))
            #expect(t1.nextAttempt == start.addingTimeInterval(1 + 2))
            #expect(second.first { $0.push.seq == 6 }?.outcome == .delivered)

            harness.clock.advance(by: .seconds(2))
            let third = try await Self.take(2, from: &attempts)
            #expect(third.map(\.push.seq) == [1, 2])
            #expect(third.allSatisfy { $0.outcome == .delivered })
            let t1Requests = harness.receiver.received.withLock { $0.filter { $0.path == "/tariffs/DE/STM/T1" } }
            #expect(t1Requests.map(\.body) == [#"{"id":"T1","v":1}"#, #"{"id":"T1","v":1}"#, #"{"id":"T1","v":1}"#, #"{"id":"T1","v":2}"#])
            #expect(Set(t1Requests.prefix(3).map(\.requestID)).count == 1)
            #expect(try await harness.rows(party).isEmpty)
        }
    }

    @Test(arguments: TestBackend.available)
    func aCrashedWorkersLeaseRunsOutAndANewWorkerResumes(_ backend: TestBackend) async throws {
        let party = Self.name()
        try await withDelivery(backend, parties: [party], beforeStart: { harness in
            try await harness.register(party)
            try await harness.enqueue([Self.tariff("X", 1), Self.tariff("X", 2), Self.tariff("Y", 1)], for: [party])
            let now = harness.clock.wallTime
            let claimed = try await OCPIPushStore(database: harness.database).claim(
                party: party, limit: 10, at: now, leaseUntil: now.addingTimeInterval(40), owner: "crashed-worker")
            #expect(claimed.map(\.seq) == [1, 3])
        }) { harness, attempts in
            try await harness.clock.waitForSleepers(count: 1)
            #expect(harness.receiver.received.withLock { $0.isEmpty })
            let requestIDs = try await harness.rows(party).map(\.requestID)

            harness.clock.advance(by: .seconds(40))
            let done = try await Self.take(3, from: &attempts)
            #expect(done.allSatisfy { $0.outcome == .delivered })
            #expect(Self.bodies(harness.receiver, path: "/tariffs/DE/STM/X") == [#"{"id":"X","v":1}"#, #"{"id":"X","v":2}"#])
            #expect(harness.receiver.received.withLock { $0.map(\.requestID) }.sorted() == requestIDs.sorted())
        }
    }

    @Test(arguments: TestBackend.available)
    func aPushForAModuleTheEMSPDoesNotReceiveIsDroppedAPendingOneWaitsAndAnUnregisteredOneIsSetAside(_ backend: TestBackend) async throws {
        let withoutTariffs = Self.name(), dropsTariffs = Self.name(), pending = Self.name(), gone = Self.name()
        try await withDelivery(backend, parties: [withoutTariffs, dropsTariffs, pending, gone], beforeStart: { harness in
            // Enqueued while the eMSP had a tariffs receiver; a credentials update then took it away.
            try await harness.register(dropsTariffs)
            try await harness.enqueue([Self.tariff("D", 1)], for: [dropsTariffs])
            let locationsOnly = String(decoding: try JSONEncoder().encode([Endpoint(identifier: .locations, role: .receiver, url: harness.base + "/locations")]), as: UTF8.self)
            try await harness.database.withConnection { connection in
                try await connection.update("ocpi_parties").set("endpoints_json", to: SQLBind(locationsOnly)).where("name", .equal, dropsTariffs).run()
            }
        }) { harness, attempts in
            try await harness.register(withoutTariffs, modules: [.locations])
            try await harness.register(pending, status: .pending)
            try await harness.register(gone, status: .unregistered)
            // Not enqueued for an eMSP without the module's receiver; an absolute URL always is.
            let answer = OCPIPush(objectKey: "command/1", method: .post, target: .url(harness.base + "/answer"), body: Data("{}".utf8))
            try await harness.enqueue([Self.tariff("T", 1), answer], for: [withoutTariffs])
            try await harness.enqueue([Self.tariff("T", 1)], for: [pending, gone])
            let done = try await Self.take(4, from: &attempts)
            #expect(done.first { $0.push.party == withoutTariffs }?.push.push.objectKey == "command/1")
            #expect(done.filter { $0.push.party == withoutTariffs }.map(\.outcome) == [.delivered])
            #expect(done.first { $0.push.party == dropsTariffs }?.outcome == .dropped("the eMSP \(dropsTariffs) has no tariffs RECEIVER endpoint"))
            #expect(try await harness.rows(dropsTariffs).isEmpty)
            #expect(try await harness.deadLetters(dropsTariffs).isEmpty)
            let waiting = try #require(done.first { $0.push.party == pending })
            guard case .retry(let reason) = waiting.outcome else { Issue.record("\(waiting.outcome)"); return }
            #expect(reason.contains("not registered yet"))
            #expect(try await harness.rows(pending).map(\.attempts) == [1])
            #expect(try await harness.deadLetters(gone).map(\.reason) == ["the eMSP \(gone) is no longer registered"])
            #expect(harness.receiver.received.withLock { $0.map(\.path) } == ["/answer"])
        }
    }
}
