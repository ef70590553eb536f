@testable import CPMS
import Foundation
import Tariffs
import Testing

/// The charging record derived from a transaction's stored events and readings, and its price: sessions priced
/// by hand, and stations' real faults (late, out-of-order, missing readings; a register that resets).
struct ChargingRecordDerivationTests {
    /// 2026-12-01T10:00:00Z.
    static let t0 = Date(timeIntervalSince1970: 1_796_119_200)

    static func at(minutes: Double) -> Date { t0.addingTimeInterval(minutes * 60) }

    static func event(_ seq: Int, _ type: String, minutes: Double, state: String? = nil) -> TransactionHistory.Event {
        TransactionHistory.Event(
            seqNo: seq, eventType: type, timestamp: at(minutes: minutes), evse: seq == 0 ? 1 : nil, connector: seq == 0 ? 1 : nil,
            idToken: seq == 0 ? "TAG-1" : nil, chargingState: state, stoppedReason: type == "Ended" ? "EVDisconnected" : nil)
    }

    static func reading(minutes: Double, wh: Double?, w: Double? = nil, a: Double? = nil) -> MeterReading {
        MeterReading(timestamp: at(minutes: minutes), energyWh: wh, powerW: w, currentA: a)
    }

    static func tariff(_ json: String) throws -> TariffVersion {
        let tariff = try OCPIJSON.decodeTariff(Data(json.utf8))
        return TariffVersion(tariffID: tariff.id, version: 1, validFrom: t0 - 86_400, tariff: tariff)
    }

    /// ENERGY 0.25/kWh and TIME 1.00/h (10 % VAT on both), PARKING_TIME 2.00/h without VAT; steps of 1.
    static func parkingTariff() throws -> TariffVersion {
        try tariff("""
            {"country_code": "NL", "party_id": "SMR", "id": "PARK", "currency": "EUR", "last_updated": "2026-01-01T00:00:00Z",
             "elements": [{"price_components": [
                {"type": "ENERGY", "price": 0.25, "vat": 10, "step_size": 1},
                {"type": "TIME", "price": 1.00, "vat": 10, "step_size": 1},
                {"type": "PARKING_TIME", "price": 2.00, "step_size": 1}]}]}
            """)
    }

    /// An hour charging at 11 kW (1,000 -> 12,000 Wh), then half an hour parked with the EV suspended.
    static func sessionWithIdleTail(reportsSuspended: Bool = true) -> TransactionHistory {
        TransactionHistory(
            station: "CS-1", transactionId: "TX-1",
            events: [
                event(0, "Started", minutes: 0, state: "Charging"),
                event(1, "Updated", minutes: 30),
                event(2, "Updated", minutes: 60, state: reportsSuspended ? "SuspendedEV" : nil),
                event(3, "Ended", minutes: 90, state: "EVConnected"),
            ],
            readings: [
                reading(minutes: 0, wh: 1_000, w: 11_000, a: 48),
                reading(minutes: 30, wh: 6_500, w: 11_000, a: 48),
                reading(minutes: 60, wh: 12_000, w: 0, a: 0),
                reading(minutes: 90, wh: 12_000, w: 0, a: 0),
            ])
    }

    func record(_ history: TransactionHistory, _ tariff: TariffVersion?, zone: String = "UTC") -> ChargingRecord {
        ChargingRecordBuilder().record(of: history, tariff: tariff, timeZone: zone)
    }

    @Test func anIdleTailIsParkingTimeAndPricedAsSuch() throws {
        let record = record(Self.sessionWithIdleTail(), try Self.parkingTariff())

        #expect(record.periods.map(\.activity) == [.charging, .idle])
        #expect(record.periods.map(\.start) == [Self.at(minutes: 0), Self.at(minutes: 60)])
        #expect(record.periods.map(\.energyKWh) == [11, 0])
        #expect(record.periods[0].maxPowerKW == 11)
        #expect(record.periods[0].maxCurrentA == 48)
        #expect(record.energyKWh == 11)
        #expect(record.problems.isEmpty)
        #expect(record.chargingPeriods[1].volume(.parkingTime) == Decimal(string: "0.5"))
        // 11 kWh x 0.25 = 2.75 (+10 %: 3.025); 1 h x 1.00 = 1.00 (1.10); 0.5 h x 2.00 = 1.00 (no VAT).
        #expect(record.price.status == .priced)
        #expect(record.price.cost?.cost(of: .energy) == Cost(exclVAT: Decimal(string: "2.75")!, inclVAT: Decimal(string: "3.025")!))
        #expect(record.price.cost?.cost(of: .parkingTime) == Cost(exclVAT: 1, inclVAT: 1))
        #expect(record.price.total == Cost(exclVAT: Decimal(string: "4.75")!, inclVAT: Decimal(string: "5.125")!))
        #expect(record.price.tariffId == "PARK")
        #expect(record.price.currency == "EUR")
        #expect(record.idToken == "TAG-1")
        #expect(record.evse == 1)
        #expect(record.stoppedReason == "EVDisconnected")
    }

