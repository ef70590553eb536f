import ArgumentParser
import Foundation
import CPMS
import Logging
import Scheduling

/// `cpms serve`: the station gateway and the API until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the OCPP 2.0.1 station gateway and the JSON API.")

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8300

    @Option(help: "Heartbeat interval given to stations, in seconds.")
    var heartbeatInterval = 60

    @Option(help: "How long a command waits for the station's answer, in seconds.")
    var callTimeout = 30

    @Option(help: "Accept only the id tokens in this file (one per line) in Authorize and TransactionEvent; default: every token.")
    var tokenList: String?

    @Option(help: "Booking calendar: starts and ends are multiples of this many seconds (60...86400).")
    var calendarSlotStep = Int(CalendarSettings().slotStep)

    @Option(help: "Booking calendar: seconds kept free between two entries of an EVSE.")
    var calendarTurnaroundGap = Int(CalendarSettings().turnaroundGap)

    @Option(help: "Seconds before its start until which an eMSP may still move or extend a booking.")
    var bookingChangeDeadline = Int(BookingTerms().changeDeadline)

    @Option(help: "Seconds before its start until which an eMSP may still cancel a booking.")
    var bookingCancelDeadline = Int(BookingTerms().cancelDeadline)

    @Option(help: "Seconds after its start after which an unused booking is released; 0: kept to its end.")
    var bookingNoShowTimeout = Int(BookingTerms().noShowTimeout ?? 0)

    @OptionGroup var database: DatabaseOption

    /// The calendar settings the options give.
    var calendarSettings: CalendarSettings {
        CalendarSettings(
            slotStep: TimeInterval(calendarSlotStep), turnaroundGap: TimeInterval(calendarTurnaroundGap),
            terms: BookingTerms(
                changeDeadline: TimeInterval(bookingChangeDeadline), cancelDeadline: TimeInterval(bookingCancelDeadline),
                noShowTimeout: bookingNoShowTimeout == 0 ? nil : TimeInterval(bookingNoShowTimeout)))
    }

    func validate() throws {
        guard (1...65_535).contains(port) else { throw ValidationError("--port must be 1...65535") }
        guard (1...86_400).contains(heartbeatInterval) else { throw ValidationError("--heartbeat-interval must be 1...86400 seconds") }
        guard (1...600).contains(callTimeout) else { throw ValidationError("--call-timeout must be 1...600 seconds") }
        if let problem = calendarSettings.problem {
            let option = [
                ("slot step", "--calendar-slot-step"), ("turnaround gap", "--calendar-turnaround-gap"),
                ("change deadline", "--booking-change-deadline"), ("cancel deadline", "--booking-cancel-deadline"),
                ("no-show timeout", "--booking-no-show-timeout"),
            ].first { problem.hasPrefix($0.0) }?.1 ?? "calendar settings"
            throw ValidationError("\(option): \(problem)")
        }
    }

    func run() async throws {
        let logger = database.logger
        LoggingSystem.bootstrap { label in
            var handler = StreamLogHandler.standardError(label: label)
            handler.logLevel = logger.logLevel
            return handler
        }
        var acceptedTokens: Set<String>?
        if let tokenList {
            guard let text = try? String(contentsOfFile: tokenList, encoding: .utf8) else { throw fail("cannot read token list \(tokenList)") }
            acceptedTokens = Set(text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        }
        let configuration = CPMSConfiguration(
            host: host, port: port,
            gateway: GatewaySettings(
                heartbeatInterval: .seconds(heartbeatInterval), callTimeout: .seconds(callTimeout), acceptedTokens: acceptedTokens),
            calendar: calendarSettings)
        do {
            try await CPMSServer.run(configuration: configuration, database: try DatabaseURL(database.url), logger: logger)
        } catch {
            throw fail("\(error)")
        }
    }
}
