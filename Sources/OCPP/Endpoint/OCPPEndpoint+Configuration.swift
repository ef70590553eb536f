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

        public init(
            callTimeout: Duration = .seconds(30), maximumFrameSize: Int = 256 * 1024,
            rejectsUnknownProperties: Bool = true
        ) {
            self.callTimeout = callTimeout
            self.maximumFrameSize = maximumFrameSize
            self.rejectsUnknownProperties = rejectsUnknownProperties
        }
    }
}
