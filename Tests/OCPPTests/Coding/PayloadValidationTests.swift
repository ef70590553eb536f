import Foundation
import OCPP
import Testing

/// Decoding classifies each schema violation as its fault, with the path of the property.
@Suite struct PayloadValidationTests {
    let decoder16 = PayloadDecoder(version: .v16)
    let decoder201 = PayloadDecoder(version: .v201)

    func violation<T: Decodable>(_ type: T.Type, _ json: String, version: OCPPVersion) throws -> PayloadViolation? {
        let payload = try JSONValue(parsing: json)
        do {
            _ = try PayloadDecoder(version: version).decode(type, from: payload)
            return nil
        } catch {
            return error
        }
    }

    @Test func missingRequiredPropertyIsAnOccurrenceViolation() throws {
        let found = try violation(OCPP16.AuthorizeResponse.self, #"{"idTagInfo":{}}"#, version: .v16)
        #expect(found == PayloadViolation(.occurrence, at: "idTagInfo.status", "required property is missing"))
    }

    @Test func wrongJSONTypeAndNullAreTypeViolations() throws {
        #expect(try violation(OCPP16.ResetRequest.self, #"{"type":1}"#, version: .v16)?.fault == .wrongType)
        #expect(try violation(OCPP16.StartTransactionRequest.self, #"{"connectorId":"1","idTag":"A","meterStart":0,"timestamp":"2027-01-15T08:00:00Z"}"#, version: .v16)?.path == "connectorId")
        let null = try violation(OCPP16.StopTransactionRequest.self, #"{"idTag":null,"meterStop":1,"timestamp":"2027-01-15T08:00:00Z","transactionId":1}"#, version: .v16)
        #expect(null == PayloadViolation(.wrongType, at: "idTag", "null is not allowed"))
        #expect(try violation(OCPP201.MeterValuesRequest.self, #"{"evseId":1,"meterValue":[{"timestamp":"2027-01-15T08:00:00Z","sampledValue":[{"value":"12"}]}]}"#, version: .v201)?.path == "meterValue[0].sampledValue[0].value")
    }

    @Test func valueOutsideTheEnumerationIsAPropertyViolationNamingTheAllowedValues() throws {
        let found = try #require(try violation(OCPP16.ResetRequest.self, #"{"type":"Medium"}"#, version: .v16))
        #expect(found.fault == .invalidValue)
        #expect(found.path == "type")
        #expect(found.reason == #""Medium" is not one of Hard, Soft"#)
    }

    @Test func stringsAreLimitedToTheirMaxLengthInCharacters() throws {
        #expect(try violation(OCPP16.AuthorizeRequest.self, #"{"idTag":"12345678901234567890"}"#, version: .v16) == nil)
        #expect(try violation(OCPP16.AuthorizeRequest.self, #"{"idTag":"ééééééééééééééééééé€"}"#, version: .v16) == nil)
        #expect(try violation(OCPP16.AuthorizeRequest.self, #"{"idTag":"123456789012345678901"}"#, version: .v16)
            == PayloadViolation(.invalidValue, at: "idTag", "longer than 20 characters"))
        #expect(try violation(OCPP16.GetConfigurationRequest.self, #"{"key":["ok","# + "\"" + String(repeating: "k", count: 51) + "\"]}", version: .v16)?.path == "key[1]")
        #expect(try violation(OCPP201.TransactionEventRequest.self, #"{"eventType":"Started","timestamp":"2027-01-15T08:00:00Z","triggerReason":"Authorized","seqNo":0,"transactionInfo":{"transactionId":""# + String(repeating: "t", count: 37) + #""}}"#, version: .v201)?.path == "transactionInfo.transactionId")
    }

    @Test func arraysKeepTheirItemCounts() throws {
        #expect(try violation(OCPP16.MeterValuesRequest.self, #"{"connectorId":1,"meterValue":[]}"#, version: .v16)?.fault == .occurrence)
        #expect(try violation(OCPP16.MeterValuesRequest.self, #"{"connectorId":1,"meterValue":[{"timestamp":"2027-01-15T08:00:00Z","sampledValue":[]}]}"#, version: .v16)?.fault == .occurrence)
        // StopTransaction's transactionData may carry empty sampledValue lists.
        #expect(try violation(OCPP16.StopTransactionRequest.self, #"{"meterStop":1,"timestamp":"2027-01-15T08:00:00Z","transactionId":1,"transactionData":[{"timestamp":"2027-01-15T08:00:00Z","sampledValue":[]}]}"#, version: .v16) == nil)
        let schedule = #"{"id":1,"chargingRateUnit":"W","chargingSchedulePeriod":[{"startPeriod":0,"limit":1}]}"#
        let four = "[" + Array(repeating: schedule, count: 4).joined(separator: ",") + "]"
        #expect(try violation(OCPP201.SetChargingProfileRequest.self, #"{"evseId":0,"chargingProfile":{"id":1,"stackLevel":0,"chargingProfilePurpose":"ChargingStationMaxProfile","chargingProfileKind":"Absolute","chargingSchedule":"# + four + "}}", version: .v201)
            == PayloadViolation(.occurrence, at: "chargingProfile.chargingSchedule", "more than 3 items"))
    }

