import CPMS
import Foundation
import Testing

struct TimeOfUseScheduleTests {
    typealias Period = TimeOfUseSettings.Period

    static func sampleSettings() throws -> TimeOfUseSettings {
        guard case .timeOfUse(let settings) = try JSONDecoder().decode(SupplyFeedSettings.self, from: try MarketSamples.data("tou-two-rates-over-midnight.json")) else {
            throw TimeOfUseError("the sample is not a tou feed")
        }
        return settings
    }

    static func expect(_ intervals: [ForecastInterval], _ expected: [(String, String, String)], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(intervals.count == expected.count, "\(intervals.map { "\($0.start) \($0.end) \($0.pricePerKWh ?? 0)" })", sourceLocation: sourceLocation)
        for (interval, (start, end, price)) in zip(intervals, expected) {
            #expect(interval.start == MarketSamples.time(start), sourceLocation: sourceLocation)
            #expect(interval.end == MarketSamples.time(end), sourceLocation: sourceLocation)
            #expect(interval.pricePerKWh == Decimal(string: price), sourceLocation: sourceLocation)
        }
    }

    static func refusal(_ settings: TimeOfUseSettings) -> String {
        do {
            _ = try TimeOfUseSchedule(settings)
            return "accepted"
        } catch {
            return error.description
        }
    }

    @Test func nightRateRunsOverMidnightAndWeekendsHaveTheirOwnDayRate() throws {
        let schedule = try TimeOfUseSchedule(try Self.sampleSettings())
        // Friday 2027-01-15 09:07 in Berlin (CET, UTC+1): back to the window at 08:00Z.
        let intervals = schedule.intervals(from: MarketSamples.time("2027-01-15T08:07:00Z"), hours: 48)
        Self.expect(intervals, [
            ("2027-01-15T08:00:00Z", "2027-01-15T16:00:00Z", "0.29"),
            ("2027-01-15T16:00:00Z", "2027-01-15T21:00:00Z", "0.41"),
            ("2027-01-15T21:00:00Z", "2027-01-16T05:00:00Z", "0.18"),
            ("2027-01-16T05:00:00Z", "2027-01-16T21:00:00Z", "0.24"),
            ("2027-01-16T21:00:00Z", "2027-01-17T05:00:00Z", "0.18"),
            ("2027-01-17T05:00:00Z", "2027-01-17T08:07:00Z", "0.24"),
        ])
    }

    @Test func theNightThatStartedYesterdayIsInForceAtMidnight() throws {
        let schedule = try TimeOfUseSchedule(try Self.sampleSettings())
        // Monday 2027-01-18 02:00 local: Sunday's 22:00-06:00 night is in force.
        let intervals = schedule.intervals(from: MarketSamples.time("2027-01-18T01:00:00Z"), hours: 6)
        Self.expect(intervals, [
            ("2027-01-18T01:00:00Z", "2027-01-18T05:00:00Z", "0.18"),
            ("2027-01-18T05:00:00Z", "2027-01-18T07:00:00Z", "0.29"),
        ])
    }

    @Test func theSpringNightIsAnHourShorterAndTheSkippedHourIsEmpty() throws {
        // Sunday 2027-03-28: Berlin's clocks jump from 02:00 CET to 03:00 CEST (01:00Z).
        let settings = TimeOfUseSettings(timeZone: "Europe/Berlin", periods: [
            Period(from: "01:00", to: "04:00", weekdays: [7], pricePerKWh: Decimal(string: "0.10")!),
            Period(from: "22:00", to: "01:00", weekdays: [6], pricePerKWh: Decimal(string: "0.20")!),
        ])
        let schedule = try TimeOfUseSchedule(settings)
        Self.expect(schedule.intervals(from: MarketSamples.time("2027-03-27T12:00:00Z"), hours: 24), [
            ("2027-03-27T21:00:00Z", "2027-03-28T00:00:00Z", "0.20"),
            ("2027-03-28T00:00:00Z", "2027-03-28T02:00:00Z", "0.10"),
        ])

        let skipped = TimeOfUseSettings(timeZone: "Europe/Berlin", periods: [
            Period(from: "02:00", to: "03:00", weekdays: [7], pricePerKWh: Decimal(string: "0.50")!),
            Period(from: "03:00", to: "04:00", weekdays: [7], pricePerKWh: Decimal(string: "0.60")!),
        ])
        Self.expect(try TimeOfUseSchedule(skipped).intervals(from: MarketSamples.time("2027-03-27T12:00:00Z"), hours: 24), [
            ("2027-03-28T01:00:00Z", "2027-03-28T02:00:00Z", "0.60"),
        ])
    }

