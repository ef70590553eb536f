public import Foundation

/// The part of an OCPI 2.2.1 CDR that pricing needs: its times, charging periods and (if it carries one) time zone.
public struct CDRChargingPeriods: Decodable, Sendable, Equatable {
    public var startDateTime: OCPIDateTime
    public var endDateTime: OCPIDateTime
    public var chargingPeriods: [ChargingPeriod]
    /// `cdr_location.time_zone`: not in OCPI 2.2.1's CdrLocation, but some parties send it.
    public var locationTimeZone: String?

    enum CodingKeys: String, CodingKey {
        case startDateTime = "start_date_time", endDateTime = "end_date_time", chargingPeriods = "charging_periods"
        case cdrLocation = "cdr_location"
    }

    private struct Location: Decodable {
        var timeZone: String?
        enum CodingKeys: String, CodingKey { case timeZone = "time_zone" }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        startDateTime = try container.decode(OCPIDateTime.self, forKey: .startDateTime)
        endDateTime = try container.decode(OCPIDateTime.self, forKey: .endDateTime)
        chargingPeriods = try container.decode([ChargingPeriod].self, forKey: .chargingPeriods)
        locationTimeZone = try container.decodeIfPresent(Location.self, forKey: .cdrLocation)?.timeZone
    }

    /// Decodes a CDR and checks that its periods can be priced.
    public static func decode(_ data: Data) throws(OCPIJSONError) -> CDRChargingPeriods {
        let cdr = try OCPIJSON.decode(CDRChargingPeriods.self, data)
        if cdr.endDateTime < cdr.startDateTime {
            throw OCPIJSONError(field: "end_date_time", message: "is before start_date_time")
        }
        if cdr.chargingPeriods.isEmpty {
            throw OCPIJSONError(field: "charging_periods", message: "must hold at least one charging period")
        }
        for (index, period) in cdr.chargingPeriods.enumerated() {
            let at = "charging_periods[\(index)]"
            if period.startDateTime < cdr.startDateTime || period.startDateTime > cdr.endDateTime {
                throw OCPIJSONError(field: "\(at).start_date_time", message: "is outside the CDR's start_date_time...end_date_time")
            }
            if index > 0, period.startDateTime < cdr.chargingPeriods[index - 1].startDateTime {
                throw OCPIJSONError(field: "\(at).start_date_time", message: "is before the previous period's start")
            }
            if period.dimensions.isEmpty {
                throw OCPIJSONError(field: "\(at).dimensions", message: "must hold at least one dimension")
            }
            for (dimensionIndex, dimension) in period.dimensions.enumerated()
            where dimension.type != .energy && dimension.type != .energyExport && dimension.volume < 0 {
                throw OCPIJSONError(field: "\(at).dimensions[\(dimensionIndex)].volume", message: "must not be negative")
            }
        }
        if let zone = cdr.locationTimeZone, TimeZone(identifier: zone) == nil {
            throw OCPIJSONError(field: "cdr_location.time_zone", message: "unknown IANA time zone \"\(zone)\"")
        }
        return cdr
    }

    /// The session in `timeZone`, which the caller chose (from `locationTimeZone` or elsewhere).
    public func session(in timeZone: TimeZone) -> ChargingSession {
        ChargingSession(start: startDateTime.date, end: endDateTime.date, periods: chargingPeriods, timeZone: timeZone)
    }
}
