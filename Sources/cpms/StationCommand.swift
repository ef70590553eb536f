import ArgumentParser
import CPMS
import Foundation

/// `cpms station add|list|show|time-zone`.
struct StationCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "station", abstract: "Register and inspect stations.", subcommands: [Add.self, List.self, Show.self, TimeZone.self])

    struct Add: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a station (or --count numbered ones) and print its password.")

        @Argument(help: "The station id (its OCPP identity). Leave out with --count.")
        var id: String?

        @Option(help: "Register this many stations <prefix>0001, <prefix>0002...")
        var count: Int?

        @Option(help: "Prefix of the numbered station ids.")
        var prefix = "station-"

        @Option(help: "Read the password all these stations share from this file instead of generating one per station.")
        var passwordFile: String?

        @OptionGroup var database: DatabaseOption

        func validate() throws {
            switch (id, count) {
            case (nil, nil): throw ValidationError("give a station id, or --count N")
            case (.some, .some): throw ValidationError("give a station id or --count, not both")
            case (nil, .some(let count)) where !(1...9_999).contains(count): throw ValidationError("--count must be 1...9999")
            default: break
            }
        }

        func run() async throws {
            var password: String?
            if let passwordFile {
                guard let text = try? String(contentsOfFile: passwordFile, encoding: .utf8) else {
                    throw fail("cannot read password file \(passwordFile)")
                }
                password = text.trimmingCharacters(in: .whitespacesAndNewlines)
            }
            let ids = id.map { [$0] } ?? StationEnrolment.numberedIDs(prefix: prefix, count: count ?? 1)
            try await withDatabase(database) { store in
                let credentials = try await StationEnrolment(registry: StationRegistry(database: store)).add(ids: ids, password: password, at: Date())
                if credentials.count == 1, let only = credentials.first {
                    print("station \(only.stationID)")
                    print("password \(only.password)")
                } else if password != nil {
                    print("stations \(credentials.first?.stationID ?? "")...\(credentials.last?.stationID ?? "") (\(credentials.count)), password from \(passwordFile ?? "")")
                } else {
                    for item in credentials { print("station \(item.stationID) password \(item.password)") }
                }
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the registered stations.")

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await withDatabase(database) { store in
                let stations = try await StationRegistry(database: store).all()
                if json {
                    print(try StationPrinting.json(stations))
                    return
                }
                for station in stations {
                    print("\(station.id)  \(station.connected ? "connected" : "offline")  last seen \(station.lastSeen ?? "never")  duplicates \(station.duplicatesIgnored)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show a station: boot, connectors, sessions and what is stored.")

        @Argument(help: "The station id.")
        var id: String

        @Flag(help: "Print JSON.")
        var json = false

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await withDatabase(database) { store in
                guard let station = try await StationRegistry(database: store).station(id) else { throw fail("unknown station \(id)") }
                let reports = StationReports(database: store)
                let statuses = try await reports.evseStatuses(station: id)[id] ?? []
                let open = try await reports.transactions(station: id, openOnly: true)
                let counts = try await reports.rowCounts(station: id)
                if json {
                    print(try StationPrinting.json(StationPrinting.Show(station: station, evses: statuses, openSessions: open, stored: counts)))
                    return
                }
                print("station \(station.id)")
                print("connected \(station.connected ? "yes" : "no"), last seen \(station.lastSeen ?? "never"), registered \(station.createdAt)")
                if let booted = station.bootedAt {
                    print("boot \(station.vendorName ?? "?") \(station.model ?? "?") firmware \(station.firmwareVersion ?? "-") (\(station.bootReason ?? "-") at \(booted))")
                }
                print("duplicates ignored \(station.duplicatesIgnored)")
                print("time zone \(station.timeZone)")
                for status in statuses {
                    print("evse \(status.evse)/\(status.connector) \(status.status)\(status.socket.map { " socket \($0)" } ?? "") since \(status.updatedAt)")
                }
                for session in open {
                    print("open session \(session.transactionId) evse \(session.evse.map(String.init) ?? "-") token \(session.idToken ?? "-") energy \(session.energyWh.map { "\($0) Wh" } ?? "-")")
                }
                print("stored " + counts.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
            }
        }
    }
}

extension StationCommand {
    struct TimeZone: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "time-zone", abstract: "Set the IANA time zone of a station's location (tariff restrictions are evaluated in it).")

        @Argument(help: "The station id.")
        var id: String

        @Argument(help: "An IANA time zone, e.g. Europe/Amsterdam.")
        var zone: String

        @OptionGroup var database: DatabaseOption

        func validate() throws {
            guard StationTimeZone.isKnown(zone) else { throw ValidationError("unknown IANA time zone \"\(zone)\"") }
        }

        func run() async throws {
            try await withDatabase(database) { store in
                guard try await StationRegistry(database: store).setTimeZone(id, zone) else { throw fail("unknown station \(id)") }
                print("station \(id) time zone \(zone)")
            }
        }
    }
}

enum StationPrinting {
    struct Show: Encodable {
        let station: StationRecord
        let evses: [EVSEStatusReport]
        let openSessions: [TransactionReport]
        let stored: [String: Int]
    }

    static func json(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }
}
