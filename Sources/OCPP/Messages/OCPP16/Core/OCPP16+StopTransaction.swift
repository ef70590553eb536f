public import Foundation

extension OCPP16 {
    /// Reports that a transaction stopped, with the final meter reading.
    public struct StopTransactionRequest: OCPP16.Request {
        public typealias Response = StopTransactionResponse
        public static let action = "StopTransaction"

        public var idTag: String?
        /// The energy register at the stop, in Wh.
        public var meterStop: Int
        public var timestamp: Date
        public var transactionId: Int
        public var reason: StopReason?
        public var transactionData: [MeterValue]?

        public init(
            idTag: String? = nil,
            meterStop: Int,
            timestamp: Date,
            transactionId: Int,
            reason: StopReason? = nil,
            transactionData: [MeterValue]? = nil
        ) {
            self.idTag = idTag
            self.meterStop = meterStop
            self.timestamp = timestamp
            self.transactionId = transactionId
            self.reason = reason
            self.transactionData = transactionData
        }
    }

    /// The verdict on the idTag that stopped the transaction, if one was given.
    public struct StopTransactionResponse: OCPPPayload {
        public var idTagInfo: IdTagInfo?

        public init(idTagInfo: IdTagInfo? = nil) {
            self.idTagInfo = idTagInfo
        }
    }

    /// Why a transaction stopped.
    public enum StopReason: String, Codable, Sendable, Hashable, CaseIterable {
        case emergencyStop = "EmergencyStop"
        case evDisconnected = "EVDisconnected"
        case hardReset = "HardReset"
        case local = "Local"
        case other = "Other"
        case powerLoss = "PowerLoss"
        case reboot = "Reboot"
        case remote = "Remote"
        case softReset = "SoftReset"
        case unlockCommand = "UnlockCommand"
        case deAuthorized = "DeAuthorized"
    }
}

extension OCPP16.StopTransactionRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("idTag", 20) { $0.idTag },
        .invalidValue("transactionData") { request in
            let units = request.transactionData?.flatMap { $0.sampledValues.compactMap(\.unit) } ?? []
            return units.contains(.hertz) ? "the unit Hertz is not allowed in StopTransaction" : nil
        },
    ]
}
