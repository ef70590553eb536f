@testable import CPMS
import Foundation
import OCPI
import Testing

/// The OCPI Session and CDR of a transaction, derived without a database: the numbers are the charging record's,
/// the status follows the station's reports, a PATCH carries only what changed, and a record without a price is
/// held rather than sent with an invented total.
struct OCPISessionDerivationTests {
    static let start = OCPPFixtures.start
    static let party = try! CPOParty(countryCode: "NL", partyID: "STM")
    static let terms = SessionTerms(
        id: "3f0c9a52-5b7e-4c1e-9a57-0d8f0c3e7a11", party: party,
        cdrToken: CdrToken(countryCode: "NL", partyID: "EXW", uid: "TAG-7", type: .rfid, contractID: "NL-EXW-C00000001-X"),
        authMethod: .whitelist, locationID: "CS-1", evseUID: "NL*STM*ECS1*1", connectorID: "1")

    static func tariff(_ id: String = "TF-1", version: Int = 2) throws -> TariffVersion {
        TariffVersion(tariffID: id, version: version, validFrom: start - 3_600, tariff: try ChargingRecordStoreTests.tariff(id, price: "0.30"))
    }

    typealias Event = TransactionHistory.Event

    /// Started (EV connected) at the start, charging from 10 min, 5.5 kWh by 30 min, suspended, ended at 45 min.
    static func history(upTo seconds: Double) -> TransactionHistory {
        let events = [
            Event(seqNo: 0, eventType: "Started", timestamp: start, evse: 1, connector: 1, idToken: "TAG-7", chargingState: "EVConnected"),
            Event(seqNo: 1, eventType: "Updated", timestamp: start + 600, chargingState: "Charging"),
            Event(seqNo: 2, eventType: "Updated", timestamp: start + 1_800, chargingState: "SuspendedEV"),
            Event(seqNo: 3, eventType: "Ended", timestamp: start + 2_700, chargingState: "Idle", stoppedReason: "EVDisconnected"),
        ]
        let readings = [
            MeterReading(timestamp: start, energyWh: 1_000, powerW: 0),
            MeterReading(timestamp: start + 600, energyWh: 1_000, powerW: 11_000),
            MeterReading(timestamp: start + 1_200, energyWh: 3_750, powerW: 11_000),
            MeterReading(timestamp: start + 1_800, energyWh: 6_500, powerW: 0),
            MeterReading(timestamp: start + 2_700, energyWh: 6_500, powerW: 0),
        ]
        return TransactionHistory(
            station: "CS-1", transactionId: "TX-1", events: events.filter { $0.timestamp <= start + seconds },
            readings: readings.filter { $0.timestamp <= start + seconds })
    }

    @Test func aSessionIsPendingUntilChargingThenActiveThenCompletedWithTheRecordsNumbers() throws {
        let derivation = SessionDerivation()
        let tariff = try Self.tariff()
        let now = Self.start + 3_000

        let connected = derivation.session(Self.terms, history: Self.history(upTo: 0), tariff: tariff, timeZone: "Europe/Amsterdam", at: now)
        #expect(connected.status == .pending)
        #expect(connected.kwh == 0)
        #expect(connected.endDateTime == nil)
        #expect(connected.currency == "EUR")
        #expect(connected.id == Self.terms.id)
        #expect(connected.startDateTime == OCPIDateTime(Self.start))

        let charging = derivation.session(Self.terms, history: Self.history(upTo: 1_200), tariff: tariff, timeZone: "Europe/Amsterdam", at: now)
        #expect(charging.status == .active)
        #expect(charging.kwh == Decimal(string: "2.75"))
        // 2.75 kWh x 0.30 = 0.825, +21 % VAT = 0.99825; 10 min parked before charging x 4.00/h = 0.6667.
        #expect(charging.totalCost == Price(exclVAT: Decimal(string: "1.4917")!, inclVAT: Decimal(string: "1.6649")!))

        let full = Self.history(upTo: 2_700)
        let completed = derivation.session(Self.terms, history: full, tariff: tariff, timeZone: "Europe/Amsterdam", at: now)
        let record = ChargingRecordBuilder().record(of: full, tariff: tariff, timeZone: "Europe/Amsterdam")
        #expect(completed.status == .completed)
        #expect(completed.endDateTime == OCPIDateTime(Self.start + 2_700))
        #expect(completed.kwh == Decimal(string: "5.5"))
        #expect(completed.kwh == record.energyKWh)
        #expect(completed.chargingPeriods == record.chargingPeriods)
        #expect(completed.totalCost?.exclVAT == record.price.total?.exclVAT)
        #expect(completed.totalCost?.inclVAT == record.price.total?.inclVAT)
        // 5.5 kWh x 0.30 = 1.65 (2.0 incl. 21 %: 1.9965); 10 + 15 min parked x 4.00/h = 1.6667.
        #expect(completed.totalCost == Price(exclVAT: Decimal(string: "3.3167")!, inclVAT: Decimal(string: "3.6632")!))
        #expect(completed.chargingPeriods?.map { $0.dimensions.map(\.type) } == [[.energy, .parkingTime, .maxPower], [.energy, .time, .maxPower], [.energy, .parkingTime, .maxPower]])
        #expect(throws: Never.self) { try completed.validate(at: .root) }

        #expect(SessionDerivation.chargingState(of: Self.history(upTo: 1_200)) == "Charging")
        #expect(SessionDerivation.chargingState(of: full) == "Idle")
    }

