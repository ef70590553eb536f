import Foundation
import StationTesting
import Tariffs
import Testing

/// Properties over generated sessions. Each reference below is written differently from the engine.
@Suite struct PricingPropertyTests {
    private static let cases = 400

    private func timeTariff(_ restrictions: TariffRestrictions, restrictedPrice: Decimal = 2, fallbackPrice: Decimal = 1) -> Tariff {
        Tariff(
            countryCode: "NL", partyID: "SMR", id: "p", currency: "EUR",
            elements: [
                TariffElement(priceComponents: [PriceComponent(type: .time, price: restrictedPrice, stepSize: 1)], restrictions: restrictions),
                TariffElement(priceComponents: [PriceComponent(type: .time, price: fallbackPrice, stepSize: 1)]),
            ],
            lastUpdated: OCPIDateTime(Date(timeIntervalSince1970: 0)))
    }

    /// The restricted element (0) or the fallback (1) that prices a one-minute period at `minute` UTC in `zone`.
    private func element(_ tariff: Tariff, at start: Date, zone: TimeZone, sessionStart: Date? = nil, extra: [CdrDimension] = []) throws -> Int? {
        let session = ChargingSession(
            start: sessionStart ?? start, end: start.addingTimeInterval(60),
            periods: [ChargingPeriod(startDateTime: OCPIDateTime(start), dimensions: [chargingMinutes(1)] + extra)],
            timeZone: zone)
        return try PricingEngine.price(session, under: tariff).periods[0].elements[.time]
    }

    @Test func timeOfDayRangesIncludeTheStartExcludeTheEndAndWrapPastMidnight() throws {
        var random = SplitMix64(seed: 14)
        let midnight = try #require(OCPIDateTime("2026-03-02T00:00:00Z")).date
        for _ in 0..<Self.cases {
            let start = Int.random(in: 0..<1440, using: &random) / 15 * 15
            let end = Int.random(in: 0..<1440, using: &random) / 15 * 15
            // Boundaries and their neighbours are the interesting minutes.
            let probe = [start, end, start - 1, end - 1, start + 1, Int.random(in: 0..<1440, using: &random)]
                .randomElement(using: &random).map { ($0 + 1440) % 1440 } ?? 0
            // Reference: walk forward from start_time, one minute at a time, until end_time (00:00 = end of day).
            var covered = Set<Int>()
            var minute = start
            repeat {
                covered.insert(minute)
                minute = (minute + 1) % 1440
            } while minute != end
            let tariff = timeTariff(
                TariffRestrictions(startTime: TimeOfDay(hour: start / 60, minute: start % 60), endTime: TimeOfDay(hour: end / 60, minute: end % 60)))
            let chosen = try element(tariff, at: midnight.addingTimeInterval(Double(probe * 60)), zone: .gmt)
            #expect(chosen == (covered.contains(probe) ? 0 : 1), "start \(start) end \(end) probe \(probe)")
        }
    }

