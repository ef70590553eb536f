public import Foundation
public import StationCore

/// The battery's plan over a price schedule: what to do in each slot and the SoC it expects.
public struct BatteryPlan: Sendable, Hashable {
    /// What the battery should do during one slot. Powers are grid side and positive.
    public enum Intent: Sendable, Hashable {
        case charge(Watts)
        case discharge(Watts)
        case hold
    }

    /// One slot of the plan.
    public struct Step: Sendable, Hashable {
        /// Start of the slot, or the planning time for the slot that was running then.
        public var start: Date
        public var end: Date
        public var importPrice: Double
        public var intent: Intent
        /// SoC expected at the end of the slot.
        public var expectedSoC: StateOfCharge

        public init(start: Date, end: Date, importPrice: Double, intent: Intent, expectedSoC: StateOfCharge) {
            self.start = start
            self.end = end
            self.importPrice = importPrice
            self.intent = intent
            self.expectedSoC = expectedSoC
        }
    }

    /// SoC the plan started from.
    public var initialSoC: StateOfCharge
    /// Slots from the planning time on, sorted and without overlaps.
    public var steps: [Step]

    public init(initialSoC: StateOfCharge, steps: [Step]) {
        self.initialSoC = initialSoC
        self.steps = steps
    }

    /// The step whose slot contains `time`, if any.
    public func step(at time: Date) -> Step? {
        var low = 0
        var high = steps.count
        while low < high {
            let middle = (low + high) / 2
            if steps[middle].end <= time { low = middle + 1 } else { high = middle }
        }
        guard low < steps.count, steps[low].start <= time else { return nil }
        return steps[low]
    }

    /// Whether no slot charges or discharges.
    public var holdsThroughout: Bool { steps.allSatisfy { $0.intent == .hold } }
}
