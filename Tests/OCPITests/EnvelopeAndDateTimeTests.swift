import Foundation
import OCPI
import Testing

/// The response envelope, its status codes, and OCPI's DateTime as this module reads and writes it.
@Suite struct EnvelopeAndDateTimeTests {
    private let noon = OCPIDateTime(Date(timeIntervalSince1970: 1_764_504_000))  // 2025-11-30T12:00:00Z

    @Test func successEnvelopeCarriesDataAndWritesTheSpecsNames() throws {
        let response = OCPIResponse.success([CommandResult(result: .accepted)], at: noon)
        let text = String(decoding: try OCPICoding.encode(response), as: UTF8.self)
        #expect(text == #"{"data":[{"result":"ACCEPTED"}],"status_code":1000,"status_message":"Success","timestamp":"2025-11-30T12:00:00Z"}"#)
        let read = try OCPICoding.decode(OCPIResponse<[CommandResult]>.self, from: Data(text.utf8))
        #expect(read == response)
        #expect(read.statusCode.category == .success)
    }

    @Test func refusalEnvelopeSaysWhichFieldIsWrong() throws {
        let error = OCPIDecodingError(field: "evses[2].connectors[0].standard", message: "unknown value \"SCHUKO\"")
        let response = OCPIResponse<Location>.refusal(error, at: noon)
        let text = String(decoding: try OCPICoding.encode(response), as: UTF8.self)
        #expect(text == #"{"status_code":2001,"status_message":"evses[2].connectors[0].standard: unknown value \"SCHUKO\"","timestamp":"2025-11-30T12:00:00Z"}"#)
        #expect(response.statusCode.category == .clientError)
    }

    @Test func envelopeDataIsValidatedUnderData() throws {
        let text = #"{"data":{"result":"ACCEPTED","timeout":-5},"status_code":1000,"timestamp":"2025-11-30T12:00:00Z"}"#
        #expect(throws: OCPIDecodingError(field: "data.timeout", message: "must not be negative")) {
            try OCPICoding.decode(OCPIResponse<CommandResponse>.self, from: Data(text.utf8))
        }
        let missing = #"{"data":{"result":"ACCEPTED","timeout":5},"timestamp":"2025-11-30T12:00:00Z"}"#
        #expect(throws: OCPIDecodingError(field: "status_code", message: "required field is missing")) {
            try OCPICoding.decode(OCPIResponse<CommandResponse>.self, from: Data(missing.utf8))
        }
    }

    @Test func statusCodesHaveTheSpecsNumbers() {
        let codes: [(OCPIStatusCode, Int)] = [
            (.success, 1000), (.clientError, 2000), (.invalidOrMissingParameters, 2001), (.notEnoughInformation, 2002),
            (.unknownLocation, 2003), (.unknownToken, 2004), (.serverError, 3000), (.unableToUseClientAPI, 3001),
            (.unsupportedVersion, 3002), (.noMatchingEndpoints, 3003), (.hubError, 4000), (.unknownReceiver, 4001),
            (.timeoutOnForwardedRequest, 4002), (.connectionProblem, 4003),
        ]
        for (code, number) in codes { #expect(code.rawValue == number) }
        #expect(OCPIStatusCode(rawValue: 3001).category == .serverError)
        #expect(OCPIStatusCode(rawValue: 4003).category == .hubError)
        #expect(OCPIStatusCode(rawValue: 9).category == .unknown)
    }

    @Test func dateTimesAreReadWithOrWithoutFractionsAndZone() throws {
        let forms = ["2025-11-30T12:00:00Z", "2025-11-30T12:00:00", "2025-11-30T12:00:00.000Z", "2025-11-30T12:00:00+00:00"]
        for text in forms {
            let json = #"{"period_begin":"\#(text)","status":"BLOCKED"}"#
            let schedule = try OCPICoding.decode(StatusSchedule.self, from: Data(json.utf8))
            #expect(schedule.periodBegin == noon, "\(text)")
        }
        let fraction = try OCPICoding.decode(StatusSchedule.self, from: Data(#"{"period_begin":"2025-11-30T12:00:00.250Z","status":"BLOCKED"}"#.utf8))
        #expect(fraction.periodBegin.description == "2025-11-30T12:00:00.250Z")
        for bad in ["2025-11-30 12:00:00Z", "30-11-2025T12:00:00Z", "2025-11-31T12:00:00Z", "2025-11-30T25:00:00Z", "yesterday"] {
            let json = #"{"period_begin":"\#(bad)","status":"BLOCKED"}"#
            #expect(throws: OCPIDecodingError.self, "\(bad)") { try OCPICoding.decode(StatusSchedule.self, from: Data(json.utf8)) }
        }
    }

    @Test func dateTimesKeepMillisecondsSoWhatIsWrittenReadsBackAsTheSameTime() throws {
        let read = try #require(OCPIDateTime("2025-11-30T11:59:59.9996Z"))
        #expect(read == noon)
        #expect(read.description == "2025-11-30T12:00:00Z")
        #expect(OCPIDateTime("2025-11-30T12:00:00.0004Z") == OCPIDateTime("2025-11-30T12:00:00Z"))
        #expect(OCPIDateTime(Date(timeIntervalSince1970: 1_764_503_999.9996)).description == "2025-11-30T12:00:00Z")
        #expect(OCPIDateTime(Date(timeIntervalSince1970: 1_764_504_000.0495)).description == "2025-11-30T12:00:00.050Z")
        let schedule = #"{"period_begin":"2025-11-30T12:00:00.0001Z","period_end":"2025-11-30T12:00:00.0004Z","status":"BLOCKED"}"#
        #expect(throws: OCPIDecodingError(field: "period_end", message: "must be after period_begin")) {
            try OCPICoding.decode(StatusSchedule.self, from: Data(schedule.utf8))
        }
    }

    @Test func versionsAndModulesNewerThanThisModuleAreKept() throws {
        let versions = #"[{"version":"2.2.1","url":"https://x.example/2.2.1"},{"version":"2.3.0","url":"https://x.example/2.3.0"}]"#
        let read = try OCPICoding.decode([Version].self, from: Data(versions.utf8))
        #expect(read.map(\.version) == [.v2_2_1, .v2_3_0])
        let detail = #"{"version":"2.2.1","endpoints":[{"identifier":"payments","role":"SENDER","url":"https://x.example/p"},{"identifier":"Booking","role":"SENDER","url":"https://x.example/b"}]}"#
        let endpoints = try OCPICoding.decode(VersionDetail.self, from: Data(detail.utf8)).endpoints
        #expect(endpoints.map(\.identifier) == [ModuleID(rawValue: "payments"), .bookings])
        let bad = #"[{"version":"two","url":"https://x.example/2"}]"#
        #expect(throws: OCPIDecodingError(field: "[0].version", message: "must be a version like 2.2.1, got \"two\"")) {
            try OCPICoding.decode([Version].self, from: Data(bad.utf8))
        }
    }
}