    @Test func ocpp16LimitsAreMultiplesOfATenthAndAreWrittenWithoutRoundingNoise() throws {
        #expect(try violation(OCPP16.ChargingSchedulePeriod.self, #"{"startPeriod":0,"limit":16.05}"#, version: .v16)?.fault == .invalidValue)
        #expect(try violation(OCPP16.ChargingSchedulePeriod.self, #"{"startPeriod":0,"limit":16.1}"#, version: .v16) == nil)
        let computed = OCPP16.ChargingSchedulePeriod(startPeriod: 0, limit: 0.1 + 0.2)
        #expect(try PayloadEncoder().encode(computed) == ["startPeriod": 0, "limit": 0.3])
        #expect(throws: PayloadViolation.self) { try PayloadEncoder().encode(OCPP16.ChargingSchedulePeriod(startPeriod: 0, limit: 13.333)) }
    }

    @Test func integralFloatsAreIntegersIn201ButNotIn16() throws {
        #expect(try violation(OCPP16.UnlockConnectorRequest.self, #"{"connectorId":1.0}"#, version: .v16)?.fault == .wrongType)
        #expect(try violation(OCPP201.UnlockConnectorRequest.self, #"{"evseId":1.0,"connectorId":1}"#, version: .v201) == nil)
        #expect(try violation(OCPP201.UnlockConnectorRequest.self, #"{"evseId":1.5,"connectorId":1}"#, version: .v201)?.fault == .wrongType)
    }

    @Test func unknownPropertiesAreRefusedUnlessTheDecoderIgnoresThem() throws {
        #expect(try violation(OCPP201.HeartbeatResponse.self, #"{"currentTime":"2027-01-15T08:00:00Z","note":1}"#, version: .v201)
            == PayloadViolation(.unknownProperty, at: "note", "property not defined by the schema"))
        #expect(try violation(OCPP16.IdTagInfo.self, #"{"status":"Accepted","colour":"blue"}"#, version: .v16)?.path == "colour")
        let lenient = PayloadDecoder(version: .v201, rejectsUnknownProperties: false)
        #expect(throws: Never.self) {
            try lenient.decode(OCPP201.HeartbeatResponse.self, from: ["currentTime": "2027-01-15T08:00:00Z", "note": 1])
        }
    }

    @Test func customDataKeepsItsVendorProperties() throws {
        let json = #"{"currentTime":"2027-01-15T08:00:00Z","customData":{"vendorId":"acme","mood":"sunny","n":[1,2]}}"#
        let response = try decoder201.decode(OCPP201.HeartbeatResponse.self, from: try JSONValue(parsing: json))
        #expect(response.customData == OCPP201.CustomData(vendorId: "acme", extensions: ["mood": "sunny", "n": [1, 2]]))
        #expect(try PayloadEncoder().encode(response) == (try JSONValue(parsing: json)))
        #expect(try violation(OCPP201.HeartbeatResponse.self, #"{"currentTime":"2027-01-15T08:00:00Z","customData":{"mood":1}}"#, version: .v201)?.path == "customData.vendorId")
    }

    @Test func dataTransferDataIsAnyJSONValueIn201() throws {
        for data in [#"null"#, #"[1,"two",{"three":3.0}]"#, #""text""#, "42"] {
            let json = #"{"vendorId":"org.stationmaster","data":"# + data + "}"
            let request = try decoder201.decode(OCPP201.DataTransferRequest.self, from: try JSONValue(parsing: json))
            #expect(request.data == (try JSONValue(parsing: data)))
            #expect(try PayloadEncoder().encode(request).jsonText == (try JSONValue(parsing: json)).jsonText)
        }
    }

    @Test func payloadMustBeAnObject() {
        #expect(throws: PayloadViolation(.payloadSyntax, at: "", "the payload is a JSON array, not an object")) {
            try decoder16.decode(OCPP16.HeartbeatRequest.self, from: [])
        }
    }

    @Test func encodingRefusesWhatTheSchemaForbids() {
        #expect(throws: PayloadViolation(.invalidValue, at: "chargingStation.model", "longer than 20 characters")) {
            try PayloadEncoder().encode(
                OCPP201.BootNotificationRequest(
                    chargingStation: OCPP201.ChargingStation(model: String(repeating: "m", count: 21), vendorName: "SM"),
                    reason: .powerUp))
        }
        #expect(throws: PayloadViolation.self) {
            try PayloadEncoder().encode(OCPP201.GetVariablesRequest(getVariableData: []))
        }
        #expect(throws: PayloadViolation.self) {
            try PayloadEncoder().encode(OCPP201.ChargingSchedulePeriod(startPeriod: 0, limit: .nan))
        }
        #expect(throws: PayloadViolation.self) {
            try PayloadEncoder().encode(OCPP16.StopTransactionRequest(
                meterStop: 1, timestamp: Date(), transactionId: 1,
                transactionData: [OCPP16.MeterValue(timestamp: Date(), sampledValues: [OCPP16.SampledValue(value: "50", unit: .hertz)])]))
        }
    }
}
