import ArgumentParser
import CPMS
import Foundation

/// `cpms prices entsoe|json|tou FILE`: reads a price document as the DSO feeds read it and prints the intervals
/// as JSON, or why it is refused; for checking a document before a feed is configured with it.
struct PricesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prices", abstract: "Read a price document as the DSO feeds do and print its intervals (JSON).",
        subcommands: [ENTSOE.self, JSONFeed.self, TimeOfUse.self])

    struct Output: Encodable {
        var intervals: [ForecastInterval]?
        var gaps: [String]?
        var noData: String?

        enum CodingKeys: String, CodingKey {
            case intervals, gaps
            case noData = "no_data"
        }
    }

    static func print(_ output: Output) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        Swift.print(String(decoding: try encoder.encode(output), as: UTF8.self))
    }

    static func read(_ path: String) throws -> Data {
        do {
            return try Data(contentsOf: URL(fileURLWithPath: path))
        } catch {
            throw ValidationError("cannot read \(path): \(error.localizedDescription)")
        }
    }

    struct ENTSOE: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "entsoe", abstract: "An ENTSO-E A44 Publication_MarketDocument (or an acknowledgement).")

        @Argument(help: "The XML file.")
        var file: String

        @Option(help: ArgumentHelp("The bidding zone to take when the document has several (EIC).", valueName: "eic"))
        var zone: String?

        func run() throws {
            do {
                switch try ENTSOEPriceReader.read(try PricesCommand.read(file), biddingZone: zone) {
                case .prices(let prices): try PricesCommand.print(Output(intervals: prices.intervals, gaps: prices.gaps))
                case .noData(let reason): try PricesCommand.print(Output(noData: reason))
                }
            } catch let error as ENTSOEReadError {
                throw ValidationError("refused: \(error.description)")
            }
        }
    }

    struct JSONFeed: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "json", abstract: "A document of the JSON price feed (docs/energy-supply.md).")

        @Argument(help: "The JSON file.")
        var file: String

        func run() throws {
            do {
                try PricesCommand.print(Output(intervals: try JSONPriceFeedReader.read(try PricesCommand.read(file)).intervals))
            } catch let error as JSONPriceFeedError {
                throw ValidationError("refused: \(error.description)")
            }
        }
    }

    struct TimeOfUse: ParsableCommand {
        static let configuration = CommandConfiguration(commandName: "tou", abstract: "A time-of-use feed's settings (JSON): its intervals from a time on.")

        @Argument(help: "The JSON file: {\"timeZone\": ..., \"periods\": [...]}.")
        var file: String

        @Option(help: ArgumentHelp("From this RFC 3339 time (default: now).", valueName: "time"))
        var at: String?

        @Option(help: "How many hours ahead.")
        var hours = 48

        func run() throws {
            let settings: TimeOfUseSettings
            do {
                settings = try JSONDecoder().decode(TimeOfUseSettings.self, from: try PricesCommand.read(file))
            } catch let error as ValidationError {
                throw error
            } catch {
                throw ValidationError("refused: not time-of-use settings: \(error)")
            }
            var start = Date()
            if let at {
                guard let time = ISO8601DateFormatter().date(from: at) else { throw ValidationError("--at must be an RFC 3339 time") }
                start = time
            }
            do {
                try PricesCommand.print(Output(intervals: try TimeOfUseSchedule(settings).intervals(from: start, hours: hours)))
            } catch let error as TimeOfUseError {
                throw ValidationError("refused: \(error.description)")
            }
        }
    }
}