    @Test func powerAboutZeroWhileTheStationSaysChargingIsIdle() throws {
        var history = Self.sessionWithIdleTail(reportsSuspended: false)
        history.readings[2].powerW = 20
        let record = record(history, try Self.parkingTariff())
        #expect(record.periods.map(\.activity) == [.charging, .idle])
        #expect(record.price.total == Cost(exclVAT: Decimal(string: "4.75")!, inclVAT: Decimal(string: "5.125")!))
    }

    @Test func readingsArrivingLateAndOutOfOrderGiveTheSameRecord() throws {
        var shuffled = Self.sessionWithIdleTail()
        shuffled.readings = [shuffled.readings[2], shuffled.readings[0], shuffled.readings[3], shuffled.readings[1]]
        shuffled.events.reverse()
        // A MeterValues reading taken before the start (the meter's clock) and one after the stop.
        shuffled.readings.append(Self.reading(minutes: -1, wh: 990))
        shuffled.readings.append(Self.reading(minutes: 95, wh: 12_000))
        let ordered = record(Self.sessionWithIdleTail(), try Self.parkingTariff())
        let fromShuffled = record(shuffled, try Self.parkingTariff())
        #expect(fromShuffled.price.total == ordered.price.total)
        #expect(fromShuffled.periods.map(\.activity) == ordered.periods.map(\.activity))
        #expect(fromShuffled.energyKWh == 11)
    }

    @Test func aRegisterThatGoesBackCountsNothingAcrossTheStepAndSaysSo() throws {
        var history = Self.sessionWithIdleTail()
        // Reset to 200 Wh at 10:45, then 5,500 Wh more by 11:00.
        history.readings.append(Self.reading(minutes: 45, wh: 200, w: 11_000))
        history.readings[2].energyWh = 5_700
        history.readings[3].energyWh = 5_700
        let record = record(history, try Self.parkingTariff())
        #expect(record.energyKWh == 11)
        #expect(record.problems.count == 1)
        #expect(record.problems.first?.contains("went back from 6500 Wh to 200 Wh") == true)
        #expect(record.price.status == .priced)
    }

    @Test func aFlickeringRegisterAddsNothingAndKWhRoundingIsNoReset() throws {
        var history = Self.sessionWithIdleTail()
        // Readings sent in kWh come back as Wh with binary noise: 6.5 kWh -> 6499.999999999999 Wh is no reset.
        history.readings.append(Self.reading(minutes: 35, wh: 6_499.999_999_999_999))
        for minute in stride(from: 61.0, to: 80, by: 1) {
            history.readings.append(Self.reading(minutes: minute, wh: minute.truncatingRemainder(dividingBy: 2) == 0 ? 12_000 : 11_000))
        }
        let record = record(history, try Self.parkingTariff())
        // The ten low readings are misreadings (the register is back at 12,000 Wh after each): no energy is added.
        #expect(record.energyKWh == 11)
        #expect(record.price.total == Cost(exclVAT: Decimal(string: "4.75")!, inclVAT: Decimal(string: "5.125")!))
        #expect(record.problems.count == 6)
        #expect(record.problems.first == "an energy register reading of 11000 Wh at 2026-12-01T11:01:00.000Z is below the 12000 Wh read before it and the readings after it: it was left out")
        #expect(record.problems.last == "and 5 more energy register readings or steps that were not counted")
    }

    @Test func withoutAnyMeterValuesTheEnergyIsUnknownAndAnEnergyTariffDoesNotPriceIt() throws {
        let history = TransactionHistory(
            station: "CS-1", transactionId: "TX-2",
            events: [Self.event(0, "Started", minutes: 0, state: "Charging"), Self.event(1, "Ended", minutes: 60)], readings: [])
        let record = record(history, try Self.parkingTariff())
        #expect(record.energyKWh == nil)
        #expect(record.price.status == .notPriced)
        #expect(record.price.reason == "the session's energy is unknown and tariff PARK prices energy")
        #expect(record.price.total == nil)
        #expect(record.problems == ["no energy register readings were stored: the session's energy is unknown"])

        let timeOnly = try Self.tariff("""
            {"country_code": "NL", "party_id": "SMR", "id": "TIME", "currency": "EUR", "last_updated": "2026-01-01T00:00:00Z",
             "elements": [{"price_components": [{"type": "TIME", "price": 3.00, "step_size": 60}]}]}
            """)
        #expect(self.record(history, timeOnly).price.total == Cost(exclVAT: 3, inclVAT: 3))
    }

