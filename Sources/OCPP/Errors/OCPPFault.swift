/// What is wrong with an incoming message, before a version names it with an error code.
public enum OCPPFault: String, Sendable, Hashable, CaseIterable {
    /// The frame is longer than the endpoint's maximum; it was not parsed.
    case frameTooLarge
    /// Not a valid RPC frame: wrong array shape or element types, a missing, empty or over-long message id,
    /// or JSON that breaks before the payload.
    case invalidFrame
    /// The Message Type Number is not 2, 3 or 4 (OCPP 2.1's 5 and 6 included).
    ///
    /// Both versions say a receiver ignores the payload of a message type it does not know. 2.0.1 has a
    /// code for the answer, `MessageTypeNotSupported`; 1.6 has none, so a 1.6 endpoint answers
    /// `FormationViolation` (the frame does not conform to the PDU structure). Neither reads the payload.
    case unsupportedMessageType
    /// The payload is not a JSON object, or its JSON is broken.
    case payloadSyntax
    /// The payload has a property its schema does not define.
    case unknownProperty
    /// A required property is missing, or an array has fewer or more items than allowed.
    case occurrence
    /// A property has the wrong JSON type (`null` included).
    case wrongType
    /// A property has a value its schema forbids: not in the enumeration, longer than `maxLength`, below a
    /// minimum, not a multiple of the step, or not a date-time.
    case invalidValue
    /// The action is not one the version's specification defines.
    case unknownAction
    /// The action is specified but this endpoint has no handler for it.
    case unsupportedAction
    /// The handler failed, or its response did not pass validation.
    case handlerFailed
}

extension OCPPVersion {
    /// The CALLERROR code this version answers `fault` with.
    ///
    /// The mapping follows each version's own definitions of its codes (the CallError table of OCPP-J 1.6,
    /// the RPC framework error codes of OCPP 2.0.1 part 4); docs/ocpp.md has the table and the reasons.
    public func errorCode(for fault: OCPPFault) -> OCPPErrorCode {
        switch self {
        case .v16:
            switch fault {
            // 1.6 has one code for both a broken frame and a payload that does not fit the PDU.
            case .frameTooLarge, .invalidFrame, .unsupportedMessageType, .payloadSyntax, .unknownProperty:
                return .formationViolation
            case .occurrence: return .occurenceConstraintViolation
            case .wrongType: return .typeConstraintViolation
            case .invalidValue: return .propertyConstraintViolation
            case .unknownAction: return .notImplemented
            case .unsupportedAction: return .notSupported
            case .handlerFailed: return .internalError
            }
        case .v201:
            switch fault {
            // 2.0.1 answers an over-long GetVariables message with FormatViolation (BytesPerMessage); the
            // same code serves every frame over the size limit.
            case .frameTooLarge: return .formatViolation
            case .invalidFrame: return .rpcFrameworkError
            case .unsupportedMessageType: return .messageTypeNotSupported
            case .payloadSyntax: return .formatViolation
            // "Payload for Action is not conform the PDU structure".
            case .unknownProperty: return .protocolError
            case .occurrence: return .occurrenceConstraintViolation
            case .wrongType: return .typeConstraintViolation
            case .invalidValue: return .propertyConstraintViolation
            case .unknownAction: return .notImplemented
            case .unsupportedAction: return .notSupported
            case .handlerFailed: return .internalError
            }
        }
    }
}
