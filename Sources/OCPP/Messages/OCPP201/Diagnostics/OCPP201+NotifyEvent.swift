public import Foundation

extension OCPP201 {
    /// Reports events of the device model: alerts, changed values, periodic reports.
    public struct NotifyEventRequest: OCPP201.Request {
        public typealias Response = NotifyEventResponse
        public static let action = "NotifyEvent"

        public var generatedAt: Date
        /// "To be continued": more parts follow. Absent means false.
        public var tbc: Bool?
        /// The part number, from 0.
        public var seqNo: Int
        public var eventData: [EventData]
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            generatedAt: Date,
            tbc: Bool? = nil,
            seqNo: Int,
            eventData: [EventData],
            customData: CustomData? = nil
        ) {
            self.generatedAt = generatedAt
            self.tbc = tbc
            self.seqNo = seqNo
            self.eventData = eventData
            self.customData = customData
        }
    }

    /// Acknowledges a NotifyEvent.
    public struct NotifyEventResponse: OCPPPayload {
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(customData: CustomData? = nil) {
            self.customData = customData
        }
    }

    /// One event on a variable of a component.
    public struct EventData: Codable, Sendable, Hashable {
        public var eventId: Int
        public var timestamp: Date
        public var trigger: EventTrigger
        /// The eventId of the event that caused this one.
        public var cause: Int?
        public var actualValue: String
        public var techCode: String?
        public var techInfo: String?
        public var cleared: Bool?
        public var transactionId: String?
        public var component: Component
        public var variableMonitoringId: Int?
        public var eventNotificationType: EventNotificationType
        public var variable: Variable
        /// Vendor-specific additions.
        public var customData: CustomData?

        public init(
            eventId: Int,
            timestamp: Date,
            trigger: EventTrigger,
            cause: Int? = nil,
            actualValue: String,
            techCode: String? = nil,
            techInfo: String? = nil,
            cleared: Bool? = nil,
            transactionId: String? = nil,
            component: Component,
            variableMonitoringId: Int? = nil,
            eventNotificationType: EventNotificationType,
            variable: Variable,
            customData: CustomData? = nil
        ) {
            self.eventId = eventId
            self.timestamp = timestamp
            self.trigger = trigger
            self.cause = cause
            self.actualValue = actualValue
            self.techCode = techCode
            self.techInfo = techInfo
            self.cleared = cleared
            self.transactionId = transactionId
            self.component = component
            self.variableMonitoringId = variableMonitoringId
            self.eventNotificationType = eventNotificationType
            self.variable = variable
            self.customData = customData
        }
    }

    /// What made a monitor report.
    public enum EventTrigger: String, Codable, Sendable, Hashable, CaseIterable {
        case alerting = "Alerting"
        case delta = "Delta"
        case periodic = "Periodic"
    }

    /// Which kind of monitor reported.
    public enum EventNotificationType: String, Codable, Sendable, Hashable, CaseIterable {
        case hardWiredNotification = "HardWiredNotification"
        case hardWiredMonitor = "HardWiredMonitor"
        case preconfiguredMonitor = "PreconfiguredMonitor"
        case customMonitor = "CustomMonitor"
    }
}

extension OCPP201.NotifyEventRequest: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .items("eventData", minimum: 1) { $0.eventData.count },
    ]
}

extension OCPP201.EventData: ConstrainedPayload {
    static let rules: [PropertyRule<Self>] = [
        .maxLength("actualValue", 2500) { $0.actualValue },
        .maxLength("techCode", 50) { $0.techCode },
        .maxLength("techInfo", 500) { $0.techInfo },
        .maxLength("transactionId", 36) { $0.transactionId },
    ]
}
