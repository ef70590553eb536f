import Foundation
import Scheduling
import StationCore

/// The calendar API's request bodies and query parameters, checked; a problem is a 400 naming the field.
enum CalendarBodies {
    struct Booking: Decodable {
        var id: String?
        var station: String
        var evseId: Int
        var start: String
        var end: String
        var token: Token
        var requirement: Requirement?
    }

    /// The OCPI Token fields the booking reserves the socket for.
    struct Token: Decodable {
        var uid: String
        var type: String
        var contractId: String
        var emsp: String
    }

    struct Requirement: Decodable {
        var standard: String?
        var powerType: String?
        var minPower: Double?
    }

    struct Maintenance: Decodable {
        var id: String?
        var station: String
        var evseId: Int
        var start: String
        var end: String
        var technician: String?
        var reason: String
        var force: Bool?
    }

    struct Modification: Decodable {
        var start: String
        var end: String
        var station: String?
        var evseId: Int?
        var version: Int?
    }

    struct CancelRequest: Decodable {
        var reason: String
        var version: Int?
    }

    struct Connector: Decodable {
        var standard: String
        var format: String?
        var powerType: String
        var maxVoltage: Int?
        var maxAmperage: Int?
        var maxElectricPower: Int
    }

    static func entryID(_ given: String?, prefix: String, at time: Date) throws -> EntryID {
        guard let given else { return EntryIDs.generate(prefix, at: time) }
        if let problem = EntryIDs.problem(given) { throw APIError(.badRequest, "id: \(problem)") }
        return EntryID(given)
    }

    static func evse(station: String, evse: Int, evseField: String = "evse_id") throws -> EVSEID {
        guard StationIdentity.isValid(station) else { throw APIError(.badRequest, "station: not a valid station id") }
        guard (1...1_000).contains(evse) else { throw APIError(.badRequest, "\(evseField): must be 1...1000") }
        return CalendarEVSE.id(station: station, evse: evse)
    }

    static func window(start: String, end: String) throws -> TimeWindow {
        let window = TimeWindow(start: try CommandBodies.date(start, field: "start"), end: try CommandBodies.date(end, field: "end"))
        guard window.end > window.start else { throw APIError(.badRequest, "end: must be after start") }
        return window
    }

    static func token(_ body: Token) throws -> DriverToken {
        guard (1...36).contains(body.uid.count) else { throw APIError(.badRequest, "token.uid: must be 1 to 36 characters") }
        guard let type = DriverToken.Kind(rawValue: body.type) else {
            throw APIError(.badRequest, "token.type: must be AD_HOC_USER, APP_USER, OTHER or RFID, got \"\(body.type)\"")
        }
        guard (1...36).contains(body.contractId.count) else { throw APIError(.badRequest, "token.contract_id: must be 1 to 36 characters") }
        guard (1...16).contains(body.emsp.count), !body.emsp.contains(where: \.isWhitespace) else {
            throw APIError(.badRequest, "token.emsp: must be the eMSP's party, e.g. NL*TNM")
        }
        return DriverToken(uid: body.uid, type: type, contractID: body.contractId, emsp: EMSPParty(body.emsp))
    }

    /// A connector requirement; `prefix` is how the fields are named (`requirement.` in a body, nothing in a query).
    static func requirement(standard: String?, powerType: String?, minPower: Double?, prefix: String) throws -> ConnectorRequirement {
        if let standard, !EVSEConnector.standards.contains(standard) {
            throw APIError(.badRequest, "\(prefix)standard: not an OCPI 2.2.1 ConnectorType: \"\(standard)\"")
        }
        var type: PowerType?
        if let powerType {
            guard let parsed = PowerType(rawValue: powerType) else {
                throw APIError(.badRequest, "\(prefix)power_type: must be AC_1_PHASE, AC_2_PHASE, AC_2_PHASE_SPLIT, AC_3_PHASE or DC")
            }
            type = parsed
        }
        if let minPower, !(minPower.isFinite && minPower > 0 && minPower <= 2_000_000) {
            throw APIError(.badRequest, "\(prefix)min_power: must be a number of watts, 1...2000000")
        }
        return ConnectorRequirement(standard: standard.map { ConnectorStandard($0) }, powerType: type, minimumPower: minPower.map { Watts($0) })
    }

    static func connector(_ body: Connector, station: String, evse: Int, connector: Int) throws -> EVSEConnector {
        do {
            return try EVSEConnector(
                station: station, evse: evse, connector: connector, standard: body.standard, format: body.format ?? ConnectorFormat.socket.rawValue,
                powerType: body.powerType, maxVoltage: body.maxVoltage, maxAmperage: body.maxAmperage, maxElectricPower: body.maxElectricPower)
        } catch {
            throw APIError(.badRequest, "\(error)")
        }
    }
}