    @Test func startedAndEndedAloneWithTheFinalMeterValueInEnded() throws {
        let history = TransactionHistory(
            station: "CS-1", transactionId: "TX-3",
            events: [Self.event(0, "Started", minutes: 0, state: "Charging"), Self.event(1, "Ended", minutes: 40, state: "EVConnected")],
            readings: [Self.reading(minutes: 0, wh: 50_000), Self.reading(minutes: 40, wh: 57_400)])
        let record = record(history, try Self.parkingTariff())
        #expect(record.periods.count == 1)
        #expect(record.periods.first?.activity == .charging)
        #expect(record.energyKWh == Decimal(string: "7.4"))
        // 7.4 x 0.25 = 1.85; 2/3 h x 1.00 = 0.6667; VAT 10 % on both: 2.7333.
        #expect(record.price.total == Cost(exclVAT: Decimal(string: "2.5167")!, inclVAT: Decimal(string: "2.7683")!))
    }

    @Test func aMissingStartReadingIsSaidAndItsEnergyNotGuessed() throws {
        let history = TransactionHistory(
            station: "CS-1", transactionId: "TX-4",
            events: [Self.event(0, "Started", minutes: 0, state: "Charging"), Self.event(1, "Ended", minutes: 60)],
            readings: [Self.reading(minutes: 30, wh: 10_000), Self.reading(minutes: 60, wh: 15_000)])
        let record = record(history, nil)
        #expect(record.energyKWh == 5)
        #expect(record.price.status == .noTariff)
        #expect(record.price.reason?.hasPrefix("no tariff was assigned to CS-1 EVSE 1 connector 1 at") == true)
        #expect(record.problems.contains { $0.hasPrefix("no energy register reading covers 2026-12-01T10:00:00.000Z to 2026-12-01T10:30:00.000Z") })
    }

    @Test func timeOfDayRestrictionsCutThePeriodsInTheStationsTimeZone() throws {
        // 0.40/kWh from 18:00 to 22:00 local, 0.20 otherwise; 10 kW from 16:30Z to 17:30Z (17:30-18:30 in Amsterdam).
        let tariff = try Self.tariff("""
            {"country_code": "NL", "party_id": "SMR", "id": "TOU", "currency": "EUR", "last_updated": "2026-01-01T00:00:00Z",
             "elements": [
                {"price_components": [{"type": "ENERGY", "price": 0.40, "step_size": 1}],
                 "restrictions": {"start_time": "18:00", "end_time": "22:00"}},
                {"price_components": [{"type": "ENERGY", "price": 0.20, "step_size": 1}]}]}
            """)
        let history = TransactionHistory(
            station: "CS-1", transactionId: "TX-5",
            events: [Self.event(0, "Started", minutes: 390, state: "Charging"), Self.event(1, "Ended", minutes: 450)],
            readings: [Self.reading(minutes: 390, wh: 0), Self.reading(minutes: 450, wh: 10_000)])
        let amsterdam = record(history, tariff, zone: "Europe/Amsterdam")
        #expect(amsterdam.periods.map(\.start) == [Self.at(minutes: 390), Self.at(minutes: 420)])
        #expect(amsterdam.periods.map(\.energyKWh) == [5, 5])
        #expect(amsterdam.price.total == Cost(exclVAT: 3, inclVAT: 3))
        #expect(record(history, tariff, zone: "UTC").price.total == Cost(exclVAT: 2, inclVAT: 2))
    }

    @Test func anEnergyThresholdCutsThePeriodWhereItIsReached() throws {
        let tariff = try Self.tariff("""
            {"country_code": "NL", "party_id": "SMR", "id": "KWH", "currency": "EUR", "last_updated": "2026-01-01T00:00:00Z",
             "elements": [
                {"price_components": [{"type": "ENERGY", "price": 0.30, "step_size": 1}], "restrictions": {"max_kwh": 5}},
                {"price_components": [{"type": "ENERGY", "price": 0.20, "step_size": 1}]}]}
            """)
        let history = TransactionHistory(
            station: "CS-1", transactionId: "TX-6",
            events: [Self.event(0, "Started", minutes: 0, state: "Charging"), Self.event(1, "Ended", minutes: 60)],
            readings: [Self.reading(minutes: 0, wh: 0), Self.reading(minutes: 60, wh: 10_000)])
        let record = record(history, tariff)
        #expect(record.periods.map(\.start) == [Self.at(minutes: 0), Self.at(minutes: 30)])
        #expect(record.price.total == Cost(exclVAT: Decimal(string: "2.5")!, inclVAT: Decimal(string: "2.5")!))
    }

