public import Foundation

extension OCPP16 {
    /// Tells the central system the charge point is alive.
    public struct HeartbeatRequest: OCPP16.Request {
        public typealias Response = HeartbeatResponse
        public static let action = "Heartbeat"

        public init() {}
    }

    /// The central system's time.
    public struct HeartbeatResponse: OCPPPayload {
        public var currentTime: Date

        public init(currentTime: Date) {
            self.currentTime = currentTime
        }
    }
}
