@testable import CPMS
import Foundation
import OCPI
import Testing

/// The pure mapping of a station to an OCPI Location: statuses, EVSE ids, status schedule, tariff ids, last_updated.
struct LocationPublicationTests {
    let party: CPOParty
    let base = Date(timeIntervalSince1970: 1_800_000_000)
    init() throws {
        party = try CPOParty(countryCode: "nl", partyID: "stm")
    }

    func at(_ minutes: Double) -> Date { base.addingTimeInterval(minutes * 60) }

    func details() -> LocationDetails {
        LocationDetails(
            name: "Market square", address: "Markt 1", city: "Utrecht", postalCode: "3511", country: "NLD",
            coordinates: GeoLocation(latitude: "52.09074", longitude: "5.12142"), parkingType: .onStreet,
            operator: BusinessDetails(name: "Stationmaster"), facilities: [.cafe], openingTimes: Hours(twentyfourseven: true))
    }

    func connector(_ evse: Int, _ number: Int = 1, power: Int = 22_000, type: String = "AC_3_PHASE", updated: Double = 0) throws -> LocationInputs.DescribedConnector {
        LocationInputs.DescribedConnector(
            try EVSEConnector(station: "CS-42", evse: evse, connector: number, standard: type == "DC" ? "IEC_62196_T2_COMBO" : "IEC_62196_T2",
                              format: type == "DC" ? "CABLE" : "SOCKET", powerType: type, maxElectricPower: power),
            updatedAt: at(updated))
    }

    func inputs(connected: Bool = true) throws -> LocationInputs {
        LocationInputs(
            station: .init(id: "CS-42", connected: connected, lastSeen: at(5), timeZone: "Europe/Amsterdam"), details: details(),
            detailsUpdatedAt: at(1), evseCode: "CS42", connectors: [try connector(1), try connector(2, power: 150_000, type: "DC")])
    }

    func status(_ evse: Int, _ status: String, _ minutes: Double = 2, connector: Int = 1) -> LocationInputs.ConnectorStatus {
        LocationInputs.ConnectorStatus(evse: evse, connector: connector, status: status, updatedAt: at(minutes))
    }

    @Test func ocppConnectorStatusesMapToOCPIEVSEStatuses() {
        let cases: [(String, Bool, EVSEStatus)] = [
            ("Available", false, .available), ("Occupied", true, .charging), ("Occupied", false, .blocked), ("Reserved", false, .reserved),
            ("Unavailable", false, .inoperative), ("Faulted", false, .outoforder), ("Rebooting", false, .unknown),
        ]
        for (ocpp, inTransaction, expected) in cases {
            #expect(EVSEStatusMapping.evseStatus(connectorStatuses: [ocpp], inTransaction: inTransaction, stationConnected: true) == expected, "\(ocpp)")
            #expect(EVSEStatusMapping.evseStatus(connectorStatuses: [ocpp], inTransaction: inTransaction, stationConnected: false) == .unknown)
        }
        #expect(EVSEStatusMapping.evseStatus(connectorStatuses: ["Faulted", "Available"], inTransaction: false, stationConnected: true) == .available)
        #expect(EVSEStatusMapping.evseStatus(connectorStatuses: ["Available", "Occupied"], inTransaction: true, stationConnected: true) == .charging)
        #expect(EVSEStatusMapping.evseStatus(connectorStatuses: [], inTransaction: false, stationConnected: true) == .unknown)
    }

    @Test func aStationBecomesALocationWithEMI3EVSEsAndItsLiveStatuses() throws {
        var inputs = try inputs()
        inputs.statuses = [status(1, "Occupied"), status(2, "Occupied")]
        inputs.evsesInTransaction = [1]
        let location = try #require(LocationPublication.location(inputs, party: party, at: at(10)))
        try location.validate(at: .root)
        #expect(location.id == "CS-42" && location.countryCode == "NL" && location.partyID == "STM")
        #expect(location.timeZone == "Europe/Amsterdam" && location.country == "NLD" && location.publish)
        let evses = try #require(location.evses)
        #expect(evses.map(\.uid) == ["NL*STM*ECS42*1", "NL*STM*ECS42*2"])
        #expect(evses.map(\.evseID) == ["NL*STM*ECS42*1", "NL*STM*ECS42*2"])
        #expect(evses.allSatisfy { EVSEIdentifier.isValid($0.evseID ?? "") })
        #expect(evses.map(\.status) == [.charging, .blocked])
        #expect(evses[0].capabilities == [.remoteStartStopCapable, .reservable])
        let ac = evses[0].connectors[0], dc = evses[1].connectors[0]
        #expect(ac.id == "1" && ac.standard == .iec62196T2 && ac.format == .socket && ac.powerType == .ac3Phase)
        #expect(ac.maxVoltage == 230 && ac.maxAmperage == 32 && ac.maxElectricPower == 22_000)
        #expect(dc.powerType == .dc && dc.format == .cable && dc.maxVoltage == 500 && dc.maxAmperage == 300)
        #expect(ac.tariffIDs == nil)

        let offline = try #require(LocationPublication.location(try self.inputs(connected: false), party: party, at: at(10)))
        #expect(offline.evses?.map(\.status) == [.unknown, .unknown])
    }