    @Test func nonsenseReadingsAndTimesNeverTrapAndAreSaid() throws {
        var history = Self.sessionWithIdleTail()
        history.readings += [
            MeterReading(timestamp: Self.at(minutes: 10), energyWh: .nan, powerW: .infinity, currentA: -5),
            MeterReading(timestamp: Self.at(minutes: 20), energyWh: 1e300),
            MeterReading(timestamp: Self.at(minutes: 25), energyWh: 9e11),
        ]
        let record = record(history, try Self.parkingTariff())
        #expect(record.problems.contains { $0.contains("not finite or not plausible") })
        #expect(record.problems.contains { $0.contains("faster than 1000 kW") })
        #expect(record.price.status == .priced)

        var backwards = Self.sessionWithIdleTail()
        backwards.events[3].timestamp = Self.at(minutes: -30)
        let empty = self.record(backwards, try Self.parkingTariff())
        #expect(empty.problems.contains { $0.contains("before it starts") })
        #expect(empty.stoppedAt == empty.startedAt)
    }

    @Test func aLostStartedEventStartsTheSessionAtItsFirstEventAndSaysSo() throws {
        let history = TransactionHistory(
            station: "CS-1", transactionId: "TX-7",
            events: [Self.event(3, "Ended", minutes: 60), Self.event(1, "Updated", minutes: 15, state: "Charging")],
            readings: [Self.reading(minutes: 15, wh: 100), Self.reading(minutes: 60, wh: 4_600)])
        let record = record(history, try Self.parkingTariff())
        #expect(record.startedAt == Self.at(minutes: 15))
        #expect(record.problems == ["no Started event was stored: the session is taken to start at its first event, 2026-12-01T10:15:00.000Z"])
        // 4.5 kWh x 0.25 = 1.125 (1.2375); 0.75 h x 1.00 = 0.75 (0.825).
        #expect(record.price.total == Cost(exclVAT: Decimal(string: "1.875")!, inclVAT: Decimal(string: "2.0625")!))
    }

    @Test func aSessionOutsideTheTariffsOwnValidityIsPricedAndSaysSo() throws {
        let expired = try Self.tariff("""
            {"country_code": "NL", "party_id": "SMR", "id": "OLD", "currency": "EUR", "last_updated": "2026-01-01T00:00:00Z",
             "end_date_time": "2026-06-30T22:00:00Z",
             "elements": [{"price_components": [{"type": "ENERGY", "price": 0.10, "step_size": 1}]}]}
            """)
        let record = record(Self.sessionWithIdleTail(), expired)
        #expect(record.price.total == Cost(exclVAT: Decimal(string: "1.1")!, inclVAT: Decimal(string: "1.1")!))
        #expect(record.problems == [
            "the session started outside tariff OLD's start_date_time...end_date_time (-...2026-06-30T22:00:00Z); it was priced with it as assigned"
        ])
    }

    @Test func storedOCPPMeterValuesAreReadWithUnitsAndPhases() {
        let readings = MeterReading.readings(meterValuesJSON: """
            [{"timestamp": "2026-12-01T10:00:00Z", "sampledValue": [
                {"value": 12.5, "measurand": "Energy.Active.Import.Register", "unitOfMeasure": {"unit": "kWh"}},
                {"value": 7.2, "measurand": "Power.Active.Import", "unitOfMeasure": {"unit": "kW"}},
                {"value": 16, "measurand": "Current.Import", "phase": "L1"},
                {"value": 15, "measurand": "Current.Import", "phase": "L2"},
                {"value": 231, "measurand": "Voltage", "phase": "L1-N"}]},
             {"timestamp": "not a time", "sampledValue": [{"value": 1}]}]
            """)
        #expect(readings == [MeterReading(timestamp: Self.t0, energyWh: 12_500, powerW: 7_200, currentA: 31)])
        #expect(MeterReading.readings(meterValuesJSON: "{nonsense") == [])
        #expect(MeterReading.reading(sampledValuesJSON: #"[{"value": 3, "unitOfMeasure": {"unit": "Wh", "multiplier": 3}}]"#, at: Self.t0)?.energyWh == 3_000)
    }
}