    @Test func restrictionsUseTheLocationsLocalTimeNotUTC() throws {
        // Asia/Kolkata is UTC+05:30 all year, Pacific/Chatham +12:45 or +13:45: the reference adds the offset by hand.
        var random = SplitMix64(seed: 1414)
        let base = try #require(OCPIDateTime("2026-07-01T00:00:00Z")).date  // Chatham is on +12:45 in July
        let zones: [(String, Int)] = [("Asia/Kolkata", 330), ("Pacific/Chatham", 765), ("America/St_Johns", -150)]
        let tariff = timeTariff(TariffRestrictions(startTime: TimeOfDay("08:00"), endTime: TimeOfDay("20:00"), dayOfWeek: [.wednesday]))
        for _ in 0..<Self.cases {
            let utcMinute = Int.random(in: 0..<(3 * 1440), using: &random)
            let (name, offset) = zones.randomElement(using: &random) ?? zones[0]
            let local = utcMinute + offset  // minutes after 2026-07-01 00:00 local, a Wednesday
            let localDay = Int((Double(local) / 1440).rounded(.down))
            let minuteOfDay = ((local % 1440) + 1440) % 1440
            let expected = localDay == 0 && (480..<1200).contains(minuteOfDay) ? 0 : 1
            let chosen = try element(tariff, at: base.addingTimeInterval(Double(utcMinute * 60)), zone: try #require(TimeZone(identifier: name)))
            #expect(chosen == expected, "\(name) UTC minute \(utcMinute)")
        }
    }

    @Test func energyAndDurationBoundariesAreInclusiveBelowExclusiveAbove() throws {
        var random = SplitMix64(seed: 7)
        let start = try #require(OCPIDateTime("2026-03-02T10:00:00Z")).date
        for _ in 0..<Self.cases {
            let minimum = Decimal(Int.random(in: 0...40, using: &random))
            let maximum = minimum + Decimal(Int.random(in: 1...40, using: &random))
            let minSeconds = Int.random(in: 0...7200, using: &random) / 60 * 60
            let maxSeconds = minSeconds + Int.random(in: 1...120, using: &random) * 60
            let energyChoices: [Decimal] = [
                minimum, maximum, minimum - dec("0.001"), maximum - dec("0.001"), Decimal(Int.random(in: 0...90, using: &random)),
            ]
            let before: Decimal = max(0, energyChoices.randomElement(using: &random) ?? 0)
            let secondChoices: [Int] = [
                minSeconds, maxSeconds, minSeconds - 60, maxSeconds - 60, Int.random(in: 0...9000, using: &random) / 60 * 60,
            ]
            let elapsed: Int = max(0, secondChoices.randomElement(using: &random) ?? 0)
            let tariff = Tariff(
                countryCode: "NL", partyID: "SMR", id: "p", currency: "EUR",
                elements: [
                    TariffElement(
                        priceComponents: [PriceComponent(type: .energy, price: 1, stepSize: 1)],
                        restrictions: TariffRestrictions(minKWh: minimum, maxKWh: maximum, minDuration: minSeconds, maxDuration: maxSeconds)),
                    TariffElement(priceComponents: [PriceComponent(type: .energy, price: 2, stepSize: 1)]),
                ],
                lastUpdated: OCPIDateTime(start))
            var builder = SessionBuilder("2026-03-02T10:00:00Z")
            if before > 0 { builder = builder.period(at: 0, [kWh("\(before)"), chargingMinutes(0)]) }
            let periodMinute = Double(elapsed) / 60
            let session = builder.period(at: periodMinute, [kWh("1"), chargingMinutes(1)]).ending(at: periodMinute + 1)
            let cost = try PricingEngine.price(session, under: tariff)
            let inside = before >= minimum && before < maximum && elapsed >= minSeconds && elapsed < maxSeconds
            #expect(cost.periods.last?.elements[.energy] == (inside ? 0 : 1), "kWh before \(before) in [\(minimum), \(maximum)), s \(elapsed) in [\(minSeconds), \(maxSeconds))")
        }
    }

    @Test func stepSizeBillsTheNextWholeStepOnTheLastComponent() throws {
        var random = SplitMix64(seed: 99)
        for _ in 0..<Self.cases {
            let stepWh = [1, 10, 100, 250, 500, 1000].randomElement(using: &random) ?? 1
            let stepSeconds = [1, 60, 300, 900, 1800].randomElement(using: &random) ?? 1
            let periodCount = Int.random(in: 1...6, using: &random)
            var builder = SessionBuilder("2026-03-02T00:00:00Z")
            var totalWh = 0
            var totalSeconds = 0
            for index in 0..<periodCount {
                let wh = Int.random(in: 0...20_000, using: &random)
                let seconds = Int.random(in: 1...3600, using: &random)
                builder = builder.period(
                    at: Double(totalSeconds) / 60, [CdrDimension(.energy, Decimal(wh) / 1000), CdrDimension(.time, Decimal(seconds) / 3600)])
                totalWh += wh
                totalSeconds += seconds
                _ = index
            }
            // Two elements by time of day would change the price, not the rounding: one element keeps the reference simple.
            let tariff = Tariff(
                countryCode: "NL", partyID: "SMR", id: "p", currency: "EUR",
                elements: [TariffElement(priceComponents: [
                    PriceComponent(type: .energy, price: dec("0.31"), vat: 21, stepSize: stepWh),
                    PriceComponent(type: .time, price: dec("1.2"), stepSize: stepSeconds),
                ])],
                lastUpdated: OCPIDateTime(Date(timeIntervalSince1970: 0)))
            let cost = try PricingEngine.price(builder.ending(at: Double(totalSeconds) / 60), under: tariff)
            let billedWh = (totalWh + stepWh - 1) / stepWh * stepWh
            let billedSeconds = (totalSeconds + stepSeconds - 1) / stepSeconds * stepSeconds
            let energy = cost.dimensions.first { $0.dimension == .energy }
            if totalWh > 0 {
                #expect(energy?.billedVolume == Decimal(billedWh) / 1000)
                #expect(cost.cost(of: .energy).exclVAT == Decimal(billedWh) * dec("0.31") / 1000)
                #expect(cost.cost(of: .energy).inclVAT == Decimal(billedWh) * dec("0.3751") / 1000)
            } else {
                #expect(energy == nil)
            }
            #expect(rounded(cost.cost(of: .time).exclVAT, 8) == rounded(Decimal(billedSeconds) * dec("1.2") / 3600, 8))
        }
    }

    @Test func minAndMaxPriceBoundTheTotal() throws {
        var random = SplitMix64(seed: 5)
        for _ in 0..<Self.cases {
            let minimum = Decimal(Int.random(in: 0...1000, using: &random)) / 100
            let maximum = minimum + Decimal(Int.random(in: 0...3000, using: &random)) / 100
            let tariff = Tariff(
                countryCode: "NL", partyID: "SMR", id: "p", currency: "EUR",
                minPrice: Price(exclVAT: minimum, inclVAT: minimum * dec("1.21")), maxPrice: Price(exclVAT: maximum, inclVAT: maximum * dec("1.21")),
                elements: [TariffElement(priceComponents: [
                    PriceComponent(type: .flat, price: dec("0.35"), vat: 21, stepSize: 0),
                    PriceComponent(type: .energy, price: dec("0.29"), vat: 21, stepSize: 1),
                ])],
                lastUpdated: OCPIDateTime(Date(timeIntervalSince1970: 0)))
            let energy = Decimal(Int.random(in: 0...150_000, using: &random)) / 1000
            let cost = try PricingEngine.price(
                SessionBuilder("2026-03-02T00:00:00Z").period(at: 0, [CdrDimension(.energy, energy), chargingMinutes(60)]).ending(at: 60),
                under: tariff)
            let subtotal = dec("0.35") + energy * dec("0.29")
            #expect(cost.subtotal.exclVAT == subtotal)
            #expect(cost.total.exclVAT == min(max(subtotal, minimum), maximum))
            #expect(cost.total.inclVAT == min(max(subtotal * dec("1.21"), minimum * dec("1.21")), maximum * dec("1.21")))
            #expect((cost.limitApplied == nil) == (subtotal >= minimum && subtotal <= maximum))
        }
    }

    @Test func sundayNightToMondayFlipsTheDayAtLocalMidnight() throws {
        // Berlin in January is UTC+1: Sunday 23:30 local is 22:30Z, Monday 00:00 local is Sunday 23:00Z.
        let tariff = timeTariff(TariffRestrictions(startTime: TimeOfDay("22:00"), endTime: TimeOfDay("06:00"), dayOfWeek: [.monday]))
        let berlin = try #require(TimeZone(identifier: "Europe/Berlin"))
        #expect(try element(tariff, at: try #require(OCPIDateTime("2026-01-04T22:30:00Z")).date, zone: berlin) == 1)
        #expect(try element(tariff, at: try #require(OCPIDateTime("2026-01-04T23:00:00Z")).date, zone: berlin) == 0)
        #expect(try element(tariff, at: try #require(OCPIDateTime("2026-01-05T04:59:00Z")).date, zone: berlin) == 0)
        #expect(try element(tariff, at: try #require(OCPIDateTime("2026-01-05T05:00:00Z")).date, zone: berlin) == 1)
        // In UTC the same instants fall on Sunday 23:00 (not Monday) and Monday 05:00 (inside).
        #expect(try element(tariff, at: try #require(OCPIDateTime("2026-01-04T23:00:00Z")).date, zone: .gmt) == 1)
    }

    @Test func dstChangeDaysUseTheLocalClockForTimesAndRealSecondsForDurations() throws {
        let amsterdam = try #require(TimeZone(identifier: "Europe/Amsterdam"))
        // 29 March 2026: 02:00 CET jumps to 03:00 CEST at 01:00Z. The 03:00-04:00 element starts at 01:00Z.
        let spring = timeTariff(TariffRestrictions(startTime: TimeOfDay("03:00"), endTime: TimeOfDay("04:00")))
        #expect(try element(spring, at: try #require(OCPIDateTime("2026-03-29T00:59:00Z")).date, zone: amsterdam) == 1)
        #expect(try element(spring, at: try #require(OCPIDateTime("2026-03-29T01:00:00Z")).date, zone: amsterdam) == 0)
        #expect(try element(spring, at: try #require(OCPIDateTime("2026-03-29T02:00:00Z")).date, zone: amsterdam) == 1)
        // 25 October 2026: 03:00 CEST falls back to 02:00 CET at 01:00Z; 02:00-03:00 local happens twice.
        let autumn = timeTariff(TariffRestrictions(startTime: TimeOfDay("02:00"), endTime: TimeOfDay("03:00")))
        for (utc, expected) in [("2026-10-25T00:00:00Z", 0), ("2026-10-25T00:59:00Z", 0), ("2026-10-25T01:00:00Z", 0),
                                ("2026-10-25T01:59:00Z", 0), ("2026-10-25T02:00:00Z", 1), ("2026-10-24T23:59:00Z", 1)] {
            #expect(try element(autumn, at: try #require(OCPIDateTime(utc)).date, zone: amsterdam) == expected, "\(utc)")
        }
        // A session from 00:00 local (23:00Z) on the spring day: at 02:00Z the local clock says 04:00 but only
        // 3 h have passed, so max_duration 3 h no longer holds and 2 h 59 min still does.
        let threeHours = timeTariff(TariffRestrictions(maxDuration: 3 * 3600))
        let sessionStart = try #require(OCPIDateTime("2026-03-28T23:00:00Z")).date
        #expect(try element(threeHours, at: sessionStart.addingTimeInterval(179 * 60), zone: amsterdam, sessionStart: sessionStart) == 0)
        #expect(try element(threeHours, at: sessionStart.addingTimeInterval(180 * 60), zone: amsterdam, sessionStart: sessionStart) == 1)
        let explained = try PricingEngine.price(
            SessionBuilder("2026-03-29T00:30:00Z", zone: "Europe/Amsterdam").period(at: 0, [chargingMinutes(30)])
                .period(at: 30, [chargingMinutes(30)]).ending(at: 60),
            under: spring)
        #expect(explained.periods.map(\.localStart) == ["2026-03-29 01:30 SUNDAY", "2026-03-29 03:00 SUNDAY"])
    }

    @Test func currentAndPowerRestrictionsNeedAMeasurement() throws {
        let start = try #require(OCPIDateTime("2026-03-02T10:00:00Z")).date
        let fast = timeTariff(TariffRestrictions(minPower: 22, maxPower: 50))
        #expect(try element(fast, at: start, zone: .gmt) == 1)  // no power known: the restricted element does not apply
        #expect(try element(fast, at: start, zone: .gmt, extra: [CdrDimension(.power, 22)]) == 0)
        #expect(try element(fast, at: start, zone: .gmt, extra: [CdrDimension(.power, 50)]) == 1)
        #expect(try element(fast, at: start, zone: .gmt, extra: [CdrDimension(.maxPower, 60), CdrDimension(.minPower, 30)]) == 1)
        let slow = timeTariff(TariffRestrictions(maxCurrent: 16))
        #expect(try element(slow, at: start, zone: .gmt, extra: [CdrDimension(.current, dec("15.9"))]) == 0)
        #expect(try element(slow, at: start, zone: .gmt, extra: [CdrDimension(.maxCurrent, 16)]) == 1)
    }

    @Test func flatFeeIsChargedAgainWhenItsElementBecomesActiveAgain() throws {
        // A 1.00 FLAT "peak entry" between 17:00 and 19:00; a session 16:00-20:00 enters it once; one that leaves and
        // comes back through another element pays again.
        let tariff = Tariff(
            countryCode: "NL", partyID: "SMR", id: "p", currency: "EUR",
            elements: [
                TariffElement(priceComponents: [PriceComponent(type: .flat, price: 1, stepSize: 0)],
                              restrictions: TariffRestrictions(startTime: TimeOfDay("17:00"), endTime: TimeOfDay("19:00"))),
                TariffElement(priceComponents: [PriceComponent(type: .flat, price: dec("0.10"), stepSize: 0)],
                              restrictions: TariffRestrictions(startTime: TimeOfDay("19:00"), endTime: TimeOfDay("19:30"))),
            ],
            lastUpdated: OCPIDateTime(Date(timeIntervalSince1970: 0)))
        let session = SessionBuilder("2026-03-02T16:00:00Z")
            .period(at: 0, [chargingMinutes(60)]).period(at: 60, [chargingMinutes(60)]).period(at: 120, [chargingMinutes(60)])
            .period(at: 180, [chargingMinutes(30)]).period(at: 210, [chargingMinutes(30)])
            .ending(at: 240)
        let cost = try PricingEngine.price(session, under: tariff)
        #expect(cost.cost(of: .flat).exclVAT == dec("1.10"))
        #expect(cost.periods.map { $0.elements[.flat] } == [nil, 0, nil, 1, nil])
    }

    @Test func localStartAgreesWithFoundationsCalendar() throws {
        var random = SplitMix64(seed: 2026)
        let zones = ["Europe/Amsterdam", "America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Kiritimati", "UTC"]
        let names: [Int: String] = [1: "SUNDAY", 2: "MONDAY", 3: "TUESDAY", 4: "WEDNESDAY", 5: "THURSDAY", 6: "FRIDAY", 7: "SATURDAY"]
        for _ in 0..<Self.cases {
            let moment = Date(timeIntervalSince1970: Double(Int.random(in: -600_000_000...4_000_000_000, using: &random)))
            let zone = try #require(TimeZone(identifier: zones.randomElement(using: &random) ?? "UTC"))
            var calendar = Calendar(identifier: .gregorian)
            calendar.timeZone = zone
            let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute, .weekday], from: moment)
            let pad = { (value: Int?, width: Int) in String(String(value ?? 0).reversed()).padding(toLength: width, withPad: "0", startingAt: 0).reversed() }
            let expected = "\(String(pad(parts.year, 4)))-\(String(pad(parts.month, 2)))-\(String(pad(parts.day, 2))) "
                + "\(String(pad(parts.hour, 2))):\(String(pad(parts.minute, 2))) \(names[parts.weekday ?? 0] ?? "?")"
            let cost = try PricingEngine.price(
                ChargingSession(start: moment, end: moment.addingTimeInterval(60),
                                periods: [ChargingPeriod(startDateTime: OCPIDateTime(moment), dimensions: [chargingMinutes(1)])], timeZone: zone),
                under: timeTariff(TariffRestrictions()))
            #expect(cost.periods[0].localStart == expected, "\(moment) in \(zone.identifier)")
        }
    }

    @Test func periodsOutOfOrderAreRefused() throws {
        let session = SessionBuilder("2026-03-02T16:00:00Z").period(at: 30, [chargingMinutes(30)]).period(at: 0, [chargingMinutes(30)]).ending(at: 60)
        #expect(throws: PricingError.self) { try PricingEngine.price(session, under: timeTariff(TariffRestrictions())) }
    }
}
