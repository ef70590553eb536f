public import Foundation

extension OCPP201 {
    /// Reports that a transaction started, changed or ended.
    public struct TransactionEventRequest: OCPP201.Request {
        public typealias Response = TransactionEventResponse
        public static let action = "TransactionEvent"

        public var eventType: TransactionEventType
        public var meterValues: [MeterValue]?
        public var timestamp: Date
        public var triggerReason: TriggerReason
        /// Counts the events of a transaction, from 0, so the CSMS can tell a gap.
        public var seqNo: Int
        /// Whether the event happened while the station was offline. Absent means false.
        public var offline: Bool?
        public var numberOfPhasesUsed: Int?
        /// Amperes.
        public var cableMaxCurrent: Int?
        public var reservationId: Int?
        public var transactionInfo: Transaction
        public var evse: EVSE?
        public var idToken: IdToken?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            eventType: TransactionEventType,
            meterValues: [MeterValue]? = nil,
            timestamp: Date,
            triggerReason: TriggerReason,
            seqNo: Int,
            offline: Bool? = nil,
            numberOfPhasesUsed: Int? = nil,
            cableMaxCurrent: Int? = nil,
            reservationId: Int? = nil,
            transactionInfo: Transaction,
            evse: EVSE? = nil,
            idToken: IdToken? = nil,
            customData: CustomData? = nil
        ) {
            self.eventType = eventType
            self.meterValues = meterValues
            self.timestamp = timestamp
            self.triggerReason = triggerReason
            self.seqNo = seqNo
            self.offline = offline
            self.numberOfPhasesUsed = numberOfPhasesUsed
            self.cableMaxCurrent = cableMaxCurrent
            self.reservationId = reservationId
            self.transactionInfo = transactionInfo
            self.evse = evse
            self.idToken = idToken
            self.customData = customData
        }

        enum CodingKeys: String, CodingKey {
            case eventType
            case meterValues = "meterValue"
            case timestamp
            case triggerReason
            case seqNo
            case offline
            case numberOfPhasesUsed
            case cableMaxCurrent
            case reservationId
            case transactionInfo
            case evse
            case idToken
            case customData
        }
    }

    /// The running cost, priority, and the verdict on the idToken if one was sent.
    public struct TransactionEventResponse: OCPPPayload {
        /// Including taxes, in the currency of the station's tariff.
        public var totalCost: Double?
        public var chargingPriority: Int?
        public var idTokenInfo: IdTokenInfo?
        public var updatedPersonalMessage: MessageContent?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            totalCost: Double? = nil,
            chargingPriority: Int? = nil,
            idTokenInfo: IdTokenInfo? = nil,
            updatedPersonalMessage: MessageContent? = nil,
            customData: CustomData? = nil
        ) {
            self.totalCost = totalCost
            self.chargingPriority = chargingPriority
            self.idTokenInfo = idTokenInfo
            self.updatedPersonalMessage = updatedPersonalMessage
            self.customData = customData
        }
    }

    /// The state of a transaction.
    public struct Transaction: Codable, Sendable, Hashable {
        public var transactionId: String
        public var chargingState: ChargingState?
        /// Seconds of actual charging so far.
        public var timeSpentCharging: Int?
        /// Only when the transaction ended.
        public var stoppedReason: StopReason?
        /// The id from the RequestStartTransaction that started it.
        public var remoteStartId: Int?
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            transactionId: String,
            chargingState: ChargingState? = nil,
            timeSpentCharging: Int? = nil,
            stoppedReason: StopReason? = nil,
            remoteStartId: Int? = nil,
            customData: CustomData? = nil
        ) {
            self.transactionId = transactionId
            self.chargingState = chargingState
            self.timeSpentCharging = timeSpentCharging
            self.stoppedReason = stoppedReason
            self.remoteStartId = remoteStartId
            self.customData = customData
        }
    }

    /// Whether a transaction started, changed or ended.
    public enum TransactionEventType: String, Codable, Sendable, Hashable, CaseIterable {
        case ended = "Ended"
        case started = "Started"
        case updated = "Updated"
    }

    /// What caused a transaction event.
    public enum TriggerReason: String, Codable, Sendable, Hashable, CaseIterable {
        case authorized = "Authorized"
        case cablePluggedIn = "CablePluggedIn"
        case chargingRateChanged = "ChargingRateChanged"
        case chargingStateChanged = "ChargingStateChanged"
        case deauthorized = "Deauthorized"
        case energyLimitReached = "EnergyLimitReached"
        case evCommunicationLost = "EVCommunicationLost"
        case evConnectTimeout = "EVConnectTimeout"
        case meterValueClock = "MeterValueClock"
        case meterValuePeriodic = "MeterValuePeriodic"
        case timeLimitReached = "TimeLimitReached"
        case trigger = "Trigger"
        case unlockCommand = "UnlockCommand"
        case stopAuthorized = "StopAuthorized"
        case evDeparted = "EVDeparted"
        case evDetected = "EVDetected"
        case remoteStop = "RemoteStop"
        case remoteStart = "RemoteStart"
        case abnormalCondition = "AbnormalCondition"
        case signedDataReceived = "SignedDataReceived"
        case resetCommand = "ResetCommand"
    }

    /// Whether energy flows, and if not, which side holds it back.
    public enum ChargingState: String, Codable, Sendable, Hashable, CaseIterable {
        case charging = "Charging"
        case evConnected = "EVConnected"
        case suspendedEV = "SuspendedEV"
        case suspendedEVSE = "SuspendedEVSE"
        case idle = "Idle"
    }

    /// Why a transaction ended.
    public enum StopReason: String, Codable, Sendable, Hashable, CaseIterable {
        case deAuthorized = "DeAuthorized"
        case emergencyStop = "EmergencyStop"
        case energyLimitReached = "EnergyLimitReached"
        case evDisconnected = "EVDisconnected"
        case groundFault = "GroundFault"
        case immediateReset = "ImmediateReset"
        case local = "Local"
        case localOutOfCredit = "LocalOutOfCredit"
        case masterPass = "MasterPass"
        case other = "Other"
        case overcurrentFault = "OvercurrentFault"
        case powerLoss = "PowerLoss"
        case powerQuality = "PowerQuality"
        case reboot = "Reboot"
        case remote = "Remote"
        case socLimitReached = "SOCLimitReached"
        case stoppedByEV = "StoppedByEV"
        case timeLimitReached = "TimeLimitReached"
        case timeout = "Timeout"
    }
}

extension OCPP201.TransactionEventRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .minimum("seqNo", 0) { $0.seqNo },
        .items("meterValue", minimum: 1) { $0.meterValues?.count },
    ]
}

extension OCPP201.Transaction: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("transactionId", 36) { $0.transactionId },
    ]
}
