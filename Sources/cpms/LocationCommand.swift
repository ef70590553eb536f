import ArgumentParser
import CPMS
import Foundation

/// `cpms location set|show`: a station's site for publishing it as an OCPI Location, through the running cpms's API.
struct LocationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "location",
        abstract: "Describe a station's location (address, coordinates, operator, opening times): it is published to eMSPs once it also has a described EVSE.",
        subcommands: [Set.self, Show.self])

    struct Set: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a station's location (PUT /api/stations/STATION/location), replacing what was set before.",
            discussion: """
                Example: cpms location set CS-0042 --name "Market square" --address "Markt 1" --city Utrecht --postal-code 3511 \\
                  --country NLD --latitude 52.09074 --longitude 5.12142 --operator-name "Stationmaster" --parking-type ON_STREET \\
                  --facility CAFE --hours "1 07:00-22:00" --hours "6 09:00-18:00"
                Without --hours the location is open 24/7.
                """)

        @Argument(help: "The station id.")
        var station: String

        @Option(help: "Display name.") var name: String?
        @Option(help: "Street and number (at most 45 characters).") var address: String
        @Option(help: "City (at most 45 characters).") var city: String
        @Option(help: "Postal code.") var postalCode: String?
        @Option(help: "State or province.") var state: String?
        @Option(help: "ISO 3166-1 alpha-3 country, e.g. NLD, DEU.") var country: String
        @Option(help: "Latitude in decimal degrees with 5 to 7 decimals, e.g. 52.09074.") var latitude: String
        @Option(help: "Longitude in decimal degrees with 5 to 7 decimals, e.g. 5.12142.") var longitude: String
        @Option(help: "The operator's name (OCPI BusinessDetails).") var operatorName: String?
        @Option(help: "The operator's website.") var operatorWebsite: String?
        @Option(help: "OCPI ParkingType: ALONG_MOTORWAY, PARKING_GARAGE, PARKING_LOT, ON_DRIVEWAY, ON_STREET, UNDERGROUND_GARAGE.")
        var parkingType: String?
        @Option(help: "An OCPI Facility (repeat for several), e.g. CAFE, WIFI, SUPERMARKET.") var facility: [String] = []
        @Option(help: "Regular opening hours \"WEEKDAY HH:MM-HH:MM\", weekday 1 (Monday) to 7 (repeat); none: open 24/7.")
        var hours: [String] = []
        @Option(help: "Whether charging continues when closed (true or false).") var chargingWhenClosed: Bool?
        @Option(help: "The station's part of its eMI3 EVSE ids (A-Z, 0-9, at most 20); default from the station id.")
        var evseCode: String?

        @OptionGroup var api: APIOptions

        func run() async throws {
            var body: [String: Any] = [
                "address": address, "city": city, "country": country, "coordinates": ["latitude": latitude, "longitude": longitude],
            ]
            body["name"] = name
            body["postal_code"] = postalCode
            body["state"] = state
            body["parking_type"] = parkingType
            body["charging_when_closed"] = chargingWhenClosed
            body["evse_code"] = evseCode
            if !facility.isEmpty { body["facilities"] = facility }
            if operatorName != nil || operatorWebsite != nil {
                var details: [String: Any] = ["name": operatorName ?? ""]
                details["website"] = operatorWebsite
                body["operator"] = details
            }
            body["opening_times"] = try openingTimes()
            try await api.call("PUT", "/api/stations/\(APIOptions.encode(station))/location", body: body)
        }

        func openingTimes() throws -> [String: Any] {
            guard !hours.isEmpty else { return ["twentyfourseven": true] }
            let regular = try hours.map { text -> [String: Any] in
                let parts = text.split(separator: " ", omittingEmptySubsequences: true)
                let times = parts.count == 2 ? parts[1].split(separator: "-") : []
                guard parts.count == 2, let weekday = Int(parts[0]), times.count == 2 else {
                    throw ValidationError("--hours must look like \"1 08:00-20:00\", got \"\(text)\"")
                }
                return ["weekday": weekday, "period_begin": String(times[0]), "period_end": String(times[1])]
            }
            return ["twentyfourseven": false, "regular_hours": regular]
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a station's location as set.")

        @Argument(help: "The station id.")
        var station: String

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/stations/\(APIOptions.encode(station))/location")
        }
    }
}
