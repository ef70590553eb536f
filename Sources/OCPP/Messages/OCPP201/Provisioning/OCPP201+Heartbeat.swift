public import Foundation

extension OCPP201 {
    /// Tells the CSMS the station is alive.
    public struct HeartbeatRequest: OCPP201.Request {
        public typealias Response = HeartbeatResponse
        public static let action = "Heartbeat"

        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(customData: CustomData? = nil) {
            self.customData = customData
        }
    }

    /// The CSMS's time.
    public struct HeartbeatResponse: OCPPPayload {
        public var currentTime: Date
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(currentTime: Date, customData: CustomData? = nil) {
            self.currentTime = currentTime
            self.customData = customData
        }
    }
}
