public import Tariffs

/// The free timeslots of a booking location between two times (Bookings add-on Calendar; renamed for Foundation's Calendar).
public struct BookingCalendar: Codable, Sendable, Equatable {
    public var id: String
    public var beginFrom: OCPIDateTime
    public var endBefore: OCPIDateTime
    public var stepSize: Int?
    public var availableTimeslots: [Timeslot]
    public var lastUpdated: OCPIDateTime

    public init(
        id: String, beginFrom: OCPIDateTime, endBefore: OCPIDateTime, stepSize: Int? = nil,
        availableTimeslots: [Timeslot], lastUpdated: OCPIDateTime
    ) {
        self.id = id
        self.beginFrom = beginFrom
        self.endBefore = endBefore
        self.stepSize = stepSize
        self.availableTimeslots = availableTimeslots
        self.lastUpdated = lastUpdated
    }

    enum CodingKeys: String, CodingKey {
        case id, beginFrom = "begin_from", endBefore = "end_before", stepSize = "step_size"
        case availableTimeslots = "available_timeslots", lastUpdated = "last_updated"
    }
}

extension BookingCalendar: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.text(id, "id", .ciString(max: 36))
        try path.objects(availableTimeslots, "available_timeslots", atLeastOne: true)
        try path.check(beginFrom < endBefore, "end_before", "must be after begin_from")
        try path.check(stepSize.map { $0 > 0 } ?? true, "step_size", "must be positive")
    }
}
