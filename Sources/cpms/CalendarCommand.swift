import ArgumentParser
import CPMS
import Foundation

/// `cpms calendar ...`: the booking calendar, through the running cpms's API.
///
/// The calendar lives in the running `cpms serve` (it keeps it in memory, executes its actions at the stations
/// and stores every change before answering), so these commands ask it rather than write the database behind its back.
struct CalendarCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar", abstract: "The booking calendar: free slots, bookings, maintenance blocks, executed actions.",
        discussion: "Every subcommand calls the running cpms's API (--url, --token or $CPMS_TOKEN) and prints its JSON answer.",
        subcommands: [FreeSlots.self, Book.self, Modify.self, Cancel.self, Maintenance.self, List.self, Show.self, Actions.self])

    struct FreeSlots: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Free spans of one EVSE, a station's or all EVSEs, between two times.")

        @Option(help: "Only this station's EVSEs.")
        var station: String?

        @Option(help: "Only this EVSE of --station.")
        var evse: Int?

        @OptionGroup var requirement: ConnectorRequirementOptions

        @Option(help: "From (RFC 3339); default now.")
        var from: String?

        @Option(help: "To (RFC 3339); default 24 h after --from.")
        var to: String?

        @Option(help: "Only spans of at least this many seconds; default the slot step.")
        var minDuration: Int?

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/calendar/free-slots", query: [
                ("station", station), ("evse", evse.map(String.init)), ("standard", requirement.standard),
                ("power_type", requirement.powerType), ("min_power", requirement.minPower.map(String.init)), ("from", from), ("to", to), ("min_duration", minDuration.map(String.init)),
            ])
        }
    }

    struct Book: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Book an EVSE for a driver's token (as an admin, the API token's name).",
            discussion: "Example: cpms calendar book CS-0042 1 --start 2027-01-15T09:00:00Z --end 2027-01-15T10:00:00Z --token-uid 04A1B2C3 --emsp NL*TNM")

        @OptionGroup var window: EVSEWindowArguments

        @Option(help: "The token's uid (what the station sees).")
        var tokenUid: String

        @Option(help: "OCPI TokenType: AD_HOC_USER, APP_USER, OTHER, RFID.")
        var tokenType = "RFID"

        @Option(help: "The token's contract id; default its uid.")
        var contractId: String?

        @Option(help: "The eMSP that issued the token (OCPI party, e.g. NL*TNM).")
        var emsp: String

        @Option(help: "The entry id; default one cpms generates (B-...).")
        var id: String?

        @OptionGroup var requirement: ConnectorRequirementOptions

        @OptionGroup var api: APIOptions

        func run() async throws {
            var body = window.body
            body["token"] = ["uid": tokenUid, "type": tokenType, "contract_id": contractId ?? tokenUid, "emsp": emsp]
            body["id"] = id
            body["requirement"] = requirement.body
            try await api.call("POST", "/api/calendar/bookings", body: body)
        }
    }

    struct Modify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move or extend a booking or maintenance block (into free time only).")

        @Argument(help: "The entry id.")
        var id: String

        @Option(help: "New start (RFC 3339); a started entry keeps its start.")
        var start: String

        @Option(help: "New end (RFC 3339).")
        var end: String

        @Option(help: "Move to this station's EVSE --evse.")
        var station: String?

        @Option(help: "Move to this EVSE (of --station, or of the entry's station).")
        var evse: Int?

        @Option(help: "Refuse if the entry is no longer at this version.")
        var version: Int?

        @OptionGroup var api: APIOptions

        func run() async throws {
            var body: [String: Any] = ["start": start, "end": end]
            body["station"] = station
            body["evse_id"] = evse
            body["version"] = version
            try await api.call("PATCH", "/api/calendar/entries/\(APIOptions.encode(id))", body: body)
        }
    }

    struct Cancel: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Cancel a booking or maintenance block, with a reason.")

        @Argument(help: "The entry id.")
        var id: String

        @Option(help: "Why (an eMSP is told this for its booking).")
        var reason: String

        @Option(help: "Refuse if the entry is no longer at this version.")
        var version: Int?

        @OptionGroup var api: APIOptions

        func run() async throws {
            var body: [String: Any] = ["reason": reason]
            body["version"] = version
            try await api.call("POST", "/api/calendar/entries/\(APIOptions.encode(id))/cancel", body: body)
        }
    }

    struct Maintenance: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Plan a maintenance block: the EVSE is taken out at its start and given back at its end.",
            discussion: "Over a booking it is refused unless --force, which cancels the booking (its eMSP is told why).")

        @OptionGroup var window: EVSEWindowArguments

        @Option(help: "Why.")
        var reason: String

        @Option(help: "Who does the work; default the API token's name (as an admin).")
        var technician: String?

        @Flag(help: "Cancel the scheduled bookings in the way.")
        var force = false

        @Option(help: "The entry id; default one cpms generates (M-...).")
        var id: String?

        @OptionGroup var api: APIOptions

        func run() async throws {
            var body = window.body
            body["reason"] = reason
            body["force"] = force
            body["technician"] = technician
            body["id"] = id
            try await api.call("POST", "/api/calendar/maintenance", body: body)
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Entries (any status) of a station, one EVSE or all, overlapping a time range.")

        @Option(help: "Only this station's entries.")
        var station: String?

        @Option(help: "Only this EVSE of --station.")
        var evse: Int?

        @Option(help: "Only entries ending after this time (RFC 3339).")
        var from: String?

        @Option(help: "Only entries starting before this time (RFC 3339).")
        var to: String?

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/calendar/entries", query: [("station", station), ("evse", evse.map(String.init)), ("from", from), ("to", to)])
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One booking or maintenance block.")

        @Argument(help: "The entry id.")
        var id: String

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/calendar/entries/\(APIOptions.encode(id))")
        }
    }

    struct Actions: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The actions executed at the stations (reserve, cancel, inoperative, restore, release), newest first, with the stations' answers.")

        @Option(help: "Only this station's actions.")
        var station: String?

        @Option(help: "Executed at or after this time (RFC 3339).")
        var from: String?

        @Option(help: "Executed before this time (RFC 3339).")
        var to: String?

        @Option(help: "At most this many.")
        var limit: Int?

        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/calendar/actions", query: [("station", station), ("from", from), ("to", to), ("limit", limit.map(String.init))])
        }
    }
}

/// The EVSE and the window a booking or maintenance block is for.
struct EVSEWindowArguments: ParsableArguments {
    @Argument(help: "The station id.")
    var station: String

    @Argument(help: "The EVSE number.")
    var evse: Int

    @Option(help: "Start (RFC 3339, on a slot boundary).")
    var start: String

    @Option(help: "End (RFC 3339, on a slot boundary).")
    var end: String

    var body: [String: Any] { ["station": station, "evse_id": evse, "start": start, "end": end] }
}

/// What a connector must offer: for a booking, or to filter a free-slot search.
struct ConnectorRequirementOptions: ParsableArguments {
    @Option(help: "A connector of this OCPI ConnectorType.")
    var standard: String?

    @Option(help: "A connector of this OCPI PowerType.")
    var powerType: String?

    @Option(help: "A connector of at least this many W.")
    var minPower: Int?

    /// The API's `requirement` object; nil when nothing is required.
    var body: [String: Any]? {
        guard standard != nil || powerType != nil || minPower != nil else { return nil }
        var requirement: [String: Any] = [:]
        requirement["standard"] = standard
        requirement["power_type"] = powerType
        requirement["min_power"] = minPower
        return requirement
    }
}
