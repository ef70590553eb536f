import Foundation
import Tariffs
import Testing

@Suite struct TariffJSONTests {
    private static let everyField = """
        {"country_code": "NL", "party_id": "SMR", "id": "tou-2026", "currency": "EUR", "type": "REGULAR",
         "tariff_alt_text": [{"language": "en", "text": "Cheaper at night"}],
         "tariff_alt_url": "https://cpo.example/tariffs/tou-2026",
         "min_price": {"excl_vat": 0.5}, "max_price": {"excl_vat": 80, "incl_vat": 96.8},
         "elements": [{"price_components": [{"type": "ENERGY", "price": 0.2675, "vat": 21, "step_size": 1},
                                            {"type": "FLAT", "price": 0.35, "step_size": 0}],
                       "restrictions": {"start_time": "22:00", "end_time": "06:00", "start_date": "2026-01-01",
                                        "end_date": "2027-01-01", "min_kwh": 0.5, "max_kwh": 120, "min_current": 6,
                                        "max_current": 64, "min_power": 1.4, "max_power": 350, "min_duration": 0,
                                        "max_duration": 86400, "day_of_week": ["SATURDAY", "SUNDAY"]}},
                      {"price_components": [{"type": "TIME", "price": 1, "step_size": 60}], "restrictions": {"reservation": "RESERVATION"}}],
         "energy_mix": {"is_green_energy": true, "energy_sources": [{"source": "WIND", "percentage": 60},
                        {"source": "SOLAR", "percentage": 40}], "environ_impact": [{"category": "CARBON_DIOXIDE", "amount": 0}],
                        "supplier_name": "Wind BV", "energy_product_name": "Groen"},
         "start_date_time": "2026-01-01T00:00:00Z", "end_date_time": "2027-01-01T00:00:00.250Z",
         "last_updated": "2025-12-20T10:11:12Z"}
        """

    @Test func pricesDecodeAsExactDecimals() throws {
        let tariff = try tariff(Self.everyField)
        let component = tariff.elements[0].priceComponents[0]
        #expect(component.price == dec("0.2675"))
        #expect(component.vat == dec("21"))
        #expect(tariff.maxPrice == Price(exclVAT: 80, inclVAT: dec("96.8")))
        #expect(tariff.minPrice == Price(exclVAT: dec("0.5"), inclVAT: nil))
        // A binary double would make 0.2675 * 3 = 0.8025000000000001.
        #expect(component.price * 3 == dec("0.8025"))
    }

    @Test func everyFieldDecodes() throws {
        let tariff = try tariff(Self.everyField)
        let restrictions = try #require(tariff.elements[0].restrictions)
        #expect(restrictions.startTime?.description == "22:00")
        #expect(restrictions.endDate == LocalDate("2027-01-01"))
        #expect(restrictions.dayOfWeek == [.saturday, .sunday])
        #expect(restrictions.maxDuration == 86400)
        #expect(tariff.elements[1].restrictions?.reservation == .reservation)
        #expect(tariff.elements[1].priceComponents[0].stepSize == 60)
        #expect(tariff.energyMix?.energySources?.map(\.source) == [.wind, .solar])
        #expect(tariff.endDateTime?.description == "2027-01-01T00:00:00.250Z")
    }

    @Test func encodingUsesOCPINamesAndDecodesToTheSameTariff() throws {
        let tariff = try tariff(Self.everyField)
        let data = try OCPIJSON.encode(tariff)
        let text = String(decoding: data, as: UTF8.self)
        for name in ["\"price_components\"", "\"step_size\"", "\"day_of_week\"", "\"start_time\":\"22:00\"", "\"excl_vat\"",
                     "\"tariff_alt_url\"", "\"is_green_energy\"", "\"last_updated\":\"2025-12-20T10:11:12Z\"", "\"price\":0.2675"] {
            #expect(text.contains(name), "\(name) missing in \(text)")
        }
        #expect(!text.contains("null"))
        #expect(try OCPIJSON.decodeTariff(data) == tariff)
    }

