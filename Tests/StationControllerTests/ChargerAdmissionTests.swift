import Foundation
import HTTPTypes
import OCPP
import StationConfig
import StationController
import Testing

@Suite struct ChargerAdmissionTests {
    let charger = ChargerConfiguration(
        id: "CP-1", credential: .password("a-long-enough-password"),
        connectors: [ChargerConnectorConfiguration(connector: 1, socket: 3, maxCurrentA: 32, phases: 3)])

    func headers(user: String = "CP-1", password: String = "a-long-enough-password", protocols: String?) -> HTTPFields {
        var fields = HTTPFields()
        fields[.authorization] = "Basic " + Data("\(user):\(password)".utf8).base64EncodedString()
        if let protocols { fields[.secWebSocketProtocol] = protocols }
        return fields
    }

    @Test func knownChargerWithItsPasswordIsAdmittedInThePreferredVersion() throws {
        let admission = try ChargerAdmission(configuration: OCPPServerConfiguration(chargers: [charger]))
        let both = try admission.admit(chargerID: "CP-1", headers: headers(protocols: "ocpp1.6, ocpp2.0.1"))
        #expect(both.version == .v201)
        #expect(both.isUnknown == false)
        #expect(try admission.admit(chargerID: "CP-1", headers: headers(protocols: "ocpp1.6")).version == .v16)
    }

    @Test func wrongCredentialsUnknownChargersAndOtherProtocolsAreRefused() throws {
        let admission = try ChargerAdmission(configuration: OCPPServerConfiguration(chargers: [charger]))
        #expect(admission.decide(chargerID: "CP-1", headers: headers(password: "wrong-password-0000001", protocols: "ocpp1.6"))
            == .failure(.unauthorized("wrong credentials for charger CP-1")))
        #expect(admission.decide(chargerID: "CP-1", headers: headers(user: "CP-2", protocols: "ocpp1.6"))
            == .failure(.unauthorized("wrong credentials for charger CP-1")))
        var noAuth = HTTPFields()
        noAuth[.secWebSocketProtocol] = "ocpp1.6"
        #expect(admission.decide(chargerID: "CP-1", headers: noAuth) == .failure(.unauthorized("charger CP-1 sent no Basic credentials")))
        #expect(admission.decide(chargerID: "CP-9", headers: headers(protocols: "ocpp1.6")) == .failure(.unknownCharger("CP-9")))
        #expect(admission.decide(chargerID: "CP-1", headers: headers(protocols: "ocpp2.1")) == .failure(.noCommonSubprotocol(["ocpp2.1"])))
    }

    @Test func unknownChargersArePendingWhenConfigured() throws {
        let admission = try ChargerAdmission(configuration: OCPPServerConfiguration(unknownChargers: .pending, chargers: [charger]))
        let admitted = try admission.admit(chargerID: "CP-NEW", headers: headers(user: "CP-NEW", protocols: "ocpp1.6"))
        #expect(admitted.isUnknown)
        #expect(admitted.version == .v16)
    }

    @Test func missingPasswordFileIsAClearSetupError() {
        let filed = ChargerConfiguration(id: "CP-F", credential: .passwordFile(path: "/nonexistent/cp-f.password"), connectors: charger.connectors)
        #expect(throws: StationSetupError.self) { try ChargerAdmission(configuration: OCPPServerConfiguration(chargers: [filed])) }
    }
}
