import ArgumentParser
import CPMS
import Foundation

/// `cpms supply ...`: station groups, the policy, the feeds, the plan, supply requests and monitoring.
struct SupplyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "supply", abstract: "Energy supply: station groups, the policy, the feeds' status, the plan, supply requests, energy bought.",
        discussion: "Every subcommand calls the running cpms's API (--url, --token or $CPMS_TOKEN) and prints its JSON answer.",
        subcommands: [Group.self, Policy.self, Feeds.self, Plan.self, Request.self, Energy.self, Summary.self])

    struct Group: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Station groups behind one grid connection.", subcommands: [Set.self, List.self, Remove.self], defaultSubcommand: List.self)

        struct Set: AsyncParsableCommand {
            static let configuration = CommandConfiguration(
                abstract: "Create or replace a group.", discussion: "Example: cpms supply group set depot --limit 50000 --member ST-1=22000 --member ST-2=22000")

            @Argument var id: String
            @Option(help: "A display name.") var name: String?
            @Option(help: "The group connection's limit, W (default: the sum of the members').") var limit: Double?
            @Option(name: .customLong("member"), help: "STATION=W: a member and its connection limit; repeat it.") var members: [String] = []
            @OptionGroup var api: APIOptions

            func run() async throws {
                let parsed = try members.map { text -> [String: Any] in
                    let parts = text.split(separator: "=", maxSplits: 1)
                    guard parts.count == 2, let watts = Double(parts[1]) else { throw ValidationError("--member must be STATION=W, got \(text)") }
                    return ["station": String(parts[0]), "connection_limit_w": watts]
                }
                var body: [String: Any] = ["members": parsed]
                if let name { body["name"] = name }
                if let limit { body["connection_limit_w"] = limit }
                try await api.call("PUT", "/api/supply/groups/\(APIOptions.encode(id))", body: body)
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "List the groups as planned (a station in none is a group of its own).")
            @OptionGroup var api: APIOptions

            func run() async throws {
                try await api.call("GET", "/api/supply/groups")
            }
        }

        struct Remove: AsyncParsableCommand {
            static let configuration = CommandConfiguration(abstract: "Remove a group: its stations are planned alone.")
            @Argument var id: String
            @OptionGroup var api: APIOptions

            func run() async throws {
                try await api.call("DELETE", "/api/supply/groups/\(APIOptions.encode(id))")
            }
        }
    }

    struct Policy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show the supply policy, or set it: cheapest, greenest, cost_with_carbon_price, minimum_renewable_share.",
            discussion: "Examples: cpms supply policy; cpms supply policy greenest; cpms supply policy cost_with_carbon_price --price-per-kilogram 0.08; cpms supply policy minimum_renewable_share --share 0.6")

        @Argument var kind: String?
        @Option(help: "Currency per kg CO2 (cost_with_carbon_price).") var pricePerKilogram: Double?
        @Option(help: "The least renewable share, 0-1 (minimum_renewable_share).") var share: Double?
        @OptionGroup var api: APIOptions

        func run() async throws {
            guard let kind else { return try await api.call("GET", "/api/supply/policy") }
            var body: [String: Any] = ["kind": kind]
            if let pricePerKilogram { body["price_per_kilogram"] = pricePerKilogram }
            if let share { body["share"] = share }
            try await api.call("PUT", "/api/supply/policy", body: body)
        }
    }

    struct Feeds: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Each DSO feed's status: fresh, stale (with its age), failing (with the last error), waiting.")
        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/supply/feeds")
        }
    }

    struct Plan: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The plan's choices with their reasons (default: the next 24 h).")
        @Option(help: "Only this group.") var group: String?
        @Option(help: "RFC 3339.") var from: String?
        @Option(help: "RFC 3339.") var to: String?
        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/supply/plan", query: [("group", group), ("from", from), ("to", to)])
        }
    }

    struct Request: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List supply requests, or ask a DSO for capacity (with --dso).",
            discussion: "Example: cpms supply request --dso grid --group depot --start 2026-12-07T17:00:00Z --end 2026-12-07T19:00:00Z --capacity-w 80000")

        @Option var dso: String?
        @Option var group: String?
        @Option(help: "RFC 3339.") var start: String?
        @Option(help: "RFC 3339.") var end: String?
        @Option(name: .customLong("capacity-w")) var capacityW: Double?
        @Option var reason: String?
        @Option(help: "List only pending, delivered or refused ones.") var state: String?
        @OptionGroup var api: APIOptions

        func run() async throws {
            guard let dso else { return try await api.call("GET", "/api/supply/requests", query: [("state", state)]) }
            guard let group, let start, let end, let capacityW else { throw ValidationError("a request needs --group, --start, --end and --capacity-w") }
            var body: [String: Any] = ["dso": dso, "group": group, "start": start, "end": end, "capacity_w": capacityW]
            if let reason { body["reason"] = reason }
            try await api.call("POST", "/api/supply/requests", body: body)
        }
    }

    struct Energy: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A station's windows: DSO, price, mix, energy bought, cost, battery (default: today, UTC).")
        @Argument var station: String
        @Option(help: "RFC 3339.") var from: String?
        @Option(help: "RFC 3339.") var to: String?
        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/supply/stations/\(APIOptions.encode(station))/energy", query: [("from", from), ("to", to)])
        }
    }

    struct Summary: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "A UTC day's energy and cost per station and per DSO.")
        @Option(help: "YYYY-MM-DD (default: today).") var day: String?
        @OptionGroup var api: APIOptions

        func run() async throws {
            try await api.call("GET", "/api/supply/summary", query: [("day", day)])
        }
    }
}
