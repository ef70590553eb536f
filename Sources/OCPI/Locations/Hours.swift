public import Tariffs

/// When a location is open: around the clock, or regular weekday hours with exceptions (OCPI Hours).
public struct Hours: Codable, Sendable, Equatable {
    public var twentyfourseven: Bool
    public var regularHours: [RegularHours]?
    public var exceptionalOpenings: [ExceptionalPeriod]?
    public var exceptionalClosings: [ExceptionalPeriod]?

    public init(
        twentyfourseven: Bool, regularHours: [RegularHours]? = nil, exceptionalOpenings: [ExceptionalPeriod]? = nil,
        exceptionalClosings: [ExceptionalPeriod]? = nil
    ) {
        self.twentyfourseven = twentyfourseven
        self.regularHours = regularHours
        self.exceptionalOpenings = exceptionalOpenings
        self.exceptionalClosings = exceptionalClosings
    }

    enum CodingKeys: String, CodingKey {
        case twentyfourseven, regularHours = "regular_hours", exceptionalOpenings = "exceptional_openings"
        case exceptionalClosings = "exceptional_closings"
    }
}

extension Hours: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.objects(regularHours, "regular_hours")
        try path.objects(exceptionalOpenings, "exceptional_openings")
        try path.objects(exceptionalClosings, "exceptional_closings")
        try path.check(!twentyfourseven || (regularHours ?? []).isEmpty, "regular_hours", "only allowed when twentyfourseven is false")
        try path.check(twentyfourseven || !(regularHours ?? []).isEmpty, "regular_hours", "needs at least one entry when twentyfourseven is false")
    }
}

/// Opening hours on one weekday, local time (OCPI RegularHours).
public struct RegularHours: Codable, Sendable, Equatable {
    public var weekday: Int
    public var periodBegin: String
    public var periodEnd: String

    public init(weekday: Int, periodBegin: String, periodEnd: String) {
        self.weekday = weekday
        self.periodBegin = periodBegin
        self.periodEnd = periodEnd
    }

    enum CodingKeys: String, CodingKey {
        case weekday, periodBegin = "period_begin", periodEnd = "period_end"
    }
}

extension RegularHours: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.check((1...7).contains(weekday), "weekday", "must be 1 (Monday) to 7 (Sunday)")
        try path.check(LocalTimeText.isValid(periodBegin, allowing24: false), "period_begin", "must be a time HH:MM")
        try path.check(LocalTimeText.isValid(periodEnd, allowing24: true), "period_end", "must be a time HH:MM")
    }
}

/// A period in which a location is exceptionally open or closed (OCPI ExceptionalPeriod).
public struct ExceptionalPeriod: Codable, Sendable, Equatable {
    public var periodBegin: OCPIDateTime
    public var periodEnd: OCPIDateTime

    public init(periodBegin: OCPIDateTime, periodEnd: OCPIDateTime) {
        self.periodBegin = periodBegin
        self.periodEnd = periodEnd
    }

    enum CodingKeys: String, CodingKey {
        case periodBegin = "period_begin", periodEnd = "period_end"
    }
}

extension ExceptionalPeriod: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        try path.check(periodBegin < periodEnd, "period_end", "must be after period_begin")
    }
}
