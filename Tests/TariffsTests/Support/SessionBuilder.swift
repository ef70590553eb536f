import Foundation
import Tariffs

/// Builds sessions for tests: periods given as minutes after the session's start, times in UTC.
struct SessionBuilder {
    let start: Date
    let timeZone: TimeZone
    private(set) var periods: [ChargingPeriod] = []

    /// `start` is "YYYY-MM-DDTHH:MM:SSZ"; `zone` the location's IANA zone.
    init(_ start: String, zone: String = "UTC") {
        self.start = OCPIDateTime(start)?.date ?? Date(timeIntervalSince1970: 0)
        self.timeZone = TimeZone(identifier: zone) ?? .gmt
    }

    /// Adds a period starting `minute` minutes into the session.
    func period(at minute: Double, _ dimensions: [CdrDimension]) -> SessionBuilder {
        var copy = self
        copy.periods.append(ChargingPeriod(startDateTime: OCPIDateTime(start.addingTimeInterval(minute * 60)), dimensions: dimensions))
        return copy
    }

    /// The session, ending `minute` minutes after its start.
    func ending(at minute: Double) -> ChargingSession {
        ChargingSession(start: start, end: start.addingTimeInterval(minute * 60), periods: periods, timeZone: timeZone)
    }
}

/// A decimal from its exact text ("0.25"), never through a binary float.
func dec(_ text: String) -> Decimal { Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? .nan }

func kWh(_ value: String) -> CdrDimension { CdrDimension(.energy, dec(value)) }
/// Charging time in minutes, as OCPI hours.
func chargingMinutes(_ minutes: Int) -> CdrDimension { CdrDimension(.time, Decimal(minutes) / 60) }
func parkingMinutes(_ minutes: Int) -> CdrDimension { CdrDimension(.parkingTime, Decimal(minutes) / 60) }
func reservedMinutes(_ minutes: Int) -> CdrDimension { CdrDimension(.reservationTime, Decimal(minutes) / 60) }

/// Decodes a tariff from OCPI JSON text; fails the test with the decoder's message.
func tariff(_ json: String) throws -> Tariff { try OCPIJSON.decodeTariff(Data(json.utf8)) }

/// A decimal rounded to `places` (half up), for amounts with repeating digits.
func rounded(_ value: Decimal, _ places: Int) -> Decimal {
    var value = value
    var result = Decimal()
    NSDecimalRound(&result, &value, places, .plain)
    return result
}