    @Test(arguments: [
        (#""price": 0.2675"#, #""price": "0.2675""#, "elements[0].price_components[0].price", "expected a number"),
        (#""start_time": "22:00""#, #""start_time": "9:00""#, "elements[0].restrictions.start_time", "HH:MM"),
        (#""end_time": "06:00""#, #""end_time": "24:00""#, "elements[0].restrictions.end_time", "HH:MM"),
        (#""start_date": "2026-01-01""#, #""start_date": "2026-13-01""#, "elements[0].restrictions.start_date", "YYYY-MM-DD"),
        (#""type": "ENERGY""#, #""type": "KWH""#, "elements[0].price_components[0].type", ""),
        (#""SUNDAY""#, #""SUN""#, "elements[0].restrictions.day_of_week[1]", ""),
        (#""currency": "EUR""#, #""currency": "EURO""#, "currency", "ISO 4217"),
        (#""step_size": 1}"#, #""step_size": -5}"#, "elements[0].price_components[0].step_size", "negative"),
        (#""country_code": "NL""#, #""country_code": null"#, "country_code", "null"),
        (#""last_updated": "2025-12-20T10:11:12Z""#, #""last_updated": "yesterday""#, "last_updated", "RFC 3339"),
        (#""type": "TIME", "price": 1,"#, #""type": "ENERGY", "price": 1,"#, "elements[1].price_components[0].type", "reservation"),
        (#""start_date": "2026-01-01""#, #""start_date": "2027-02-01""#, "elements[0].restrictions.end_date", "after"),
        (#""min_kwh": 0.5"#, #""min_kwh": -0.5"#, "elements[0].restrictions.min_kwh", "negative"),
        (#""price": 1, "step_size": 60"#, #""price": 1"#, "elements[1].price_components[0].step_size", "missing"),
    ])
    func badFieldsAreNamed(original: String, replacement: String, field: String, message: String) {
        let json = Self.everyField.replacingOccurrences(of: original, with: replacement)
        #expect(json != Self.everyField)
        do {
            _ = try OCPIJSON.decodeTariff(Data(json.utf8))
            Issue.record("\(replacement) was accepted")
        } catch {
            #expect(error.field == field)
            #expect(message.isEmpty || error.message.contains(message), "\(error.message)")
        }
    }

    @Test func emptyElementsAndNonJSONAreRefused() {
        #expect(throws: OCPIJSONError(field: "elements", message: "must hold at least one element")) {
            try OCPIJSON.decodeTariff(Data(#"{"country_code":"NL","party_id":"SMR","id":"x","currency":"EUR","elements":[],"last_updated":"2025-01-01T00:00:00Z"}"#.utf8))
        }
        do {
            _ = try OCPIJSON.decodeTariff(Data("{\"country_code\": ".utf8))
            Issue.record("truncated JSON accepted")
        } catch {
            #expect(error.field == "")
            #expect(error.message.hasPrefix("not valid JSON"))
        }
    }

    @Test func dateTimesWithoutZoneAreUTCAndOffsetsAreApplied() {
        #expect(OCPIDateTime("2015-06-29T20:39:09")?.date == OCPIDateTime("2015-06-29T20:39:09Z")?.date)
        #expect(OCPIDateTime("2015-06-29T22:39:09+02:00")?.date == OCPIDateTime("2015-06-29T20:39:09Z")?.date)
        #expect(OCPIDateTime("2015-02-30T00:00:00Z") == nil)
        #expect(OCPIDateTime("2015-06-29 20:39:09Z") == nil)
        #expect(OCPIDateTime("2015-06-29T20:39:09Zjunk") == nil)
    }
}

@Suite struct CDRChargingPeriodsTests {
    /// The CDR example of the OCPI 2.2.1 cdrs module (its tariff and totals left out).
    static let cdrExample = """
        {"country_code": "BE", "party_id": "BEC", "id": "12345",
         "start_date_time": "2015-06-29T21:39:09Z", "end_date_time": "2015-06-29T23:37:32Z",
         "cdr_token": {"uid": "012345678", "type": "RFID", "contract_id": "DE8ACC12E46L89"},
         "auth_method": "WHITELIST",
         "cdr_location": {"id": "LOC1", "name": "Gent Zuid", "address": "F.Rooseveltlaan 3A", "city": "Gent",
                          "postal_code": "9000", "country": "BEL", "coordinates": {"latitude": "3.729944", "longitude": "51.047599"},
                          "evse_uid": "3256", "evse_id": "BE*BEC*E041503003", "connector_id": "1",
                          "connector_standard": "IEC_62196_T2", "connector_format": "SOCKET", "connector_power_type": "AC_1_PHASE"},
         "currency": "EUR",
         "charging_periods": [{"start_date_time": "2015-06-29T21:39:09Z", "dimensions": [{"type": "TIME", "volume": 1.973}],
                               "tariff_id": "12"}],
         "total_cost": {"excl_vat": 4.00, "incl_vat": 4.40}, "total_energy": 15.342, "total_time": 1.973,
         "last_updated": "2015-06-29T22:01:13Z"}
        """

    @Test func theModulesCDRPricesAsItSays() throws {
        // Its tariff: TIME 2.00/h, 10 % VAT, step 300 s. 1.973 h = 7102.8 s -> 7200 s = 2 h: 4.00 / 4.40.
        let cdr = try CDRChargingPeriods.decode(Data(Self.cdrExample.utf8))
        #expect(cdr.locationTimeZone == nil)
        #expect(cdr.chargingPeriods[0].volume(.time) == dec("1.973"))
        let tariff = try tariff(
            #"{"country_code":"BE","party_id":"BEC","id":"12","currency":"EUR","elements":[{"price_components":[{"type":"TIME","price":2.00,"vat":10.0,"step_size":300}]}],"last_updated":"2015-02-02T14:15:01Z"}"#)
        let cost = try PricingEngine.price(cdr.session(in: TimeZone(identifier: "Europe/Brussels") ?? .gmt), under: tariff)
        #expect(cost.total == Cost(exclVAT: dec("4.00"), inclVAT: dec("4.40")))
    }

    @Test func timeZoneIsTakenFromTheLocationWhenPresent() throws {
        let json = Self.cdrExample.replacingOccurrences(of: #""city": "Gent","#, with: #""city": "Gent", "time_zone": "Europe/Brussels","#)
        #expect(try CDRChargingPeriods.decode(Data(json.utf8)).locationTimeZone == "Europe/Brussels")
        let bad = Self.cdrExample.replacingOccurrences(of: #""city": "Gent","#, with: #""city": "Gent", "time_zone": "Mars/Olympus","#)
        #expect(throws: OCPIJSONError(field: "cdr_location.time_zone", message: "unknown IANA time zone \"Mars/Olympus\"")) {
            try CDRChargingPeriods.decode(Data(bad.utf8))
        }
    }

    @Test func badPeriodsAreNamed() {
        let cases: [(String, String, String)] = [
            (#""volume": 1.973"#, #""volume": "1.973""#, "charging_periods[0].dimensions[0].volume"),
            (#""type": "TIME", "volume""#, #""type": "HOURS", "volume""#, "charging_periods[0].dimensions[0].type"),
            (#""volume": 1.973"#, #""volume": -1"#, "charging_periods[0].dimensions[0].volume"),
            (#""start_date_time": "2015-06-29T21:39:09Z", "dimensions""#, #""start_date_time": "2015-06-30T21:39:09Z", "dimensions""#,
             "charging_periods[0].start_date_time"),
            (#""end_date_time": "2015-06-29T23:37:32Z""#, #""end_date_time": "2015-06-28T23:37:32Z""#, "end_date_time"),
            (#""dimensions": [{"type": "TIME", "volume": 1.973}]"#, #""dimensions": []"#, "charging_periods[0].dimensions"),
        ]
        for (original, replacement, field) in cases {
            let json = Self.cdrExample.replacingOccurrences(of: original, with: replacement)
            #expect(json != Self.cdrExample, "\(original)")
            do {
                _ = try CDRChargingPeriods.decode(Data(json.utf8))
                Issue.record("\(replacement) accepted")
            } catch {
                #expect(error.field == field, "\(error)")
            }
        }
    }
}
