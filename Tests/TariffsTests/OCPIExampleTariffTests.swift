import Foundation
import Tariffs
import Testing

/// Every tariff example of the OCPI 2.2.1 tariffs module, each with a session priced by hand here.
/// Where the module's own figure differs from its rules, the comment says why.
@Suite struct OCPIExampleTariffTests {
    private func price(_ json: String, _ session: ChargingSession) throws -> SessionCost {
        try PricingEngine.price(session, under: tariff(json))
    }

    @Test func twoEuroPerHourChargingTime() throws {
        // 2.5 h charging x 2.00 = 5.00; 10 % VAT: 5.50.
        let cost = try price(
            OCPIExampleTariffs.simple2PerHour,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [chargingMinutes(150), kWh("20")]).ending(at: 150))
        #expect(cost.total == Cost(exclVAT: dec("5.00"), inclVAT: dec("5.50")))
        #expect(cost.cost(of: .energy) == .zero)
    }

    @Test func adHocTariffWithAlternativeText() throws {
        // 2.5 h x 1.90 = 4.75; 5.2 % VAT: 4.997 (the module rounds it to 5.00).
        let tariff = try tariff(OCPIExampleTariffs.altText)
        #expect(tariff.type == .adHocPayment)
        #expect(tariff.tariffAltText?.map(\.language) == ["en", "nl"])
        let cost = try PricingEngine.price(
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [chargingMinutes(150)]).ending(at: 150), under: tariff)
        #expect(cost.total == Cost(exclVAT: dec("4.75"), inclVAT: dec("4.997")))
    }

    @Test func energyBilledPerHundredWhWithStartFee() throws {
        // 20.45 kWh rounds up to 20.5 kWh: 20.5 x 0.25 = 5.125 (+10 %: 5.6375), start fee 0.50 (+20 %: 0.60).
        // The module quotes 5.50/6.05 for this example, which matches neither its FLAT fee nor its step_size.
        let cost = try price(
            OCPIExampleTariffs.altURL,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [kWh("20.45"), chargingMinutes(60)]).ending(at: 60))
        #expect(cost.dimensions.first { $0.dimension == .energy }?.billedVolume == dec("20.5"))
        #expect(cost.cost(of: .energy) == Cost(exclVAT: dec("5.125"), inclVAT: dec("5.6375")))
        #expect(cost.total == Cost(exclVAT: dec("5.625"), inclVAT: dec("6.2375")))
    }

    @Test func complexTariffOnAMondayMorning() throws {
        // Monday 3 June 2024, 09:30 in Berlin (07:30Z): 147 min at most 16 A, then 42 min parking.
        // FLAT 2.50 (+15 %: 2.875); TIME <32 A: 147 -> 150 min (step 900 s) x 1.00 = 2.50 (+20 %: 3.00);
        // parking on a weekday 09:00-18:00: 42 -> 45 min (step 300 s) x 5.00 = 3.75 (+10 %: 4.125). Total 8.75 / 10.00.
        let session = SessionBuilder("2024-06-03T07:30:00Z", zone: "Europe/Berlin")
            .period(at: 0, [chargingMinutes(147), CdrDimension(.maxCurrent, 16), kWh("8")])
            .period(at: 147, [parkingMinutes(42)])
            .ending(at: 189)
        let cost = try price(OCPIExampleTariffs.complex, session)
        #expect(cost.total == Cost(exclVAT: dec("8.75"), inclVAT: dec("10.00")))
        #expect(cost.periods.map { $0.elements[.time] } == [1, nil])
        #expect(cost.periods.map { $0.elements[.parkingTime] } == [nil, 4])
        #expect(cost.periods[0].localStart == "2024-06-03 09:30 MONDAY")
    }

    @Test func complexTariffOnASaturdayAfternoon() throws {
        // Saturday 8 June 2024, 13:30 in Berlin: 114 min at least 43 A, then 71 min parking.
        // FLAT 2.50 (2.875); TIME >=32 A at weekends: 114 -> 120 min (600 s) x 1.25 = 2.50 (3.00);
        // Saturday parking 10:00-17:00: 71 -> 75 min (300 s) x 6.00 = 7.50 (8.25). Total 12.50 / 14.125.
        let session = SessionBuilder("2024-06-08T11:30:00Z", zone: "Europe/Berlin")
            .period(at: 0, [chargingMinutes(114), CdrDimension(.minCurrent, 43), kWh("30")])
            .period(at: 114, [parkingMinutes(71)])
            .ending(at: 185)
        let cost = try price(OCPIExampleTariffs.complex, session)
        #expect(cost.total == Cost(exclVAT: dec("12.50"), inclVAT: dec("14.125")))
        #expect(cost.periods[0].elements[.time] == 3)
    }

    @Test func freeOfChargeCostsNothing() throws {
        let cost = try price(
            OCPIExampleTariffs.freeOfCharge,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [kWh("40"), chargingMinutes(90)])
                .period(at: 90, [parkingMinutes(30)]).ending(at: 120))
        #expect(cost.total == .zero)
        #expect(cost.dimensions.map(\.dimension) == [.flat])
    }

    @Test func startFeeWithMaximumPrice() throws {
        // 50 kWh: 0.50 + 12.50 = 13.00 (incl. 0.60 + 13.75 = 14.35) -> max_price 10.00 / 11.00.
        let fifty = try price(
            OCPIExampleTariffs.startFeeMaxPrice,
            SessionBuilder("2019-05-01T10:00:00Z").period(at: 0, [kWh("50"), chargingMinutes(120)]).ending(at: 120))
        #expect(fifty.subtotal == Cost(exclVAT: dec("13.00"), inclVAT: dec("14.35")))
        #expect(fifty.total == Cost(exclVAT: dec("10.00"), inclVAT: dec("11.00")))
        #expect(fifty.limitApplied == .maxPrice)
        // 30 kWh: 0.50 + 7.50 = 8.00, incl. 0.60 + 8.25 = 8.85, under the limit.
        let thirty = try price(
            OCPIExampleTariffs.startFeeMaxPrice,
            SessionBuilder("2019-05-01T10:00:00Z").period(at: 0, [kWh("30"), chargingMinutes(90)]).ending(at: 90))
        #expect(thirty.total == Cost(exclVAT: dec("8.00"), inclVAT: dec("8.85")))
        #expect(thirty.limitApplied == nil)
        #expect(try tariff(OCPIExampleTariffs.startFeeMaxPrice).endDateTime == OCPIDateTime("2019-06-30T23:59:59Z"))
    }

    @Test func firstKWhAndFirstHourOfTheSessionFree() throws {
        // Restrictions count from the session's start (min/max_duration) and on the energy before each period
        // (min/max_kwh). 1 kWh free, then 19 kWh x 0.20 = 3.80; charging ends after 60 min, parking 2.75 h:
        // 60-180 min x 2.00 = 4.00, 180-225 min x 3.00 = 2.25. Total 10.05, no VAT given (incl. = excl.).
        // The module's 7.30 counts the parking hours from the end of charging, not from the session's start.
        let session = SessionBuilder("2024-03-04T10:00:00Z")
            .period(at: 0, [kWh("1"), chargingMinutes(3)])
            .period(at: 3, [kWh("19"), chargingMinutes(57)])
            .period(at: 60, [parkingMinutes(120)])
            .period(at: 180, [parkingMinutes(45)])
            .ending(at: 225)
        let cost = try price(OCPIExampleTariffs.firstHourParkingAndKWhFree, session)
        #expect(cost.cost(of: .energy) == Cost(exclVAT: dec("3.80"), inclVAT: dec("3.80")))
        #expect(cost.cost(of: .parkingTime) == Cost(exclVAT: dec("6.25"), inclVAT: dec("6.25")))
        #expect(cost.total.exclVAT == dec("10.05"))
        #expect(cost.periods.map { $0.elements[.energy] } == [3, 4, nil, nil])
        #expect(cost.periods.map { $0.elements[.parkingTime] } == [nil, nil, 1, 2])
    }

    @Test func simpleQuarterEuroPerKWh() throws {
        let cost = try price(
            OCPIExampleTariffs.simple025PerKWh,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [kWh("20"), chargingMinutes(60)]).ending(at: 60))
        #expect(cost.total == Cost(exclVAT: dec("5.00"), inclVAT: dec("5.50")))
    }

    @Test func energyBilledPerWhRoundsUp() throws {
        // The module's step_size note: 115.2 Wh at step 1 Wh is billed as 116 Wh: 0.029.
        let cost = try price(
            OCPIExampleTariffs.simple025PerKWh,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [kWh("0.1152"), chargingMinutes(1)]).ending(at: 1))
        #expect(cost.total.exclVAT == dec("0.029"))
    }

    @Test func quarterEuroPerKWhWithStartFee() throws {
        let cost = try price(
            OCPIExampleTariffs.perKWhStartFee,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [kWh("20"), chargingMinutes(60)]).ending(at: 60))
        #expect(cost.total == Cost(exclVAT: dec("5.50"), inclVAT: dec("6.10")))
    }

    @Test func minimumPriceAppliesToSmallSessions() throws {
        let large = try price(
            OCPIExampleTariffs.perKWhMinPrice,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [kWh("20"), chargingMinutes(60)]).ending(at: 60))
        #expect(large.total == Cost(exclVAT: dec("5.00"), inclVAT: dec("5.50")))
        #expect(large.limitApplied == nil)
        // 1.5 kWh: 0.375 (0.4125) -> min_price 0.50 / 0.55.
        let small = try price(
            OCPIExampleTariffs.perKWhMinPrice,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [kWh("1.5"), chargingMinutes(10)]).ending(at: 10))
        #expect(small.subtotal == Cost(exclVAT: dec("0.375"), inclVAT: dec("0.4125")))
        #expect(small.total == Cost(exclVAT: dec("0.50"), inclVAT: dec("0.55")))
        #expect(small.limitApplied == .minPrice)
    }

    @Test func energyParkingAndStartFee() throws {
        // 0.50 + 20 x 0.25 + 40 -> 45 min parking x 2.00 = 1.50: 7.00; incl. 0.60 + 5.50 + 1.80 = 7.90.
        let cost = try price(
            OCPIExampleTariffs.perKWhParkingStartFee,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [kWh("20"), chargingMinutes(60)])
                .period(at: 60, [parkingMinutes(40)]).ending(at: 100))
        #expect(cost.total == Cost(exclVAT: dec("7.00"), inclVAT: dec("7.90")))
    }

    @Test func adHocTariffThatOCPICannotModelIsPricedAsPublished() throws {
        // FLAT 0.40 (+25 %: 0.50); 2.5 h x 1.90 = 4.75 (+5.2 %: 4.997).
        let cost = try price(
            OCPIExampleTariffs.notPossibleAltText,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [chargingMinutes(150)]).ending(at: 150))
        #expect(cost.total == Cost(exclVAT: dec("5.15"), inclVAT: dec("5.497")))
    }

    @Test func chargingTimeAndDearerParking() throws {
        // 150 min x 3.00 = 7.50 (8.25); 42 -> 45 min parking x 5.00 = 3.75 (4.50). Total 11.25 / 12.75.
        let cost = try price(
            OCPIExampleTariffs.time3Parking5,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [chargingMinutes(150), kWh("22")])
                .period(at: 150, [parkingMinutes(42)]).ending(at: 192))
        #expect(cost.total == Cost(exclVAT: dec("11.25"), inclVAT: dec("12.75")))
    }

    /// The step_size examples. This engine rounds each dimension's total on its last component (as the complex
    /// example above does for TIME and PARKING_TIME alike); the module's examples #1 and "free of charge" round
    /// TIME and PARKING_TIME as one sum (0.383 and 0.78), which its CDR module contradicts and OCPI 2.3.0 changed.
    @Test func stepSizeWhenSwitchingElementsBeforeFiveOClock() throws {
        // #1: 16:55 charge 10 min (5 at 1.20, 5 at 2.40), park 2 min. TIME 10 -> 15 min on the 17:00 component
        // (900 s): 5 min x 1.20 = 0.10 + 10 min x 2.40 = 0.40. Parking 2 -> 15 min x 1.00 = 0.25. Total 0.75.
        let session = SessionBuilder("2024-03-04T16:55:00Z")
            .period(at: 0, [chargingMinutes(5)]).period(at: 5, [chargingMinutes(5)])
            .period(at: 10, [parkingMinutes(2)]).ending(at: 12)
        let cost = try price(OCPIExampleTariffs.stepSize, session)
        #expect(cost.cost(of: .time).exclVAT == dec("0.50"))
        #expect(cost.cost(of: .parkingTime).exclVAT == dec("0.25"))
        #expect(cost.total.exclVAT == dec("0.75"))
        #expect(cost.periods.map { $0.elements[.time] } == [0, 1, nil])
    }

    @Test func stepSizeOfTheLastElementRoundsTheWholeChargingTime() throws {
        // #2 (as the module): 16:35 charge 35 min; 35 -> 45 min on the last step (900 s); 25 min x 1.20 = 0.50 and
        // 20 min x 2.40 = 0.80: 1.30.
        let session = SessionBuilder("2024-03-04T16:35:00Z")
            .period(at: 0, [chargingMinutes(25)]).period(at: 25, [chargingMinutes(10)]).ending(at: 35)
        let cost = try price(OCPIExampleTariffs.stepSize, session)
        #expect(cost.total.exclVAT == dec("1.30"))
        #expect(cost.dimensions.first { $0.dimension == .time }?.billedVolume == dec("0.75"))
    }

    @Test func stepSizeWhenParkingBecomesFree() throws {
        // 19:40 charge 12 min at 2.40 -> 15 min: 0.60. Parking 19:52-20:00 at 1.00 (after 20:00 free):
        // 8 -> 15 min: 0.25. Total 0.85.
        let session = SessionBuilder("2024-03-04T19:40:00Z")
            .period(at: 0, [chargingMinutes(12)]).period(at: 12, [parkingMinutes(8)])
            .period(at: 20, [parkingMinutes(12)]).ending(at: 32)
        let cost = try price(OCPIExampleTariffs.stepSize, session)
        #expect(cost.cost(of: .parkingTime).exclVAT == dec("0.25"))
        #expect(cost.dimensions.first { $0.dimension == .parkingTime }?.volume == Decimal(8) / 60)
        #expect(cost.total.exclVAT == dec("0.85"))
        #expect(cost.periods[2].elements.isEmpty)
    }

    @Test func reservationPricedPerHour() throws {
        // 15 min reserved x 5.00 = 1.25 (1.50); start 0.50 (0.60); 20 kWh 5.00 (5.50). Total 6.75 / 7.60.
        let cost = try price(
            OCPIExampleTariffs.reservation5PerHour,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [reservedMinutes(15)])
                .period(at: 15, [kWh("20"), chargingMinutes(60)]).ending(at: 75))
        #expect(cost.cost(of: .reservationTime) == Cost(exclVAT: dec("1.25"), inclVAT: dec("1.50")))
        #expect(cost.total == Cost(exclVAT: dec("6.75"), inclVAT: dec("7.60")))
        #expect(cost.periods.map { $0.elements[.flat] } == [nil, 1])
    }

    @Test func reservationFeeAndTimeInFiveMinuteSteps() throws {
        // 13 -> 15 min x 5.00 = 1.25 + fee 2.00 (1.50 + 2.40); start 0.50 (0.60); energy 5.00 (5.50): 8.75 / 10.00.
        let cost = try price(
            OCPIExampleTariffs.reservationFee2And5PerHour,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [reservedMinutes(13)])
                .period(at: 13, [kWh("20"), chargingMinutes(60)]).ending(at: 73))
        #expect(cost.total == Cost(exclVAT: dec("8.75"), inclVAT: dec("10.00")))
        #expect(cost.cost(of: .flat).exclVAT == dec("2.50"))
    }

    @Test func reservationWithExpiryFee() throws {
        // Used: 22 -> 30 min x 2.00 = 1.00 (1.20); 0.50 (0.60); 5.00 (5.50): 6.50 / 7.30.
        let used = try price(
            OCPIExampleTariffs.reservationExpireFee,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [reservedMinutes(22)])
                .period(at: 22, [kWh("20"), chargingMinutes(60)]).ending(at: 82))
        #expect(used.total == Cost(exclVAT: dec("6.50"), inclVAT: dec("7.30")))
        // Expired after 1 h: 60 min x 2.00 = 2.00 + expiry fee 4.00: 6.00 / 7.20; no start fee.
        let expired = try price(
            OCPIExampleTariffs.reservationExpireFee,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [reservedMinutes(60)]).ending(at: 60))
        #expect(expired.total == Cost(exclVAT: dec("6.00"), inclVAT: dec("7.20")))
        #expect(expired.periods[0].elements == [.flat: 0, .reservationTime: 1])
    }

    @Test func reservationWithExpiryTimePrice() throws {
        // Used: 22 -> 30 min x 3.00 = 1.50 (1.80); 0.50 (0.60); 5.00 (5.50): 7.00 / 7.90.
        let used = try price(
            OCPIExampleTariffs.reservationExpireTime,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [reservedMinutes(22)])
                .period(at: 22, [kWh("20"), chargingMinutes(60)]).ending(at: 82))
        #expect(used.total == Cost(exclVAT: dec("7.00"), inclVAT: dec("7.90")))
        // Expired after 1.5 h at the RESERVATION_EXPIRES price: 90 min x 6.00 = 9.00 / 10.80.
        let expired = try price(
            OCPIExampleTariffs.reservationExpireTime,
            SessionBuilder("2024-03-04T10:00:00Z").period(at: 0, [reservedMinutes(90)]).ending(at: 90))
        #expect(expired.total == Cost(exclVAT: dec("9.00"), inclVAT: dec("10.80")))
    }

    @Test func maxPowerRestrictionFollowsThePeriodsPower() throws {
        // 1 kWh at 6 kW x 0.20 + 40 kWh at 48 kW x 0.50 + 0.5 kWh at 4 kW x 0.20 = 20.30 (+20 %: 24.36).
        let session = SessionBuilder("2024-03-04T10:00:00Z")
            .period(at: 0, [kWh("1"), chargingMinutes(10), CdrDimension(.power, 6)])
            .period(at: 10, [kWh("40"), chargingMinutes(50), CdrDimension(.power, 48)])
            .period(at: 60, [kWh("0.5"), chargingMinutes(8)])  // no POWER: 0.5 kWh / (8/60 h) = 3.75 kW
            .ending(at: 68)
        let cost = try price(OCPIExampleTariffs.maxPower, session)
        #expect(cost.total == Cost(exclVAT: dec("20.30"), inclVAT: dec("24.36")))
        #expect(cost.periods.map { $0.elements[.energy] } == [0, 2, 0])
    }

    @Test func maxDurationRestrictionCountsFromTheSessionStart() throws {
        // 5 kWh in the first 30 min free; 1.2 kWh in the next 10 min x 0.25 = 0.30 (+20 %: 0.36).
        let session = SessionBuilder("2024-03-04T10:00:00Z")
            .period(at: 0, [kWh("5"), chargingMinutes(30)])
            .period(at: 30, [kWh("1.2"), chargingMinutes(10)])
            .ending(at: 40)
        let cost = try price(OCPIExampleTariffs.maxDuration, session)
        #expect(cost.total == Cost(exclVAT: dec("0.30"), inclVAT: dec("0.36")))
    }

    @Test func putExampleWithoutLastUpdatedIsRefusedNamingTheField() {
        #expect(throws: OCPIJSONError(field: "last_updated", message: "required field is missing")) {
            try OCPIJSON.decodeTariff(Data(OCPIExampleTariffs.putExample.utf8))
        }
    }
}