    @Test func theAutumnNightIsAnHourLonger() throws {
        // Sunday 2027-10-31: Berlin's clocks go back from 03:00 CEST to 02:00 CET (01:00Z); 02:00-03:00 happens twice.
        let settings = TimeOfUseSettings(timeZone: "Europe/Berlin", periods: [
            Period(from: "00:00", to: "06:00", weekdays: [7], pricePerKWh: Decimal(string: "0.10")!),
            Period(from: "06:00", to: "24:00", weekdays: [7], pricePerKWh: Decimal(string: "0.30")!),
        ])
        Self.expect(try TimeOfUseSchedule(settings).intervals(from: MarketSamples.time("2027-10-30T12:00:00Z"), hours: 36), [
            ("2027-10-30T22:00:00Z", "2027-10-31T05:00:00Z", "0.10"),
            ("2027-10-31T05:00:00Z", "2027-10-31T23:00:00Z", "0.30"),
        ])
    }

    @Test func hoursNoPeriodCoversAreLeftForTheFallback() throws {
        let settings = TimeOfUseSettings(timeZone: "UTC", periods: [Period(from: "10:00", to: "12:00", pricePerKWh: 1)])
        Self.expect(try TimeOfUseSchedule(settings).intervals(from: MarketSamples.time("2027-01-15T08:00:00Z"), hours: 30), [
            ("2027-01-15T10:00:00Z", "2027-01-15T12:00:00Z", "1"),
            ("2027-01-16T10:00:00Z", "2027-01-16T12:00:00Z", "1"),
        ])
    }

    static let refusals: [(TimeOfUseSettings, String)] = [
        (TimeOfUseSettings(timeZone: "Mars/Olympus", periods: [Period(from: "00:00", to: "24:00", pricePerKWh: 1)]), "timeZone Mars/Olympus is not an IANA time zone"),
        (TimeOfUseSettings(timeZone: "UTC", periods: []), "periods must not be empty"),
        (TimeOfUseSettings(timeZone: "UTC", periods: [Period(from: "25:00", to: "06:00", pricePerKWh: 1)]), "periods[0].from must be HH:MM"),
        (TimeOfUseSettings(timeZone: "UTC", periods: [Period(from: "24:00", to: "06:00", pricePerKWh: 1)]), "periods[0].from must be HH:MM"),
        (TimeOfUseSettings(timeZone: "UTC", periods: [Period(from: "6:00", to: "08:00", pricePerKWh: 1)]), "periods[0].from must be HH:MM"),
        (TimeOfUseSettings(timeZone: "UTC", periods: [Period(from: "06:00", to: "24:30", pricePerKWh: 1)]), "periods[0].to must be HH:MM"),
        (TimeOfUseSettings(timeZone: "UTC", periods: [Period(from: "06:00", to: "06:00", pricePerKWh: 1)]), "periods[0] from 06:00 to 06:00 is empty"),
        (TimeOfUseSettings(timeZone: "UTC", periods: [Period(from: "06:00", to: "08:00", weekdays: [0], pricePerKWh: 1)]), "periods[0].weekdays must be ISO weekdays"),
        (TimeOfUseSettings(timeZone: "UTC", periods: [Period(from: "06:00", to: "08:00", pricePerKWh: 5000)]), "periods[0].pricePerKWh must be between"),
        (TimeOfUseSettings(timeZone: "UTC", periods: [
            Period(from: "06:00", to: "18:00", pricePerKWh: 1), Period(from: "17:00", to: "20:00", weekdays: [3], pricePerKWh: 2),
        ]), "periods[0] and periods[1] overlap (Wednesday 17:00)"),
        (TimeOfUseSettings(timeZone: "UTC", periods: [
            Period(from: "22:00", to: "06:00", weekdays: [7], pricePerKWh: 1), Period(from: "05:00", to: "08:00", weekdays: [1], pricePerKWh: 2),
        ]), "periods[0] and periods[1] overlap (Monday 05:00)"),
    ]

    @Test(arguments: refusals.indices)
    func invalidContractsAreRefusedWithTheReason(_ index: Int) {
        let (settings, expected) = Self.refusals[index]
        let refusal = Self.refusal(settings)
        #expect(refusal.hasPrefix(expected), "\(refusal)")
    }
}
