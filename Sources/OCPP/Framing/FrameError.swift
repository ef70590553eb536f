/// Why a text is not a frame this endpoint accepts, with as much of the header as could be recovered.
public struct FrameError: Error, Sendable, Equatable, CustomStringConvertible {
    /// `frameTooLarge`, `invalidFrame`, `unsupportedMessageType` or `payloadSyntax`.
    public var fault: OCPPFault
    /// The Message Type Number, when the frame starts with an integer.
    public var messageType: Int?
    /// The message id, when the second element is a string (even an over-long one).
    public var messageID: String?
    public var reason: String

    public init(_ fault: OCPPFault, messageType: Int?, messageID: String?, _ reason: String) {
        self.fault = fault
        self.messageType = messageType
        self.messageID = messageID
        self.reason = reason
    }

    /// Whether the sender expects a CALLERROR for this frame.
    ///
    /// Only a frame with an id that is not a CALLRESULT or CALLERROR is answered: a CALLERROR answers a
    /// CALL, and answering a broken response would let two endpoints trade errors forever.
    public var isAnswerable: Bool {
        messageID != nil && messageType != OCPPFrame.MessageType.callResult
            && messageType != OCPPFrame.MessageType.callError
    }

    public var description: String { reason }
}
