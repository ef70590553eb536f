@testable import CPMS
import Foundation
import HTTPTypes
import Hummingbird
import OCPI
import StationTesting
import Testing

/// cpms with one published station (`CS-R`, EVSEs 1 and 2, code `CSR`), its password, and a registered eMSP
/// platform `tnm` (party NL*TNM, token C `token-c`) whose tokens SENDER is `tokensURL`.
struct OCPIReceiverFixture {
    let database: any CPMSDatabase
    let clock = ManualClock()
    let station: String
    let password: String
    let evseCode: String
    let runner = CommandRunner()

    static func make(backend: TestBackend = .sqlite, tokensURL: String?) async throws -> OCPIReceiverFixture {
        let database = try await backend.open()
        let station = uniqueStationID("CSR")
        let credentials = try await StationEnrolment(registry: StationRegistry(database: database)).add(ids: [station], at: Date())
        var details = try LocationDetails.decode(Data(LocationCatalogTests.body.utf8))
        let code = String(station.uppercased().filter { $0.isLetter || $0.isNumber })
        details.evseCode = code
        _ = try await LocationStore(database: database).set(details, station: station, at: ManualClock.wallTimeOrigin.addingTimeInterval(-60))
        let calendar = CalendarStore(database: database)
        for evse in 1...2 {
            let revision = try await calendar.load().revision
            _ = try await calendar.save(
                CalendarStore.Write(connector: try EVSEConnector(
                    station: station, evse: evse, connector: 1, standard: "IEC_62196_T2", powerType: "AC_3_PHASE", maxElectricPower: 11_000)),
                revision: revision, at: ManualClock.wallTimeOrigin.addingTimeInterval(-3_600))
        }
        let parties = OCPIPartyStore(database: database)
        let name = "tnm-" + UUID().uuidString.prefix(6).lowercased()
        let tokenA = try #require(try await parties.add(name: name, at: ManualClock.wallTimeOrigin))
        let endpoints = tokensURL.map { [Endpoint(identifier: .tokens, role: .sender, url: $0)] } ?? []
        let party = String(UUID().uuidString.prefix(3)).uppercased()
        let registered = try await parties.register(
            name: name, from: .pending, presentedToken: tokenA,
            .init(
                incomingToken: "token-c-\(name)", outgoingToken: "token-b", versionsURL: "http://emsp.test/versions", version: .v2_2_1,
                endpoints: endpoints,
                roles: [CredentialsRole(role: .emsp, businessDetails: BusinessDetails(name: "TNM"), partyID: party, countryCode: "NL")]),
            at: ManualClock.wallTimeOrigin)
        #expect(registered)
        return OCPIReceiverFixture(
            database: database, station: station, password: credentials[0].password, evseCode: code, emsp: name, partyID: party)
    }

    let emsp: String
    /// The eMSP's party id (NL*...), random so that tests sharing PostgreSQL do not claim the same party.
    let partyID: String

    init(database: any CPMSDatabase, station: String, password: String, evseCode: String, emsp: String, partyID: String) {
        self.database = database
        self.station = station
        self.password = password
        self.evseCode = evseCode
        self.emsp = emsp
        self.partyID = partyID
    }

    var headers: HTTPFields { OCPICredentialsTests.token("token-c-\(emsp)") }

    func evseUID(_ evse: Int) -> String { "NL*STM*E\(evseCode)*\(evse)" }

    func application(authorizeTimeout: Duration = .seconds(5), acceptedTokens: Set<String>? = nil) async throws -> some ApplicationProtocol {
        var configuration = CPMSConfiguration(
            host: "127.0.0.1", port: 0, gateway: GatewaySettings(acceptedTokens: acceptedTokens),
            ocpi: OCPISettings(publicURL: "http://cpms.test", countryCode: "NL", partyID: "STM"))
        configuration.ocpiAuthorizeTimeout = authorizeTimeout
        configuration.ocpiCommandTimeout = 45
        return try await buildCPMSApplication(configuration: configuration, database: database, clock: clock, logger: .quiet, commandRunner: runner)
    }

    func token(_ uid: String, valid: Bool = true, whitelist: String = "ALLOWED", party: String? = nil) -> String {
        #"{"country_code": "NL", "party_id": "\#(party ?? partyID)", "uid": "\#(uid)", "type": "RFID", "contract_id": "NL-\#(partyID)-C\#(uid)", "issuer": "TNM", "valid": \#(valid), "whitelist": "\#(whitelist)", "last_updated": "2026-12-07T00:00:00Z"}"#
    }

    /// The pushes queued for the eMSP: (object key, url, body).
    func pushes() async throws -> [(key: String, url: String?, body: String?)] {
        try await database.withConnection { connection in
            try await connection.select().columns("object_key", "url", "body").from("ocpi_push_queue").where("party", .equal, emsp)
                .orderBy("seq").all()
                .map {
                    (
                        try $0.decode(column: "object_key", as: String.self), try $0.decode(column: "url", as: String?.self),
                        try $0.decode(column: "body", as: String?.self)
                    )
                }
        }
    }
}