    @Test func aPatchCarriesOnlyWhatChangedAndNothingWhenNothingDid() throws {
        let derivation = SessionDerivation()
        let tariff = try Self.tariff()
        let running = derivation.session(Self.terms, history: Self.history(upTo: 1_200), tariff: tariff, timeZone: "UTC", at: Self.start + 1_200)
        let later = derivation.session(Self.terms, history: Self.history(upTo: 1_200), tariff: tariff, timeZone: "UTC", at: Self.start + 1_260)
        #expect(SessionPatch(from: running, to: later) == nil)
        let more = derivation.session(Self.terms, history: Self.history(upTo: 1_800), tariff: tariff, timeZone: "UTC", at: Self.start + 1_800)
        let numbers = try #require(SessionPatch(from: running, to: more))
        #expect(numbers.kwh == Decimal(string: "5.5"))
        #expect(numbers.status == nil && numbers.endDateTime == nil)

        let completed = derivation.session(Self.terms, history: Self.history(upTo: 2_700), tariff: tariff, timeZone: "UTC", at: Self.start + 2_700)
        // Completing carries every final figure, also those the last PATCH already had.
        let patch = try #require(SessionPatch(from: more, to: completed))
        let json = try #require(try JSONSerialization.jsonObject(with: OCPICoding.encode(patch)) as? [String: Any])
        #expect(Set(json.keys) == ["kwh", "charging_periods", "total_cost", "status", "end_date_time", "last_updated"])
        #expect(json["status"] as? String == "COMPLETED")
        #expect(json["end_date_time"] as? String == "2027-01-15T08:45:00Z")
        #expect(String(decoding: try OCPICoding.encode(patch), as: UTF8.self).contains(#""total_cost":{"excl_vat":3.3167,"incl_vat":3.6632}"#))
    }

    @Test func withoutATariffTheSessionHasNoCostAndTheDefaultCurrency() {
        let session = SessionDerivation(defaultCurrency: "CHF").session(
            Self.terms, history: Self.history(upTo: 2_700), tariff: nil, timeZone: "UTC", at: Self.start + 2_700)
        #expect(session.currency == "CHF")
        #expect(session.totalCost == nil)
        #expect(session.kwh == Decimal(string: "5.5"))
    }

    @Test func theAuthMethodIsCommandForARemoteStartAndAuthRequestForANeverWhitelistedToken() {
        #expect(SessionTerms.authMethod(remoteStart: true, whitelist: .always) == .command)
        #expect(SessionTerms.authMethod(remoteStart: false, whitelist: .never) == .authRequest)
        #expect(SessionTerms.authMethod(remoteStart: false, whitelist: .allowed) == .whitelist)
        #expect(SessionTerms.authMethod(remoteStart: false, whitelist: nil) == .whitelist)
    }

    static let location = """
        {"country_code": "NL", "party_id": "STM", "id": "CS-1", "publish": true, "name": "Market square", "address": "Markt 1",
         "city": "Utrecht", "postal_code": "3511", "country": "NLD", "coordinates": {"latitude": "52.09074", "longitude": "5.12142"},
         "time_zone": "Europe/Amsterdam", "last_updated": "2027-01-15T08:00:00Z",
         "evses": [{"uid": "NL*STM*ECS1*1", "evse_id": "NL*STM*ECS1*1", "status": "CHARGING", "last_updated": "2027-01-15T08:00:00Z",
                    "connectors": [{"id": "1", "standard": "IEC_62196_T2", "format": "SOCKET", "power_type": "AC_3_PHASE",
                                    "max_voltage": 230, "max_amperage": 16, "last_updated": "2027-01-15T08:00:00Z"}]}]}
        """

