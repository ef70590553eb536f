/// The tariff examples of the OCPI 2.2.1 tariffs module (mod_tariffs.asciidoc and its examples/*.json), as OCPI JSON.
enum OCPIExampleTariffs {
    /// tariff_put_example.json: as printed in the module, without the required last_updated.
    static let putExample = """
        {"country_code": "DE", "party_id": "ALL", "id": "12", "currency": "EUR",
         "elements": [{"price_components": [{"type": "TIME", "price": 2.00, "vat": 10.0, "step_size": 300}]}]}
        """
    static let simple2PerHour = """
        {"country_code": "DE", "party_id": "ALL", "id": "12", "currency": "EUR",
         "elements": [{"price_components": [{"type": "TIME", "price": 2.00, "vat": 10.0, "step_size": 60}]}],
         "last_updated": "2015-06-29T20:39:09Z"}
        """
    static let altText = """
        {"country_code": "DE", "party_id": "ALL", "id": "12", "currency": "EUR", "type": "AD_HOC_PAYMENT",
         "tariff_alt_text": [{"language": "en", "text": "2.00 euro p/hour including VAT."},
                             {"language": "nl", "text": "2.00 euro p/uur inclusief BTW."}],
         "elements": [{"price_components": [{"type": "TIME", "price": 1.90, "vat": 5.2, "step_size": 300}]}],
         "last_updated": "2015-06-29T20:39:09Z"}
        """
    static let altURL = """
        {"country_code": "DE", "party_id": "ALL", "id": "13", "currency": "EUR", "type": "PROFILE_CHEAP",
         "tariff_alt_url": "https://company.com/tariffs/13",
         "elements": [{"price_components": [{"type": "FLAT", "price": 0.50, "vat": 20.0, "step_size": 1},
                                            {"type": "ENERGY", "price": 0.25, "vat": 10.0, "step_size": 100}]}],
         "last_updated": "2015-06-29T20:39:09Z"}
        """
    static let complex = """
        {"country_code": "DE", "party_id": "ALL", "id": "14", "currency": "EUR", "type": "REGULAR",
         "tariff_alt_url": "https://company.com/tariffs/14",
         "elements": [
           {"price_components": [{"type": "FLAT", "price": 2.50, "vat": 15.0, "step_size": 1}]},
           {"price_components": [{"type": "TIME", "price": 1.00, "vat": 20.0, "step_size": 900}],
            "restrictions": {"max_current": 32.00}},
           {"price_components": [{"type": "TIME", "price": 2.00, "vat": 20.0, "step_size": 600}],
            "restrictions": {"min_current": 32.00, "day_of_week": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]}},
           {"price_components": [{"type": "TIME", "price": 1.25, "vat": 20.0, "step_size": 600}],
            "restrictions": {"min_current": 32.00, "day_of_week": ["SATURDAY", "SUNDAY"]}},
           {"price_components": [{"type": "PARKING_TIME", "price": 5.00, "vat": 10.0, "step_size": 300}],
            "restrictions": {"start_time": "09:00", "end_time": "18:00",
                             "day_of_week": ["MONDAY", "TUESDAY", "WEDNESDAY", "THURSDAY", "FRIDAY"]}},
           {"price_components": [{"type": "PARKING_TIME", "price": 6.00, "vat": 10.0, "step_size": 300}],
            "restrictions": {"start_time": "10:00", "end_time": "17:00", "day_of_week": ["SATURDAY"]}}],
         "last_updated": "2015-06-29T20:39:09Z"}
        """
    static let freeOfCharge = """
        {"country_code": "DE", "party_id": "ALL", "id": "15", "currency": "EUR",
         "elements": [{"price_components": [{"type": "FLAT", "price": 0.00, "step_size": 0}]}],
         "last_updated": "2015-06-29T20:39:09Z"}
        """
    static let startFeeMaxPrice = """
        {"country_code": "DE", "party_id": "ALL", "id": "16", "currency": "EUR",
         "max_price": {"excl_vat": 10.00, "incl_vat": 11.00},
         "elements": [{"price_components": [{"type": "FLAT", "price": 0.50, "vat": 20.0, "step_size": 1},
                                            {"type": "ENERGY", "price": 0.25, "vat": 10.0, "step_size": 1}]}],
         "end_date_time": "2019-06-30T23:59:59Z", "last_updated": "2018-12-17T17:15:01Z"}
        """
    static let firstHourParkingAndKWhFree = """
        {"country_code": "DE", "party_id": "ALL", "id": "52", "currency": "EUR",
         "elements": [
           {"price_components": [{"type": "PARKING_TIME", "price": 0.0, "step_size": 60}],
            "restrictions": {"min_duration": 0, "max_duration": 3600}},
           {"price_components": [{"type": "PARKING_TIME", "price": 2.0, "step_size": 60}],
            "restrictions": {"min_duration": 3600, "max_duration": 10800}},
           {"price_components": [{"type": "PARKING_TIME", "price": 3.0, "step_size": 60}],
            "restrictions": {"min_duration": 10800}},
           {"price_components": [{"type": "ENERGY", "price": 0.0, "step_size": 1}], "restrictions": {"max_kwh": 1.0}},
           {"price_components": [{"type": "ENERGY", "price": 0.2, "step_size": 1}], "restrictions": {"min_kwh": 1.0}}],
         "last_updated": "2018-12-29T15:55:58Z"}
        """
    static let simple025PerKWh = """
        {"country_code": "DE", "party_id": "ALL", "id": "16", "currency": "EUR",
         "elements": [{"price_components": [{"type": "ENERGY", "price": 0.25, "vat": 10.0, "step_size": 1}]}],
         "last_updated": "2018-12-17T11:16:55Z"}
        """
    static let perKWhStartFee = """
        {"country_code": "DE", "party_id": "ALL", "id": "17", "currency": "EUR",
         "elements": [{"price_components": [{"type": "FLAT", "price": 0.50, "vat": 20.0, "step_size": 1},
                                            {"type": "ENERGY", "price": 0.25, "vat": 10.0, "step_size": 1}]}],
         "last_updated": "2018-12-17T11:36:01Z"}
        """
    static let perKWhParkingStartFee = """
        {"country_code": "DE", "party_id": "ALL", "id": "18", "currency": "EUR",
         "elements": [{"price_components": [{"type": "FLAT", "price": 0.50, "vat": 20.0, "step_size": 1},
                                            {"type": "ENERGY", "price": 0.25, "vat": 10.0, "step_size": 1},
                                            {"type": "PARKING_TIME", "price": 2.00, "vat": 20.0, "step_size": 900}]}],
         "last_updated": "2018-12-17T11:44:10Z"}
        """
    static let notPossibleAltText = """
        {"country_code": "DE", "party_id": "ALL", "id": "19", "currency": "EUR", "type": "AD_HOC_PAYMENT",
         "tariff_alt_text": [{"language": "en", "text": "2.00 euro p/hour, start tariff debit card: 0.25 euro, credit card: 0.50 euro including VAT."},
                             {"language": "nl", "text": "2.00 euro p/uur, starttarief bankpas: 0,25 euro, creditkaart: 0,50 euro inclusief BTW."}],
         "elements": [{"price_components": [{"type": "FLAT", "price": 0.40, "vat": 25.0, "step_size": 1},
                                            {"type": "TIME", "price": 1.90, "vat": 5.2, "step_size": 300}]}],
         "last_updated": "2018-12-29T15:55:58Z"}
        """
    static let perKWhMinPrice = """
        {"country_code": "DE", "party_id": "ALL", "id": "20", "currency": "EUR",
         "min_price": {"excl_vat": 0.50, "incl_vat": 0.55},
         "elements": [{"price_components": [{"type": "ENERGY", "price": 0.25, "vat": 10.0, "step_size": 1}]}],
         "last_updated": "2018-12-17T16:45:21Z"}
        """
    static let time3Parking5 = """
        {"country_code": "DE", "party_id": "ALL", "id": "21", "currency": "EUR",
         "elements": [{"price_components": [{"type": "TIME", "price": 3.00, "vat": 10.0, "step_size": 60},
                                            {"type": "PARKING_TIME", "price": 5.00, "vat": 20.0, "step_size": 300}]}],
         "last_updated": "2018-12-17T17:00:43Z"}
        """
    static let stepSize = """
        {"country_code": "DE", "party_id": "ALL", "id": "22", "currency": "EUR",
         "elements": [
           {"price_components": [{"type": "TIME", "price": 1.20, "step_size": 1800},
                                 {"type": "PARKING_TIME", "price": 1.00, "step_size": 900}],
            "restrictions": {"start_time": "00:00", "end_time": "17:00"}},
           {"price_components": [{"type": "TIME", "price": 2.40, "step_size": 900},
                                 {"type": "PARKING_TIME", "price": 1.00, "step_size": 900}],
            "restrictions": {"start_time": "17:00", "end_time": "20:00"}},
           {"price_components": [{"type": "TIME", "price": 2.40, "step_size": 900}],
            "restrictions": {"start_time": "20:00", "end_time": "00:00"}}],
         "last_updated": "2018-12-18T17:07:11Z"}
        """
    static let reservation5PerHour = """
        {"country_code": "DE", "party_id": "ALL", "id": "20", "currency": "EUR",
         "elements": [
           {"price_components": [{"type": "TIME", "price": 5.00, "vat": 20.0, "step_size": 60}],
            "restrictions": {"reservation": "RESERVATION"}},
           {"price_components": [{"type": "FLAT", "price": 0.50, "vat": 20.0, "step_size": 1},
                                 {"type": "ENERGY", "price": 0.25, "vat": 10.0, "step_size": 1}]}],
         "last_updated": "2019-02-03T17:00:11Z"}
        """
    static let reservationFee2And5PerHour = """
        {"country_code": "DE", "party_id": "ALL", "id": "20", "currency": "EUR",
         "elements": [
           {"price_components": [{"type": "FLAT", "price": 2.00, "vat": 20.0, "step_size": 1},
                                 {"type": "TIME", "price": 5.00, "vat": 20.0, "step_size": 300}],
            "restrictions": {"reservation": "RESERVATION"}},
           {"price_components": [{"type": "FLAT", "price": 0.50, "vat": 20.0, "step_size": 1},
                                 {"type": "ENERGY", "price": 0.25, "vat": 10.0, "step_size": 1}]}],
         "last_updated": "2019-02-03T17:00:11Z"}
        """
    static let reservationExpireFee = """
        {"country_code": "DE", "party_id": "ALL", "id": "20", "currency": "EUR",
         "elements": [
           {"price_components": [{"type": "FLAT", "price": 4.00, "vat": 20.0, "step_size": 1}],
            "restrictions": {"reservation": "RESERVATION_EXPIRES"}},
           {"price_components": [{"type": "TIME", "price": 2.00, "vat": 20.0, "step_size": 600}],
            "restrictions": {"reservation": "RESERVATION"}},
           {"price_components": [{"type": "FLAT", "price": 0.50, "vat": 20.0, "step_size": 1},
                                 {"type": "ENERGY", "price": 0.25, "vat": 10.0, "step_size": 1}]}],
         "last_updated": "2019-02-03T17:00:11Z"}
        """
    static let reservationExpireTime = """
        {"country_code": "DE", "party_id": "ALL", "id": "20", "currency": "EUR",
         "elements": [
           {"price_components": [{"type": "TIME", "price": 6.00, "vat": 20.0, "step_size": 600}],
            "restrictions": {"reservation": "RESERVATION_EXPIRES"}},
           {"price_components": [{"type": "TIME", "price": 3.00, "vat": 20.0, "step_size": 600}],
            "restrictions": {"reservation": "RESERVATION"}},
           {"price_components": [{"type": "FLAT", "price": 0.50, "vat": 20.0, "step_size": 1},
                                 {"type": "ENERGY", "price": 0.25, "vat": 10.0, "step_size": 1}]}],
         "last_updated": "2019-02-03T17:00:11Z"}
        """
    static let maxPower = """
        {"country_code": "DE", "party_id": "ALL", "id": "1", "currency": "EUR", "type": "REGULAR",
         "elements": [
           {"price_components": [{"type": "ENERGY", "price": 0.20, "vat": 20.0, "step_size": 1}], "restrictions": {"max_power": 16.00}},
           {"price_components": [{"type": "ENERGY", "price": 0.35, "vat": 20.0, "step_size": 1}], "restrictions": {"max_power": 32.00}},
           {"price_components": [{"type": "ENERGY", "price": 0.50, "vat": 20.0, "step_size": 1}]}],
         "last_updated": "2018-12-05T12:01:09Z"}
        """
    static let maxDuration = """
        {"country_code": "DE", "party_id": "ALL", "id": "2", "currency": "EUR", "type": "REGULAR",
         "elements": [
           {"price_components": [{"type": "ENERGY", "price": 0.00, "vat": 20.0, "step_size": 1}], "restrictions": {"max_duration": 1800}},
           {"price_components": [{"type": "ENERGY", "price": 0.25, "vat": 20.0, "step_size": 1}], "restrictions": {"max_duration": 3600}},
           {"price_components": [{"type": "ENERGY", "price": 0.40, "vat": 20.0, "step_size": 1}]}],
         "last_updated": "2018-12-05T13:12:44Z"}
        """
}
