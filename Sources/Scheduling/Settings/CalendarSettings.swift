public import Foundation

/// How the calendar cuts time and what it leaves between entries.
public struct CalendarSettings: Sendable, Hashable, Codable {
    /// Starts and ends are multiples of this step (from 1970-01-01T00:00Z, so whole quarter hours in UTC
    /// and in every zone with whole-quarter offsets).
    public var slotStep: TimeInterval
    /// Free time kept between two entries of an EVSE (the previous driver leaves, the next arrives).
    public var turnaroundGap: TimeInterval
    public var terms: BookingTerms

    public init(slotStep: TimeInterval = 15 * 60, turnaroundGap: TimeInterval = 0, terms: BookingTerms = BookingTerms()) {
        self.slotStep = slotStep
        self.turnaroundGap = turnaroundGap
        self.terms = terms
    }

    /// The problem with these settings, if any.
    public var problem: String? {
        if !(60...86_400).contains(slotStep) || slotStep.rounded() != slotStep { return "slot step must be whole seconds, from 60 to 86400" }
        if !(0...604_800).contains(turnaroundGap) || turnaroundGap.rounded() != turnaroundGap {
            return "turnaround gap must be whole seconds, from 0 to 604800"
        }
        return terms.problem
    }
}

/// The terms an eMSP's booking is made under.
public struct BookingTerms: Sendable, Hashable, Codable {
    /// How long before its start an eMSP may still move or extend a booking.
    public var changeDeadline: TimeInterval
    /// How long before its start an eMSP may still cancel a booking.
    public var cancelDeadline: TimeInterval
    /// How long after its start an unused booking is kept; then it is released. Nil: kept to its end.
    public var noShowTimeout: TimeInterval?

    public init(changeDeadline: TimeInterval = 0, cancelDeadline: TimeInterval = 0, noShowTimeout: TimeInterval? = 15 * 60) {
        self.changeDeadline = changeDeadline
        self.cancelDeadline = cancelDeadline
        self.noShowTimeout = noShowTimeout
    }

    var problem: String? {
        let year: TimeInterval = 366 * 86_400
        if !(0...year).contains(changeDeadline) || changeDeadline.rounded() != changeDeadline { return "change deadline must be whole seconds, from 0 to a year" }
        if !(0...year).contains(cancelDeadline) || cancelDeadline.rounded() != cancelDeadline { return "cancel deadline must be whole seconds, from 0 to a year" }
        if let noShowTimeout, !(1...year).contains(noShowTimeout) || noShowTimeout.rounded() != noShowTimeout {
            return "no-show timeout must be whole seconds, from 1 to a year"
        }
        return nil
    }
}
