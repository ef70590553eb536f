import OCPP
import Testing

/// The fault-to-code table of docs/ocpp.md, and that each version only answers with its own codes.
@Suite struct ErrorCodeMappingTests {
    @Test func mapsEveryFaultToTheVersionsCode() {
        let table: [OCPPFault: (OCPPErrorCode, OCPPErrorCode)] = [
            .frameTooLarge: (.formationViolation, .formatViolation),
            .invalidFrame: (.formationViolation, .rpcFrameworkError),
            .unsupportedMessageType: (.formationViolation, .messageTypeNotSupported),
            .payloadSyntax: (.formationViolation, .formatViolation),
            .unknownProperty: (.formationViolation, .protocolError),
            .occurrence: (.occurenceConstraintViolation, .occurrenceConstraintViolation),
            .wrongType: (.typeConstraintViolation, .typeConstraintViolation),
            .invalidValue: (.propertyConstraintViolation, .propertyConstraintViolation),
            .unknownAction: (.notImplemented, .notImplemented),
            .unsupportedAction: (.notSupported, .notSupported),
            .handlerFailed: (.internalError, .internalError),
        ]
        #expect(Set(table.keys) == Set(OCPPFault.allCases))
        for (fault, (code16, code201)) in table {
            #expect(OCPPVersion.v16.errorCode(for: fault) == code16, "\(fault)")
            #expect(OCPPVersion.v201.errorCode(for: fault) == code201, "\(fault)")
            #expect(OCPPVersion.v16.errorCodes.contains(code16))
            #expect(OCPPVersion.v201.errorCodes.contains(code201))
        }
    }

    @Test func spellsCodesAsEachSpecificationDoes() {
        #expect(OCPPErrorCode.occurenceConstraintViolation.rawValue == "OccurenceConstraintViolation")
        #expect(OCPPErrorCode.occurrenceConstraintViolation.rawValue == "OccurrenceConstraintViolation")
        #expect(OCPPErrorCode.formationViolation.rawValue == "FormationViolation")
        #expect(OCPPErrorCode.formatViolation.rawValue == "FormatViolation")
        #expect(OCPPVersion.v16.errorCodes.count == 10)
        #expect(OCPPVersion.v201.errorCodes.count == 12)
    }

    @Test func translatesCodesBetweenTheVersions() {
        #expect(OCPPVersion.v16.translating(.formatViolation) == .formationViolation)
        #expect(OCPPVersion.v16.translating(.occurrenceConstraintViolation) == .occurenceConstraintViolation)
        #expect(OCPPVersion.v16.translating(.messageTypeNotSupported) == .formationViolation)
        #expect(OCPPVersion.v201.translating(.formationViolation) == .formatViolation)
        #expect(OCPPVersion.v201.translating(.occurenceConstraintViolation) == .occurrenceConstraintViolation)
        #expect(OCPPVersion.v201.translating(OCPPErrorCode(rawValue: "Whatever")) == .genericError)
        #expect(OCPPVersion.v201.translating(.securityError) == .securityError)
    }
}
