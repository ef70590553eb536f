import Foundation
@testable import OCPP
import Testing

/// The readers written for frequent messages against the Codable path: the same value for every payload the
/// Codable path accepts, and a give-up (then the Codable path's own violation) for every one it refuses.
@Suite struct DirectReadingTests {
    static let meterValue = #"{"timestamp":"2027-01-15T08:00:00.250Z","sampledValue":[{"value":"7360"}]}"#

    /// 1.6 MeterValues payloads, well formed and broken at every level.
    static let meterValues16: [String] = [
        #"{"connectorId":1,"meterValue":[\#(meterValue)]}"#,
        #"{"connectorId":0,"transactionId":4711,"meterValue":[\#(meterValue),\#(meterValue)]}"#,
        #"{"connectorId":2,"meterValue":[{"timestamp":"2027-01-15T09:00:00+01:00","sampledValue":["#
            + #"{"value":"11.04","context":"Sample.Periodic","format":"Raw","measurand":"Power.Active.Import","#
            + #""phase":"L1-N","location":"Outlet","unit":"kW"},{"value":"1204530"}]}]}"#,
        #"{"connectorId":1,"transactionId":null,"meterValue":[\#(meterValue)]}"#,
        #"{"connectorId":1.0,"meterValue":[\#(meterValue)]}"#,
        #"{"connectorId":"1","meterValue":[\#(meterValue)]}"#,
        #"{"meterValue":[\#(meterValue)]}"#,
        #"{"connectorId":1}"#,
        #"{"connectorId":1,"meterValue":[]}"#,
        #"{"connectorId":1,"meterValue":{}}"#,
        #"{"connectorId":1,"meterValue":[\#(meterValue)],"extra":true}"#,
        #"{"connectorId":1,"meterValue":[{"timestamp":"2027-01-15T08:00:00Z","sampledValue":[]}]}"#,
        #"{"connectorId":1,"meterValue":[{"timestamp":"yesterday","sampledValue":[{"value":"1"}]}]}"#,
        #"{"connectorId":1,"meterValue":[{"timestamp":1800000000,"sampledValue":[{"value":"1"}]}]}"#,
        #"{"connectorId":1,"meterValue":[{"sampledValue":[{"value":"1"}]}]}"#,
        #"{"connectorId":1,"meterValue":[{"timestamp":"2027-01-15T08:00:00Z","sampledValue":[{"value":1}]}]}"#,
        #"{"connectorId":1,"meterValue":[{"timestamp":"2027-01-15T08:00:00Z","sampledValue":[{"unit":"W"}]}]}"#,
        #"{"connectorId":1,"meterValue":[{"timestamp":"2027-01-15T08:00:00Z","sampledValue":[{"value":"1","unit":"mW"}]}]}"#,
        #"{"connectorId":1,"meterValue":[{"timestamp":"2027-01-15T08:00:00Z","sampledValue":[{"value":"1","phase":null}]}]}"#,
        #"{"connectorId":1,"meterValue":[{"timestamp":"2027-01-15T08:00:00Z","sampledValue":[{"value":"1","colour":"red"}]}]}"#,
        #"{"connectorId":1,"meterValue":[{"timestamp":"2027-01-15T08:00:00Z","sampledValue":[{"value":"1"}],"extra":1}]}"#,
        #"{"connectorId":1,"meterValue":["reading"]}"#,
    ]

    @Test(arguments: meterValues16, [true, false])
    func meterValues16ReadsAsTheCodablePathDecodes(_ text: String, rejectsUnknownProperties: Bool) throws {
        let payload = try JSONValue(parsing: text)
        var decoder = PayloadDecoder(version: .v16, rejectsUnknownProperties: rejectsUnknownProperties)
        let direct = try? OCPP16.MeterValuesRequest.read(payload, DirectReader(options: .init(
            integralNumbersAreIntegers: false, rejectsUnknownProperties: rejectsUnknownProperties)))
        let withDirectReading = Result { () throws(PayloadViolation) in try decoder.decode(OCPP16.MeterValuesRequest.self, from: payload) }
        decoder.readsDirectly = false
        let codable = Result { () throws(PayloadViolation) in try decoder.decode(OCPP16.MeterValuesRequest.self, from: payload) }
        switch codable {
        case .success(let value):
            #expect(direct == value)
        case .failure:
            #expect(direct == nil)
        }
        #expect(withDirectReading == codable)
    }

    @Test func everySampleIsReadDirectly() throws {
        for sample in OCPPSamples.all where sample.action == "MeterValues" && sample.kind == .request && sample.version == .v16 {
            let payload = try PayloadEncoder().encode(sample.payload)
            let options = ValueDecoder.Options(integralNumbersAreIntegers: false, rejectsUnknownProperties: true)
            let read = try OCPP16.MeterValuesRequest.read(payload, DirectReader(options: options))
            #expect(read == sample.payload as? OCPP16.MeterValuesRequest, "\(sample)")
        }
    }
}