    @Test func theCDRCarriesTheRecordsPeriodsTheTariffVersionUsedAndItsTotals() throws {
        let tariff = try Self.tariff()
        let full = Self.history(upTo: 2_700)
        let record = ChargingRecordBuilder().record(of: full, tariff: tariff, timeZone: "UTC")
        let session = SessionDerivation().session(Self.terms, history: full, tariff: tariff, timeZone: "UTC", at: Self.start + 2_700)
        let location = try OCPICoding.decode(Location.self, from: Data(Self.location.utf8))
        let now = Self.start + 2_800
        guard case .cdr(let cdr) = CDRDerivation.cdr(of: record, session: session, location: location, tariff: tariff, at: now) else {
            Issue.record("the CDR was held")
            return
        }
        #expect(cdr.id == session.id)
        #expect(cdr.sessionID == session.id)
        #expect(cdr.countryCode == "NL" && cdr.partyID == "STM")
        #expect(cdr.cdrToken == Self.terms.cdrToken)
        #expect(cdr.authMethod == .whitelist)
        #expect(cdr.startDateTime == OCPIDateTime(Self.start))
        #expect(cdr.endDateTime == OCPIDateTime(Self.start + 2_700))
        #expect(cdr.currency == "EUR")
        #expect(cdr.chargingPeriods == record.chargingPeriods)
        #expect(cdr.totalCost == Price(exclVAT: Decimal(string: "3.3167")!, inclVAT: Decimal(string: "3.6632")!))
        #expect(cdr.totalEnergyCost == Price(exclVAT: Decimal(string: "1.65")!, inclVAT: Decimal(string: "1.9965")!))
        #expect(cdr.totalParkingCost == Price(exclVAT: Decimal(string: "1.6667")!, inclVAT: Decimal(string: "1.6667")!))
        #expect(cdr.totalEnergy == Decimal(string: "5.5"))
        #expect(cdr.totalTime == Decimal(string: "0.75"))
        #expect(cdr.totalParkingTime == Decimal(2_700 - 1_200) / 3_600)
        #expect(cdr.tariffs?.map(\.id) == ["TF-1"])
        #expect(cdr.tariffs?.first?.countryCode == "NL")
        #expect(cdr.tariffs?.first?.lastUpdated == OCPIDateTime(Self.start - 3_600))
        #expect(cdr.cdrLocation.evseUID == "NL*STM*ECS1*1")
        #expect(cdr.cdrLocation.connectorStandard == .iec62196T2)
        #expect(cdr.cdrLocation.address == "Markt 1")
        #expect(cdr.lastUpdated == OCPIDateTime(now))
        // What is written reads back as the same CDR (strict OCPI reading).
        #expect(try OCPICoding.decode(CDR.self, from: OCPICoding.encode(cdr)) == cdr)
    }

    @Test func aRecordWithoutAPriceIsHeldWithItsReason() throws {
        let full = Self.history(upTo: 2_700)
        let location = try OCPICoding.decode(Location.self, from: Data(Self.location.utf8))
        let session = SessionDerivation().session(Self.terms, history: full, tariff: nil, timeZone: "UTC", at: Self.start + 2_700)
        let unpriced = ChargingRecordBuilder().record(of: full, tariff: nil, timeZone: "UTC")
        guard case .held(let reason) = CDRDerivation.cdr(of: unpriced, session: session, location: location, tariff: nil, at: Self.start) else {
            Issue.record("a record without a tariff was sent")
            return
        }
        #expect(reason.contains("no_tariff"))

        var noEnergy = full
        noEnergy.readings = []
        let tariff = try Self.tariff()
        let notPriced = ChargingRecordBuilder().record(of: noEnergy, tariff: tariff, timeZone: "UTC")
        guard case .held(let why) = CDRDerivation.cdr(of: notPriced, session: session, location: location, tariff: tariff, at: Self.start) else {
            Issue.record("a record whose energy is unknown was sent")
            return
        }
        #expect(why.contains("not_priced"))

        let priced = ChargingRecordBuilder().record(of: full, tariff: tariff, timeZone: "UTC")
        guard case .held(let gone) = CDRDerivation.cdr(of: priced, session: session, location: nil, tariff: tariff, at: Self.start) else {
            Issue.record("a CDR without its location was sent")
            return
        }
        #expect(gone.contains("no longer published"))
    }
}
