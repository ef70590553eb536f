/// One OCPP-J message: a CALL, a CALLRESULT or a CALLERROR.
public enum OCPPFrame: Sendable, Hashable {
    /// `[2, "<id>", "<Action>", {payload}]`
    case call(id: String, action: String, payload: JSONValue)
    /// `[3, "<id>", {payload}]`
    case callResult(id: String, payload: JSONValue)
    /// `[4, "<id>", "<errorCode>", "<errorDescription>", {errorDetails}]`
    case callError(id: String, error: OCPPCallError)

    /// The Message Type Numbers of OCPP-J.
    public enum MessageType {
        public static let call = 2
        public static let callResult = 3
        public static let callError = 4
        /// OCPP 2.1's CALLRESULTERROR; unknown to 1.6 and 2.0.1.
        public static let callResultError = 5
        /// OCPP 2.1's SEND; unknown to 1.6 and 2.0.1.
        public static let send = 6
    }

    /// The longest message id allowed: 36 characters, room for a UUID.
    public static let maximumMessageIDLength = 36

    public var messageID: String {
        switch self {
        case .call(let id, _, _), .callResult(let id, _), .callError(let id, _): id
        }
    }

    /// The text of a CALL whose payload is already JSON text (as stored), without parsing and writing it again.
    public static func callText(id: String, action: String, payloadText: String) -> String {
        let header = JSONValue.array([.integer(MessageType.call), .string(id), .string(action)]).jsonText
        return header.dropLast() + "," + payloadText + "]"
    }

    /// The frame as JSON text.
    public var text: String {
        switch self {
        case .call(let id, let action, let payload):
            JSONValue.array([.integer(MessageType.call), .string(id), .string(action), payload]).jsonText
        case .callResult(let id, let payload):
            JSONValue.array([.integer(MessageType.callResult), .string(id), payload]).jsonText
        case .callError(let id, let error):
            JSONValue.array([
                .integer(MessageType.callError), .string(id), .string(error.code.rawValue),
                .string(error.errorDescription), error.details,
            ]).jsonText
        }
    }
}
