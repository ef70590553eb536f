public import Tariffs

/// A planned status of an EVSE for a period, such as maintenance (OCPI StatusSchedule).
public struct StatusSchedule: Codable, Sendable, Equatable {
    public var periodBegin: OCPIDateTime
    public var periodEnd: OCPIDateTime?
    public var status: EVSEStatus

    public init(periodBegin: OCPIDateTime, periodEnd: OCPIDateTime? = nil, status: EVSEStatus) {
        self.periodBegin = periodBegin
        self.periodEnd = periodEnd
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case periodBegin = "period_begin", periodEnd = "period_end", status
    }
}

extension StatusSchedule: OCPIValidatable {
    public func validate(at path: FieldPath) throws(OCPIDecodingError) {
        if let periodEnd { try path.check(periodBegin < periodEnd, "period_end", "must be after period_begin") }
    }
}
