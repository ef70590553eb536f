/// The `errorCode` of a CALLERROR, as written on the wire.
///
/// A struct over the raw string, so codes a peer invents still arrive intact. The static members are the
/// codes the specifications define; 1.6 spells two of them differently from 2.0.1.
public struct OCPPErrorCode: RawRepresentable, Sendable, Hashable, CustomStringConvertible {
    public let rawValue: String

    public init(rawValue: String) {
        self.rawValue = rawValue
    }

    public var description: String { rawValue }

    // Both versions.
    public static let notImplemented = Self(rawValue: "NotImplemented")
    public static let notSupported = Self(rawValue: "NotSupported")
    public static let internalError = Self(rawValue: "InternalError")
    public static let protocolError = Self(rawValue: "ProtocolError")
    public static let securityError = Self(rawValue: "SecurityError")
    public static let propertyConstraintViolation = Self(rawValue: "PropertyConstraintViolation")
    public static let typeConstraintViolation = Self(rawValue: "TypeConstraintViolation")
    public static let genericError = Self(rawValue: "GenericError")

    // OCPP 1.6 only (spelled as in the 1.6 specification).
    /// 1.6: "Payload for Action is syntactically incorrect or not conform the PDU structure for Action".
    public static let formationViolation = Self(rawValue: "FormationViolation")
    /// 1.6's spelling of the occurrence constraint code.
    public static let occurenceConstraintViolation = Self(rawValue: "OccurenceConstraintViolation")

    // OCPP 2.0.1 only.
    /// 2.0.1: "Payload for Action is syntactically incorrect".
    public static let formatViolation = Self(rawValue: "FormatViolation")
    public static let occurrenceConstraintViolation = Self(rawValue: "OccurrenceConstraintViolation")
    /// 2.0.1: "Content of the call is not a valid RPC Request, for example: MessageId could not be read".
    public static let rpcFrameworkError = Self(rawValue: "RpcFrameworkError")
    /// 2.0.1: a message with a Message Type Number that this implementation does not support.
    public static let messageTypeNotSupported = Self(rawValue: "MessageTypeNotSupported")
}

extension OCPPVersion {
    /// The error codes this version's specification defines.
    public var errorCodes: Set<OCPPErrorCode> {
        let common: Set<OCPPErrorCode> = [
            .notImplemented, .notSupported, .internalError, .protocolError, .securityError,
            .propertyConstraintViolation, .typeConstraintViolation, .genericError,
        ]
        switch self {
        case .v16: return common.union([.formationViolation, .occurenceConstraintViolation])
        case .v201:
            return common.union([
                .formatViolation, .occurrenceConstraintViolation, .rpcFrameworkError, .messageTypeNotSupported,
            ])
        }
    }

    /// `code` as this version spells it: the other version's spelling is translated, a code the version
    /// does not define becomes `GenericError`.
    public func translating(_ code: OCPPErrorCode) -> OCPPErrorCode {
        if errorCodes.contains(code) { return code }
        switch (self, code) {
        case (.v16, .formatViolation), (.v16, .rpcFrameworkError), (.v16, .messageTypeNotSupported):
            return .formationViolation
        case (.v16, .occurrenceConstraintViolation): return .occurenceConstraintViolation
        case (.v201, .formationViolation): return .formatViolation
        case (.v201, .occurenceConstraintViolation): return .occurrenceConstraintViolation
        default: return .genericError
        }
    }
}
