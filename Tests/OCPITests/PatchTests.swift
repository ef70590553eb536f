import Foundation
import OCPI
import Testing

/// PATCH documents: any subset of an object's fields, each as strict as in the whole object, applied to a stored
/// object to give a whole object that validates.
@Suite struct PatchTests {
    private let stored = Token(
        countryCode: "NL", partyID: "TNM", uid: "012345678", type: .rfid, contractID: "NL-TNM-C12345678-S", visualNumber: "DF000-2001-8999",
        issuer: "TheNewMotion", groupID: "DF000-2001", valid: true, whitelist: .allowed, language: "nl",
        lastUpdated: OCPIDateTime(Date(timeIntervalSince1970: 1_700_000_000)))

    private func patch(_ json: String) throws(OCPIDecodingError) -> OCPIPatch<Token> {
        try OCPIPatch<Token>.read(from: Data(json.utf8))
    }

    private func refusal(_ json: String) -> OCPIDecodingError? {
        do {
            _ = try patch(json)
            return nil
        } catch {
            return error
        }
    }

    @Test func patchReplacesOnlyTheFieldsItCarries() throws {
        let read = try patch(#"{"valid": false, "whitelist": "NEVER", "last_updated": "2024-01-02T03:04:05Z"}"#)
        #expect(read.fieldNames == ["last_updated", "valid", "whitelist"])
        let token = try read.applied(to: stored)
        #expect(token.valid == false)
        #expect(token.whitelist == .never)
        #expect(token.lastUpdated == OCPIDateTime("2024-01-02T03:04:05Z"))
        var expected = stored
        expected.valid = false
        expected.whitelist = .never
        expected.lastUpdated = token.lastUpdated
        #expect(token == expected)
    }

    @Test func lastUpdatedIsRequired() {
        let error = refusal(#"{"valid": false}"#)
        #expect(error?.field == "last_updated")
        #expect(error?.statusCode.rawValue == 2001)
        #expect(refusal(#"{"valid": false, "last_updated": null}"#)?.field == "last_updated")
        #expect(refusal(#"{"valid": false, "last_updated": "yesterday"}"#)?.field == "last_updated")
    }

    @Test func eachFieldIsAsStrictAsInTheWholeObject() {
        let at = #""last_updated": "2024-01-02T03:04:05Z""#
        #expect(refusal(#"{"valid": "no", \#(at)}"#)?.field == "valid")
        #expect(refusal(#"{"whitelist": "SOMETIMES", \#(at)}"#)?.field == "whitelist")
        #expect(refusal(#"{"contract_id": "\#(String(repeating: "C", count: 37))", \#(at)}"#)?.field == "contract_id")
        #expect(refusal(#"{"language": "dutch", \#(at)}"#)?.field == "language")
        #expect(refusal(#"{"energy_contract": {"contract_id": "x"}, \#(at)}"#)?.field == "energy_contract.supplier_name")
        #expect(refusal(#"{"issuer": null, \#(at)}"#)?.field == "issuer")
        #expect(refusal(#"{"group_id": "Ü", \#(at)}"#)?.field == "group_id")
    }

    @Test func documentsThatAreNoObjectAreRefusedAsAWhole() {
        #expect(refusal("[]")?.field == "")
        #expect(refusal("\"valid\"")?.message == "a PATCH document must be a JSON object")
        #expect(refusal("{not json")?.message == "not valid JSON")
    }

    @Test func unknownFieldsAreIgnoredAndNullRemovesAnOptionalField() throws {
        let read = try patch(#"{"visual_number": null, "colour": "red", "last_updated": "2024-01-02T03:04:05Z"}"#)
        #expect(read.fieldNames == ["last_updated", "visual_number"])
        let token = try read.applied(to: stored)
        #expect(token.visualNumber == nil)
        #expect(token.issuer == stored.issuer)
    }

    @Test func identityFieldsMayBeRepeatedButNotChanged() throws {
        let same = try patch(#"{"uid": "012345678", "country_code": "nl", "valid": false, "last_updated": "2024-01-02T03:04:05Z"}"#)
        let kept = try same.applied(to: stored)
        #expect(kept.countryCode == "NL")
        #expect(kept.valid == false)
        let other = try patch(#"{"uid": "99999", "last_updated": "2024-01-02T03:04:05Z"}"#)
        #expect(throws: OCPIDecodingError.self) { try other.applied(to: stored) }
        do {
            _ = try other.applied(to: stored)
        } catch {
            #expect(error.field == "uid")
        }
        let type = try patch(#"{"type": "APP_USER", "last_updated": "2024-01-02T03:04:05Z"}"#)
        #expect(throws: OCPIDecodingError.self) { try type.applied(to: stored) }
    }

    @Test func theResultAlwaysReadsAsAWholeObject() throws {
        let read = try patch(#"{"energy_contract": {"supplier_name": "Greenchoice", "contract_id": "G-1"}, "last_updated": "2024-01-02T03:04:05Z"}"#)
        let token = try read.applied(to: stored)
        let again = try OCPICoding.decode(Token.self, from: try OCPICoding.encode(token))
        #expect(again == token)
        #expect(token.energyContract == EnergyContract(supplierName: "Greenchoice", contractID: "G-1"))
    }

    @Test func randomPatchesNeverTrapAndAlwaysNameAProblemOrApply() throws {
        var generator = SystemRandomNumberGenerator()
        let values: [String] = ["true", "1", "1.5", "\"ALLOWED\"", "\"x\"", "null", "[]", "{}", "\"2024-01-02T03:04:05Z\"", "\"\(String(repeating: "Z", count: 70))\""]
        for _ in 0..<500 {
            var parts = ["\"last_updated\": \(Bool.random(using: &generator) ? "\"2024-01-02T03:04:05Z\"" : values.randomElement(using: &generator)!)"]
            for field in Token.patchFields.shuffled(using: &generator).prefix(Int.random(in: 0...4, using: &generator)) {
                parts.append("\"\(field)\": \(values.randomElement(using: &generator)!)")
            }
            let json = "{" + parts.joined(separator: ", ") + "}"
            do {
                let token = try patch(json).applied(to: stored)
                #expect(try OCPICoding.decode(Token.self, from: try OCPICoding.encode(token)) == token, "\(json)")
            } catch let error as OCPIDecodingError {
                #expect(!error.message.isEmpty, "\(json)")
            } catch {
                Issue.record("\(json): \(error)")
            }
        }
    }
}