    @Test func noDescribedEVSEMeansNoLocation() throws {
        var inputs = try inputs()
        inputs.connectors = []
        #expect(LocationPublication.location(inputs, party: party, at: at(10)) == nil)
    }

    @Test func maintenanceBlocksThatHaveNotEndedAreInoperativeInTheStatusSchedule() throws {
        var inputs = try inputs()
        inputs.maintenance = [
            .init(evse: 1, start: at(120), end: at(180), scheduled: true, updatedAt: at(3)),
            .init(evse: 1, start: at(5), end: at(60), scheduled: true, updatedAt: at(2)),
            .init(evse: 1, start: at(300), end: at(360), scheduled: false, updatedAt: at(4)),
            .init(evse: 1, start: at(-60), end: at(-30), scheduled: true, updatedAt: at(-90)),
            .init(evse: 2, start: at(200), end: at(260), scheduled: true, updatedAt: at(3)),
        ]
        let evses = try #require(LocationPublication.location(inputs, party: party, at: at(10))?.evses)
        let schedule = try #require(evses[0].statusSchedule)
        #expect(schedule == [
            StatusSchedule(periodBegin: OCPIDateTime(at(5)), periodEnd: OCPIDateTime(at(60)), status: .inoperative),
            StatusSchedule(periodBegin: OCPIDateTime(at(120)), periodEnd: OCPIDateTime(at(180)), status: .inoperative),
        ])
        #expect(evses[1].statusSchedule?.count == 1)
        // The cancelled block changed the schedule at its update: the latest change of EVSE 1.
        #expect(evses[0].lastUpdated == OCPIDateTime(at(4)))
    }

    @Test func connectorsCarryTheMostSpecificTariffInForce() throws {
        var inputs = try inputs()
        inputs.connectors.append(try connector(2, 2, power: 50_000, type: "DC"))
        inputs.tariffAssignments = [
            .init(evse: 0, connector: 0, validFrom: at(0), seq: 1, tariff: "STATION"),
            .init(evse: 2, connector: 0, validFrom: at(1), seq: 1, tariff: "DC-FAST"),
            .init(evse: 2, connector: 2, validFrom: at(2), seq: 1, tariff: "DC-SLOW"),
            .init(evse: 1, connector: 0, validFrom: at(60), seq: 1, tariff: "LATER"),
            .init(evse: 0, connector: 0, validFrom: at(3), seq: 2, tariff: "STATION-2"),
        ]
        let evses = try #require(LocationPublication.location(inputs, party: party, at: at(10))?.evses)
        #expect(evses[0].connectors.map(\.tariffIDs) == [["STATION-2"]])
        #expect(evses[1].connectors.map(\.tariffIDs) == [["DC-FAST"], ["DC-SLOW"]])
        let later = try #require(LocationPublication.location(inputs, party: party, at: at(61))?.evses)
        #expect(later[0].connectors[0].tariffIDs == ["LATER"])
    }

    @Test func lastUpdatedIsTheLatestChangeOfAnyPart() throws {
        var inputs = try inputs()
        inputs.statuses = [status(1, "Available", 7), status(2, "Available", 2)]
        var location = try #require(LocationPublication.location(inputs, party: party, at: at(10)))
        #expect(location.evses?.map(\.lastUpdated) == [OCPIDateTime(at(7)), OCPIDateTime(at(2))])
        #expect(location.lastUpdated == OCPIDateTime(at(7)))

        // A new version of the tariff a connector uses changes the connector, its EVSE and the location.
        inputs.tariffAssignments = [.init(evse: 2, connector: 0, validFrom: at(1), seq: 1, tariff: "DC")]
        inputs.tariffVersions = ["DC": [at(1), at(8), at(30)]]
        location = try #require(LocationPublication.location(inputs, party: party, at: at(10)))
        #expect(location.evses?[1].connectors[0].lastUpdated == OCPIDateTime(at(8)))
        #expect(location.evses?[1].lastUpdated == OCPIDateTime(at(8)))
        #expect(location.lastUpdated == OCPIDateTime(at(8)))

        // A station that went offline changed every EVSE's status when it was last heard of.
        inputs.station.connected = false
        inputs.station.lastSeen = at(9)
        location = try #require(LocationPublication.location(inputs, party: party, at: at(10)))
        #expect(location.evses?.map(\.lastUpdated) == [OCPIDateTime(at(9)), OCPIDateTime(at(9))])

        // New details change the location only.
        inputs.detailsUpdatedAt = at(9.5)
        location = try #require(LocationPublication.location(inputs, party: party, at: at(10)))
        #expect(location.lastUpdated == OCPIDateTime(at(9.5)) && location.evses?[0].lastUpdated == OCPIDateTime(at(9)))
    }

    @Test func evseCodesComeFromTheStationIDOrMustBeGiven() {
        #expect(EVSEIdentity.derivedCode(station: "cs-0042") == "CS0042")
        #expect(EVSEIdentity.derivedCode(station: "---") == nil)
        #expect(EVSEIdentity.derivedCode(station: String(repeating: "A", count: 21)) == nil)
        #expect(EVSEIdentity.isValidCode("ABC123") && !EVSEIdentity.isValidCode("abc") && !EVSEIdentity.isValidCode(""))
        let longest = EVSEIdentity.evseID(party: party, code: String(repeating: "Z", count: 20), evse: 1000)
        #expect(longest.utf8.count <= 36 && EVSEIdentifier.isValid(longest))
    }

    @Test func paginationWalksEveryObjectOnceAndFiltersOnLastUpdated() throws {
        let times = (0..<23).map { at(Double($0)) }
        var seen: [Date] = []
        var offset = 0
        var pages = 0
        while true {
            let pagination = try OCPIPagination(query: ["offset": String(offset), "limit": "5"], maximumLimit: 100)
            let page = pagination.page(of: times) { $0 }
            #expect(page.total == 23 && page.limit == 5)
            seen += page.objects
            pages += 1
            let headers = pagination.headers(of: page, url: "http://x/ocpi/2.2.1/locations")
            guard let next = page.nextOffset else {
                #expect(!headers.contains { $0.name == "Link" })
                break
            }
            #expect(headers.contains { $0 == ("Link", "<http://x/ocpi/2.2.1/locations?offset=\(next)&limit=5>; rel=\"next\"") })
            offset = next
        }
        #expect(seen == times && pages == 5)

        let window = try OCPIPagination(
            query: ["date_from": OCPIDateTime(at(5)).description, "date_to": OCPIDateTime(at(10)).description], maximumLimit: 3)
        let first = window.page(of: times) { $0 }
        #expect(first.objects == [at(5), at(6), at(7)] && first.total == 5 && first.limit == 3 && first.nextOffset == 3)
        #expect(window.headers(of: first, url: "u").contains {
            $0.name == "Link" && $0.value.contains("date_from=\(OCPIDateTime(at(5)))") && $0.value.contains("date_to=\(OCPIDateTime(at(10)))")
        })
        #expect(try OCPIPagination(query: ["limit": "1000"], maximumLimit: 100).limit == 100)
        for (name, value) in [("offset", "-1"), ("limit", "x"), ("limit", "0"), ("date_from", "yesterday")] {
            #expect(throws: OCPIDecodingError.self) { try OCPIPagination(query: [name: value], maximumLimit: 100) }
            do {
                _ = try OCPIPagination(query: [name: value], maximumLimit: 100)
            } catch {
                #expect(error.field == name)
            }
        }
    }

    /// A page's envelope with cached Location JSON spliced in is byte for byte what writing the whole envelope
    /// gives, and a Location that changed is written anew (the cache never answers a stale one).
    @Test func cachedLocationJSONMakesTheSameEnvelopeAndAChangeIsWrittenAnew() throws {
        var first = try inputs()
        first.statuses = [status(1, "Available")]
        var second = try inputs()
        second.station.id = "CS-43"
        second.evseCode = "CS43"
        let locations = [first, second].compactMap { LocationPublication.location($0, party: party, at: at(10)) }
        let encoded = EncodedLocations()
        let timestamp = OCPIDateTime(at(10))
        func plain(_ locations: [Location]) throws -> Data { try OCPICoding.encode(OCPIResponse<[Location]>.success(locations, at: timestamp)) }
        #expect(locations.count == 2)
        #expect(try encoded.envelope(locations, at: timestamp) == plain(locations))
        #expect(try encoded.envelope(locations, at: timestamp) == plain(locations))  // now from the cache
        #expect(try encoded.envelope([], at: timestamp) == plain([]))
        first.statuses = [status(1, "Occupied", 8)]
        let changed = try #require(LocationPublication.location(first, party: party, at: at(10)))
        #expect(changed != locations[0])
        #expect(try encoded.envelope([changed, locations[1]], at: timestamp) == plain([changed, locations[1]]))
        #expect(try encoded.json(changed) == OCPICoding.encode(changed))
    }
}
