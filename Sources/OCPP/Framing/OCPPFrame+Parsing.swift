extension OCPPFrame {
    /// How many leading bytes of an over-long frame are read to recover its message type and id.
    static let headerScanLength = 256

    /// Reads one frame from text.
    ///
    /// Text longer than `maximumSize` UTF-8 bytes is refused without being parsed: only its first bytes
    /// are scanned for the message type and id, so that the refusal can be answered. A frame whose JSON
    /// breaks is still answerable when its type and id came before the break.
    public static func parse(_ text: String, maximumSize: Int = .max) throws(FrameError) -> OCPPFrame {
        let size = text.utf8.count
        if size > maximumSize {
            var parser = JSONParser(bytes: Array(text.utf8.prefix(headerScanLength)))
            let header = Header(parser.parseArrayPrefix().elements)
            throw FrameError(
                .frameTooLarge, messageType: header.type, messageID: header.id,
                "frame of \(size) bytes is longer than the maximum of \(maximumSize)")
        }
        var parser = JSONParser(text)
        let prefix = parser.parseArrayPrefix()
        let header = Header(prefix.elements)
        if let syntaxError = prefix.error {
            guard prefix.isArray else {
                let reason = (try? JSONValue(parsing: text)) != nil ? "not a JSON array" : "\(syntaxError)"
                throw FrameError(.invalidFrame, messageType: nil, messageID: nil, reason)
            }
            // Broken inside the payload of a CALL whose type, id and action were read: a payload problem.
            let brokeInPayload = header.type == MessageType.call && prefix.elements.count >= 3
            throw FrameError(
                brokeInPayload ? .payloadSyntax : .invalidFrame, messageType: header.type, messageID: header.id,
                "\(syntaxError)")
        }
        return try frame(from: prefix.elements, header: header)
    }

    /// The first two elements, when they have the right JSON types.
    private struct Header {
        var type: Int?
        var id: String?

        init(_ elements: [JSONValue]) {
            if case .integer(let type)? = elements.first { self.type = type }
            if elements.count > 1, case .string(let id) = elements[1] { self.id = id }
        }
    }

    private static func frame(from elements: [JSONValue], header: Header) throws(FrameError) -> OCPPFrame {
        func invalid(_ reason: String, _ fault: OCPPFault = .invalidFrame) -> FrameError {
            FrameError(fault, messageType: header.type, messageID: header.id, reason)
        }
        guard !elements.isEmpty else { throw invalid("empty array") }
        guard let type = header.type else { throw invalid("the message type is not an integer") }
        guard let id = header.id else { throw invalid("the message id is missing or not a string") }
        guard [MessageType.call, MessageType.callResult, MessageType.callError].contains(type) else {
            throw invalid("message type \(type) is not supported", .unsupportedMessageType)
        }
        // An empty or over-long id makes the frame an invalid RPC request rather than a bad payload: 2.0.1
        // answers RpcFrameworkError ("not a valid RPC Request, for example: MessageId could not be read"),
        // not FormatViolation (which is about the Action's payload); 1.6, with no frame-level code,
        // FormationViolation. The CALLERROR echoes the id as received, the only way the sender can pair it.
        guard !id.isEmpty else { throw invalid("the message id is empty") }
        guard id.unicodeScalars.count <= maximumMessageIDLength else {
            throw invalid("the message id is longer than \(maximumMessageIDLength) characters")
        }
        switch type {
        case MessageType.call:
            guard elements.count == 4 else { throw invalid("a CALL has 4 elements, this one \(elements.count)") }
            guard case .string(let action) = elements[2] else { throw invalid("the action is not a string") }
            guard case .object = elements[3] else { throw invalid("the payload is not a JSON object", .payloadSyntax) }
            return .call(id: id, action: action, payload: elements[3])
        case MessageType.callResult:
            guard elements.count == 3 else { throw invalid("a CALLRESULT has 3 elements, this one \(elements.count)") }
            guard case .object = elements[2] else { throw invalid("the payload is not a JSON object", .payloadSyntax) }
            return .callResult(id: id, payload: elements[2])
        default:
            // Lenient on one point: a CALLERROR without its details object is accepted.
            guard elements.count == 5 || elements.count == 4 else {
                throw invalid("a CALLERROR has 5 elements, this one \(elements.count)")
            }
            guard case .string(let code) = elements[2], case .string(let description) = elements[3] else {
                throw invalid("the error code or description is not a string")
            }
            let details = elements.count == 5 ? elements[4] : .object([:])
            guard case .object = details else {
                throw invalid("the error details are not a JSON object", .payloadSyntax)
            }
            let error = OCPPCallError(OCPPErrorCode(rawValue: code), description, details: details)
            return .callError(id: id, error: error)
        }
    }
}
