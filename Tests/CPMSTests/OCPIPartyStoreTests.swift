@testable import CPMS
import Foundation
import OCPI
import SQLKit
import Testing

/// The eMSPs in `ocpi_parties` on SQLite and PostgreSQL: tokens that call cpms are stored only as SHA-256, each
/// grants what the party's state allows, and a registration is stored once.
@Suite(.serialized, .timeLimit(.minutes(2)))
struct OCPIPartyStoreTests {
    static let role = CredentialsRole(role: .emsp, businessDetails: BusinessDetails(name: "The eMSP"), partyID: "TNM", countryCode: "NL")

    func registration(incoming: String) -> OCPIPartyStore.Registration {
        OCPIPartyStore.Registration(
            incomingToken: incoming, outgoingToken: "token-for-the-emsp", versionsURL: "http://emsp.test/versions", version: .v2_2_1,
            endpoints: [Endpoint(identifier: .locations, role: .receiver, url: "http://emsp.test/2.2.1/locations")], roles: [Self.role])
    }

    @Test(arguments: TestBackend.available)
    func tokensAreStoredHashedAndGrantWhatTheStateAllows(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let store = OCPIPartyStore(database: database)
        let name = "emsp-\(UUID().uuidString.prefix(8))"
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let tokenA = try #require(try await store.add(name: name, at: now))
        #expect(try await store.add(name: name, at: now) == nil)
        #expect(try await store.authenticate(token: tokenA)?.grant == .registration)
        #expect(try await store.authenticate(token: "nobody") == nil)

        let tokenC = "token-c-\(UUID().uuidString)"
        // Only the holder of the token A it was added with registers it, once.
        #expect(try await store.register(name: name, from: .pending, presentedToken: "guess", registration(incoming: tokenC), at: now) == false)
        #expect(try await store.register(name: name, from: .pending, presentedToken: tokenA, registration(incoming: tokenC), at: now))
        #expect(try await store.register(name: name, from: .pending, presentedToken: tokenA, registration(incoming: "other"), at: now) == false)
        #expect(try await store.authenticate(token: tokenA) == nil)
        let (party, grant) = try #require(try await store.authenticate(token: tokenC))
        #expect(grant == .registered)
        #expect(party.name == name)
        #expect(party.roles == [Self.role])
        #expect(party.endpoints.first?.identifier == .locations)
        #expect(party.outgoingToken == "token-for-the-emsp")
        #expect(party.createdAt == now)

        // Neither token appears in the row.
        let row = try await database.withConnection { connection in
            try await connection.select().column("*").from("ocpi_parties").where("name", .equal, name).first()
        }
        let columns = try #require(row).allColumns
        for column in columns {
            let value = try? row?.decode(column: column, as: String.self)
            #expect(value?.contains(tokenC) != true && value?.contains(tokenA) != true, "\(column)")
        }

        #expect(try await store.unregister(name: name, at: now))
        #expect(try await store.unregister(name: name, at: now) == false)
        #expect(try await store.authenticate(token: tokenC) == nil)
        #expect(try await store.party(named: name)?.status == .unregistered)
        #expect(try await store.remove(name: name))
        #expect(try await store.party(named: name) == nil)
        await database.shutdown()
    }

    @Test(arguments: TestBackend.available)
    func cpmsOwnRegistrationIsPendingUntilStoredAndItsTokenBThenWorks(_ backend: TestBackend) async throws {
        let database = try await backend.open()
        let store = OCPIPartyStore(database: database)
        let name = "emsp-\(UUID().uuidString.prefix(8))"
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        let tokenB = "token-b-\(UUID().uuidString)"
        #expect(try await store.beginOwnRegistration(name: name, versionsURL: "http://emsp.test/versions", incomingToken: tokenB, at: now))
        #expect(try await store.authenticate(token: tokenB)?.grant == .registration)
        #expect(try await store.register(name: name, from: .pending, presentedToken: tokenB, registration(incoming: tokenB), at: now))
        #expect(try await store.authenticate(token: tokenB)?.grant == .registered)
        #expect(try await store.beginOwnRegistration(name: name, versionsURL: "http://emsp.test/versions", incomingToken: "again", at: now) == false)
        #expect(try await store.registered().contains { $0.name == name })

        let failed = "emsp-\(UUID().uuidString.prefix(8))"
        let abandoned = "token-b-\(UUID().uuidString)"
        #expect(try await store.beginOwnRegistration(name: failed, versionsURL: "http://emsp.test/versions", incomingToken: abandoned, at: now))
        try await store.abandonOwnRegistration(name: failed, incomingToken: abandoned, at: now)
        #expect(try await store.authenticate(token: abandoned) == nil)
        #expect(try await store.remove(name: name))
        #expect(try await store.remove(name: failed))
        await database.shutdown()
    }
}
