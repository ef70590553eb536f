import Foundation
import OCPI
import Testing

/// Documents that break an OCPI rule are refused with the field's path and status 2001.
@Suite struct RefusalTests {
    private func refusal(_ kind: OCPIObjectKind, _ sample: String, _ change: (JSONTree) -> JSONTree) throws -> OCPIDecodingError? {
        let document = try #require(SampleDocument.named(sample)).tree
        do {
            _ = try kind.normalized(change(document).data)
            return nil
        } catch {
            return error
        }
    }

    private func set(_ path: [JSONTree.Step], _ value: JSONTree?) -> (JSONTree) -> JSONTree {
        { $0.replacing(path[...], with: value) }
    }

    @Test func badConnectorStandardNamesItsPath() throws {
        let error = try refusal(.location, "Location-garage", set([.key("evses"), .index(1), .key("connectors"), .index(0), .key("standard")], .string("SCHUKO")))
        #expect(error?.field == "evses[1].connectors[0].standard")
        #expect(error?.message == "unknown value \"SCHUKO\"")
        #expect(error?.statusCode == .invalidOrMissingParameters)
        #expect(error?.statusCode.rawValue == 2001)
    }

    @Test func missingRequiredFieldIsNamed() throws {
        let error = try refusal(.location, "Location-garage", set([.key("evses"), .index(0), .key("uid")], nil))
        #expect(error?.field == "evses[0].uid")
        #expect(error?.message == "required field is missing")
        let null = try refusal(.session, "Session-active", set([.key("kwh")], .null))
        #expect(null?.field == "kwh")
    }

    @Test func wrongTypesAreNamed() throws {
        #expect(try refusal(.cdr, "Cdr-priced", set([.key("total_energy")], .string("16")))?.field == "total_energy")
        #expect(try refusal(.token, "Token-rfid", set([.key("valid")], .string("yes")))?.field == "valid")
        let fraction = try refusal(.connector, "Connector-dc", set([.key("max_voltage")], .number(920.5)))
        #expect(fraction?.field == "max_voltage", "\(String(describing: fraction))")
    }

    @Test func stringLimitsAreEnforced() throws {
        let longID = try refusal(.location, "Location-garage", set([.key("id")], .string(String(repeating: "L", count: 37))))
        #expect(longID?.field == "id")
        #expect(longID?.message == "longer than 36 characters")
        let nonASCII = try refusal(.token, "Token-rfid", set([.key("uid")], .string("Ünicode")))
        #expect(nonASCII?.field == "uid")
        #expect(nonASCII?.message == "must be printable ASCII")
        let country = try refusal(.location, "Location-garage", set([.key("country")], .string("DE")))
        #expect(country?.field == "country")
        let text = try refusal(.location, "Location-garage", set([.key("directions"), .index(0), .key("text")], .string(String(repeating: "x", count: 513))))
        #expect(text?.field == "directions[0].text")
        let url = try refusal(.commandResponse, "CommandResponse-accepted", { _ in .object(["result": .string("ACCEPTED"), "timeout": .number(-1)]) })
        #expect(url?.field == "timeout")
        let relative = try refusal(.stopSession, "StopSession-one", set([.key("response_url")], .string("/commands/STOP_SESSION/1")))
        #expect(relative?.field == "response_url")
        #expect(relative?.message == "must be an absolute URL")
    }

    @Test func coordinatesFollowTheSpecsPattern() throws {
        for bad in ["52.52", "52,520008", "152.520008", "91.000000", "-90.0000001", "52.52000812", "N52.520008", ""] {
            let error = try refusal(.location, "Location-garage", set([.key("coordinates"), .key("latitude")], .string(bad)))
            #expect(error?.field == "coordinates.latitude", "\(bad)")
        }
        for good in ["-90.00000", "0.1234567", "-1.12345"] {
            #expect(try refusal(.location, "Location-garage", set([.key("coordinates"), .key("latitude")], .string(good))) == nil, "\(good)")
        }
        let longitude = try refusal(.location, "Location-garage", set([.key("evses"), .index(0), .key("coordinates"), .key("longitude")], .string("181.000000")))
        #expect(longitude?.field == "evses[0].coordinates.longitude")
        #expect(try refusal(.location, "Location-garage", set([.key("coordinates"), .key("longitude")], .string("-179.9999999"))) == nil)
    }

    @Test func evseIDsAreEMI3() throws {
        for good in ["DE*STM*E0001*1", "DESTME00011", "de*stm*e0001", "+49*810*000*438"] {
            #expect(EVSEIdentifier.isValid(good), "\(good)")
        }
        for bad in ["DE*STM*0001", "D*STM*E1", "DE*STM*E", "DE*STM*E" + String(repeating: "1", count: 31), "STM-HBF-1", "49*81*1"] {
            #expect(!EVSEIdentifier.isValid(bad), "\(bad)")
        }
        let error = try refusal(.location, "Location-garage", set([.key("evses"), .index(0), .key("evse_id")], .string("STM-HBF-1")))
        #expect(error?.field == "evses[0].evse_id")
    }

