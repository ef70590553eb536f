extension OCPP16 {
    /// Empties the charge point's authorization cache.
    public struct ClearCacheRequest: OCPP16.Request {
        public typealias Response = ClearCacheResponse
        public static let action = "ClearCache"

        public init() {}
    }

    /// The outcome of a ClearCache.
    public struct ClearCacheResponse: OCPPPayload {
        public var status: ClearCacheStatus

        public init(status: ClearCacheStatus) {
            self.status = status
        }
    }

    /// The outcome of a ClearCache.
    public enum ClearCacheStatus: String, Codable, Sendable, Hashable, CaseIterable {
        case accepted = "Accepted"
        case rejected = "Rejected"
    }
}
