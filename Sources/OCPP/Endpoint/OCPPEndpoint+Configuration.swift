extension OCPPEndpoint {
    /// Limits and policies of an endpoint.
    public struct Configuration: Sendable {
        /// How long an outgoing call waits for its answer once sent.
        public var callTimeout: Duration
        /// The longest incoming frame (UTF-8 bytes) that is parsed; longer ones are refused unread.
        public var maximumFrameSize: Int
        /// Whether a payload property its schema does not define is refused (the schemas'
        /// `additionalProperties: false`) or ignored.
        public var rejectsUnknownProperties: Bool
        /// Whether `receive(_:)` answers an incoming call itself, on the caller's task, when no other call is
        /// being answered, and hands the answer to `send` there too (rather than starting a task for each).
        /// The receiving loop then waits for the handler, so only for handlers that never wait for the peer
        /// (whose answers would be read by that same loop): a CSMS storing what stations send.
        public var answersOnReceivingTask: Bool

        public init(
            callTimeout: Duration = .seconds(30), maximumFrameSize: Int = 256 * 1024,
            rejectsUnknownProperties: Bool = true, answersOnReceivingTask: Bool = false
        ) {
            self.callTimeout = callTimeout
            self.maximumFrameSize = maximumFrameSize
            self.rejectsUnknownProperties = rejectsUnknownProperties
            self.answersOnReceivingTask = answersOnReceivingTask
        }
    }
}