    @Test func pairingRulesNameTheFieldThatIsWrong() throws {
        #expect(try refusal(.location, "Location-garage", set([.key("time_zone")], .string("Mars/Olympus")))?.field == "time_zone")
        #expect(try refusal(.location, "Location-garage", set([.key("evses"), .index(0), .key("connectors")], .array([])))?.field == "evses[0].connectors")
        let open = try refusal(.hours, "Hours-weekdays", set([.key("twentyfourseven")], .bool(true)))
        #expect(open?.field == "regular_hours")
        let weekday = try refusal(.hours, "Hours-weekdays", set([.key("regular_hours"), .index(1), .key("weekday")], .number(8)))
        #expect(weekday?.field == "regular_hours[1].weekday")
        let time = try refusal(.hours, "Hours-weekdays", set([.key("regular_hours"), .index(0), .key("period_begin")], .string("7:30")))
        #expect(time?.field == "regular_hours[0].period_begin")
        let schedule = try refusal(.evse, "Evse-charging", set([.key("status_schedule"), .index(0), .key("period_end")], .string("2026-12-01T00:00:00Z")))
        #expect(schedule?.field == "status_schedule[0].period_end")
        let start = try refusal(.startSession, "StartSession-connector", set([.key("evse_uid")], nil))
        #expect(start?.field == "connector_id")
        let published = try refusal(.location, "Location-unpublished", set([.key("publish")], .bool(true)))
        #expect(published?.field == "publish_allowed_to")
        let visual = try refusal(.location, "Location-unpublished", set([.key("publish_allowed_to"), .index(1), .key("issuer")], nil))
        #expect(visual?.field == "publish_allowed_to[1].issuer")
    }

    @Test func aTariffInsideACDRIsValidatedWithItsPath() throws {
        let price = try refusal(.cdr, "Cdr-priced", set([.key("tariffs"), .index(0), .key("elements"), .index(0), .key("price_components"), .index(1), .key("price")], .number(-1)))
        #expect(price?.field == "tariffs[0].elements[0].price_components[1].price")
        let currency = try refusal(.cdr, "Cdr-priced", set([.key("tariffs"), .index(0), .key("currency")], .string("EURO")))
        #expect(currency?.field == "tariffs[0].currency")
        let dimensions = try refusal(.cdr, "Cdr-priced", set([.key("charging_periods"), .index(1), .key("dimensions")], .array([])))
        #expect(dimensions?.field == "charging_periods[1].dimensions")
        let periods = try refusal(.cdr, "Cdr-priced", set([.key("charging_periods")], .array([])))
        #expect(periods?.field == "charging_periods")
        let order = try refusal(.cdr, "Cdr-priced", set([.key("end_date_time")], .string("2026-11-30T16:00:00Z")))
        #expect(order?.field == "end_date_time")
    }

    @Test func bookingRulesAreEnforced() throws {
        let location = try refusal(.bookingLocation, "BookingLocation-evse", set([.key("evse_uid")], nil))
        #expect(location?.field == "evse_uid")
        let slot = try refusal(.booking, "Booking-reserved", set([.key("period"), .key("end_before")], .string("2026-12-01T15:00:00Z")))
        #expect(slot?.field == "period.end_before")
        let power = try refusal(.timeslot, "Timeslot-evening", set([.key("max_power")], .number(1000)))
        #expect(power?.field == "max_power")
        let status = try refusal(.booking, "Booking-reserved", set([.key("booking_requests"), .index(0), .key("request_status")], .string("MAYBE")))
        #expect(status?.field == "booking_requests[0].request_status")
        let requests = try refusal(.booking, "Booking-reserved", set([.key("booking_requests")], .array([])))
        #expect(requests?.field == "booking_requests")
        let access = try refusal(.bookingTerms, "BookingTerms-hbf", set([.key("supported_access_methods")], .array([])))
        #expect(access?.field == "supported_access_methods")
        let who = try refusal(.bookingRequest, "BookingRequest-cancel", set([.key("canceled"), .key("who_canceled")], .string("DRIVER")))
        #expect(who?.field == "canceled.who_canceled")
        let calendar = try refusal(.calendar, "Calendar-day", set([.key("available_timeslots"), .index(1), .key("start_from")], .string("2026-12-01T23:59:99Z")))
        #expect(calendar?.field == "available_timeslots[1].start_from")
    }

    @Test func documentsThatAreNotJSONAreRefusedAsAWhole() throws {
        for text in ["", "{", "[1,2", "nul", "{\"id\": }"] {
            #expect(throws: OCPIDecodingError.self) { try OCPIObjectKind.location.normalized(Data(text.utf8)) }
        }
        do {
            _ = try OCPIObjectKind.location.normalized(Data("[]".utf8))
            Issue.record("an array was read as a location")
        } catch {
            #expect(error.field == "")
        }
    }
}
