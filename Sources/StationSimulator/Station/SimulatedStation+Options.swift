extension SimulatedStation {
    /// Where and how the simulated station serves its buses, overriding the configuration.
    public struct Options: Sendable, Hashable {
        /// Serves every TCP bus on this host instead of the configured one.
        public var host: String?
        /// Serves the TCP buses on this port instead of the configured ones: the first TCP bus on `port`, the next
        /// on `port + 1`... With 0, every TCP bus gets a free port of its own (see `boundPorts`).
        public var port: Int?
        /// Serial device to serve an RTU bus on, by bus name (e.g. one end of a socat pty pair).
        /// RTU buses without one are not served.
        public var serialPaths: [String: String]
        /// The time of day at the start, for time-of-day steps in scenarios; the local time now when nil.
        public var startTimeOfDay: Duration?

        public init(host: String? = nil, port: Int? = nil, serialPaths: [String: String] = [:], startTimeOfDay: Duration? = nil) {
            self.host = host
            self.port = port
            self.serialPaths = serialPaths
            self.startTimeOfDay = startTimeOfDay
        }
    }
}
