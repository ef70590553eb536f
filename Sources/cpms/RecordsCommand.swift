import ArgumentParser
import CPMS
import Foundation
import Tariffs

/// `cpms records list|show`: the priced charging records in the database, as the API shows them.
struct RecordsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "records", abstract: "Priced charging records of finished transactions.", subcommands: [List.self, Show.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List charging records, newest start first.")

        @Option(help: "Only this station's.")
        var station: String?

        @Option(help: ArgumentHelp("Only sessions that started at or after this RFC 3339 time.", valueName: "time"))
        var from: String?

        @Option(help: ArgumentHelp("Only sessions that started before this RFC 3339 time.", valueName: "time"))
        var to: String?

        @Option(help: "At most this many (1...10000).")
        var limit = 100

        @Flag(help: "Print JSON (the API's list).")
        var json = false

        @OptionGroup var database: DatabaseOption

        func validate() throws {
            guard (1...10_000).contains(limit) else { throw ValidationError("--limit must be 1...10000") }
            for (name, value) in [("--from", from), ("--to", to)] {
                if let value, rfc3339(value) == nil { throw ValidationError("\(name) must be an RFC 3339 time, got \"\(value)\"") }
            }
        }

        func run() async throws {
            try await withDatabase(database) { store in
                let records = try await ChargingRecordStore(database: store).records(
                    station: station, from: from.flatMap(rfc3339), to: to.flatMap(rfc3339), limit: limit)
                if json {
                    print("[" + records.map(\.json).joined(separator: ",") + "]")
                    return
                }
                for record in records {
                    let energy = record.energyWh.flatMap { Decimal(string: $0) }.map { "\($0 / 1_000) kWh" } ?? "energy unknown"
                    let price: String
                    if let excl = record.totalExclVAT, let incl = record.totalInclVAT, let currency = record.currency {
                        price = "\(excl) \(currency) excl. VAT, \(incl) \(currency) incl. VAT (tariff \(record.tariffId ?? "-") version \(record.tariffVersion.map(String.init) ?? "-"))"
                    } else {
                        price = record.priceStatus == "no_tariff" ? "no tariff" : "not priced"
                    }
                    let problems = record.problems == 0 ? "" : "  \(record.problems) problem\(record.problems == 1 ? "" : "s") in the data (records show)"
                    print("\(record.station) \(record.transactionId)  \(record.startedAt) to \(record.stoppedAt)  evse \(record.evse.map(String.init) ?? "-")  token \(record.idToken ?? "-")  \(energy)  \(price)\(problems)")
                }
            }
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print one charging record as JSON: periods, cost per dimension, problems.")

        @Argument(help: "The station id.")
        var station: String

        @Argument(help: "The transaction id.")
        var transactionId: String

        @OptionGroup var database: DatabaseOption

        func run() async throws {
            try await withDatabase(database) { store in
                guard let record = try await ChargingRecordStore(database: store).record(station: station, transactionId: transactionId) else {
                    throw fail("no charging record for transaction \(transactionId) of station \(station)")
                }
                print(record.json)
            }
        }
    }
}

private func rfc3339(_ text: String) -> Date? { OCPIDateTime(text)?.date }
