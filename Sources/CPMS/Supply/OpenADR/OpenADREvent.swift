public import Foundation

/// An event's identity: what cpms de-duplicates on and answers for.
public struct OpenADREventReference: Sendable, Hashable {
    public var eventID: String
    public var modificationNumber: Int

    public init(eventID: String, modificationNumber: Int) {
        self.eventID = eventID
        self.modificationNumber = modificationNumber
    }

    /// The reference of an `oadrEvent`, nil when it has no eventID or no numeric modificationNumber.
    public init?(_ oadrEvent: OpenADRElement) {
        guard let descriptor = oadrEvent.find("eiEvent", "eventDescriptor"), let id = descriptor.text("eventID"),
            let modification = descriptor.text("modificationNumber").flatMap(Int.init), modification >= 0
        else { return nil }
        self.init(eventID: id, modificationNumber: modification)
    }
}

/// An OpenADR 2.0b event (eiEvent) as cpms reads it.
public struct OpenADREvent: Sendable, Equatable {
    public var reference: OpenADREventReference
    /// none, far, near, active, completed, cancelled.
    public var status: String
    public var start: Date
    /// The active period's length, seconds; 0 means open-ended.
    public var durationSeconds: Double
    public var signals: [Signal]
    /// The eiTarget's groupIDs and groupNames.
    public var targetGroups: [String]
    /// oadrResponseRequired is `always` (else `never`).
    public var responseRequired: Bool

    public var isCancelled: Bool { status == "cancelled" }

    public struct Signal: Sendable, Equatable {
        public var name: String
        public var type: String
        public var id: String?
        public var itemBase: ItemBase?
        public var intervals: [Interval]
    }

    /// What a signal's values are in: `currencyPerKWh`, `currencyPerMWh`, `powerReal`, ... with units and scale.
    public struct ItemBase: Sendable, Equatable {
        /// The element's local name.
        public var kind: String
        public var units: String?
        /// siScaleCode: none, k, M, ...
        public var scale: String?
    }

    public struct Interval: Sendable, Equatable {
        public var start: Date
        public var durationSeconds: Double
        /// The payload as written (exact, for prices).
        public var value: Decimal
    }

    /// Reads an `oadrEvent`; throws with what is wrong so that cpms can opt out with the reason.
    public init(_ oadrEvent: OpenADRElement) throws(OpenADRXMLError) {
        guard let reference = OpenADREventReference(oadrEvent) else { throw OpenADRXMLError("the event has no eventID or modificationNumber") }
        guard let event = oadrEvent.child("eiEvent"), let descriptor = event.child("eventDescriptor") else {
            throw OpenADRXMLError("the event has no eiEvent")
        }
        self.reference = reference
        status = descriptor.text("eventStatus") ?? "none"
        responseRequired = (oadrEvent.text("oadrResponseRequired") ?? "always") != "never"
        guard let properties = event.find("eiActivePeriod", "properties"), let startText = properties.text("dtstart", "date-time"),
            let start = OpenADRDuration.date(startText)
        else { throw OpenADRXMLError("the event's eiActivePeriod has no dtstart date-time") }
        self.start = start
        let durationText = properties.text("duration", "duration") ?? "PT0S"
        guard let duration = OpenADRDuration.seconds(durationText), duration >= 0 else {
            throw OpenADRXMLError("the event's duration \(durationText) is not a duration")
        }
        durationSeconds = duration
        let target = event.child("eiTarget")
        targetGroups = (target?.children("groupID") ?? []).map(\.text) + (target?.children("groupName") ?? []).map(\.text)
        var signals: [Signal] = []
        for signal in event.child("eiEventSignals")?.children("eiEventSignal") ?? [] {
            signals.append(try Self.signal(signal, eventStart: start, eventDuration: duration))
        }
        self.signals = signals
    }

    private static let itemBaseKinds: Set = [
        "currencyPerKWh", "currencyPerMWh", "currencyPerKW", "currency", "powerReal", "powerApparent", "powerReactive", "energyReal",
        "energyApparent", "energyReactive", "voltage", "current", "frequency", "temperature", "pulseCount", "customUnit", "Therm", "currencyPerThm",
    ]

    private static func signal(_ element: OpenADRElement, eventStart: Date, eventDuration: Double) throws(OpenADRXMLError) -> Signal {
        guard let name = element.text("signalName"), let type = element.text("signalType") else {
            throw OpenADRXMLError("a signal has no signalName or signalType")
        }
        let base = element.children.first { itemBaseKinds.contains($0.name) }.map {
            ItemBase(kind: $0.name, units: $0.text("itemUnits"), scale: $0.text("siScaleCode"))
        }
        var intervals: [Interval] = []
        var next = eventStart
        for interval in element.child("intervals")?.children("interval") ?? [] {
            let start = try interval.text("dtstart", "date-time").map { text throws(OpenADRXMLError) in
                guard let date = OpenADRDuration.date(text) else { throw OpenADRXMLError("signal \(name): interval dtstart \(text) is not a date-time") }
                return date
            } ?? next
            let durationText = interval.text("duration", "duration") ?? "PT0S"
            guard var seconds = OpenADRDuration.seconds(durationText), seconds >= 0 else {
                throw OpenADRXMLError("signal \(name): interval duration \(durationText) is not a duration")
            }
            if seconds == 0 {
                // An open interval runs to the end of the event's active period.
                let end = eventStart.addingTimeInterval(eventDuration)
                guard eventDuration > 0, end > start else { throw OpenADRXMLError("signal \(name): an interval without a duration in an open-ended event") }
                seconds = end.timeIntervalSince(start)
            }
            guard let valueText = interval.text("signalPayload", "payloadFloat", "value"), let value = Decimal(string: valueText, locale: Locale(identifier: "en_US_POSIX")),
                valueText.allSatisfy({ "0123456789.-+eE".contains($0) })
            else {
                throw OpenADRXMLError("signal \(name): an interval has no numeric signalPayload")
            }
            guard !value.isNaN, abs(value) < 1_000_000_000_000 else { throw OpenADRXMLError("signal \(name): signalPayload \(valueText) is out of range") }
            intervals.append(Interval(start: start, durationSeconds: seconds, value: value))
            next = start.addingTimeInterval(seconds)
        }
        return Signal(name: name, type: type, id: element.text("signalID"), itemBase: base, intervals: intervals)
    }
}
