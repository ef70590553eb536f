import ArgumentParser
import Foundation
import CPMS
import Logging
import Scheduling

/// `cpms serve`: the station gateway and the API until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Run the OCPP 2.0.1 station gateway, the JSON API and the OCPI 2.2.1 endpoints.")

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

    @Option(help: "The base URL eMSPs reach this cpms at, used in every OCPI URL it publishes; default http://HOST:PORT (127.0.0.1 for 0.0.0.0).")
    var publicURL: String?

    @Option(help: "cpms's OCPI party as CPO: ISO 3166-1 alpha-2 country code.")
    var ocpiCountryCode = OCPISettings().countryCode

    @Option(help: "cpms's OCPI party as CPO: party id (3 characters).")
    var ocpiPartyId = OCPISettings().partyID

    @Option(help: "cpms's OCPI business name (in its credentials).")
    var ocpiBusinessName = OCPISettings().businessName

    @Option(help: "How long one OCPI call to an eMSP may take, in seconds.")
    var ocpiCallTimeout = 10

    @Option(help: "The most objects one page of an OCPI GET list (locations, tariffs) holds (1...1000).")
    var ocpiPageLimit = 100

    @Option(help: "OCPI Bookings: how many days ahead the BookingLocations' calendars of free timeslots reach (1...60).")
    var ocpiBookingHorizonDays = 7

    @Option(help: "OCPI Bookings: a URL with the booking terms for drivers (no-show policy, fees), given in every BookingTerms.")
    var ocpiBookingTermsUrl: String?

    @Option(help: "OCPI push delivery: the longest wait between two looks at the queue, in seconds (retries due, pushes of other processes).")
    var ocpiPushPollInterval = 1.0

    @Option(help: "OCPI push delivery: the wait after a push's first failed attempt, in seconds; doubled for each further one.")
    var ocpiPushBackoffBase = 1.0

    @Option(help: "OCPI push delivery: the longest wait between two attempts of a push, in seconds.")
    var ocpiPushBackoffMax = 300.0

    @Option(help: "OCPI push delivery: how long a push being sent is held by this process, in seconds (more than --ocpi-call-timeout); default: the call timeout + 30. A push held by a process that died goes out again after it.")
    var ocpiPushLease: Double?

    @Option(help: "How often a running OCPI session's kWh, charging periods and cost are PATCHed to its eMSP, in seconds (1...86400); status changes go at once.")
    var ocpiSessionUpdateInterval = 60
    @Option(help: "How long a token's real-time authorization at the eMSPs may take, in seconds, all eMSPs together (1...60); the station waits for it.")
    var ocpiAuthorizeTimeout = 5

    @Option(help: "The timeout cpms announces in an OCPI CommandResponse, in seconds (1...600); keep it at least --call-timeout.")
    var ocpiCommandTimeout = 30

    @Option(help: "Energy supply: the longest time between two plans, in seconds (1...3600); it also replans at every 15-minute window and when a feed, a DSO, a group or the policy changes.")
    var supplyReplanInterval = 60.0

    @Option(help: "Energy supply: the plan's currency (ISO 4217); a DSO whose contract is in another is not chosen.")
    var supplyCurrency = SupplySettings().currency

    @Option(help: "Energy supply: the price per kWh a station group no DSO's contract covers is planned with.")
    var supplyUnsuppliedPrice = "\(SupplySettings().unsuppliedPricePerKWh)"

    @Option(help: "Energy supply: the connection limit of a station in no group, W.")
    var supplyDefaultConnectionLimit = SupplySettings().defaultConnectionLimitW

    @Option(help: "Energy supply: when a station that refused or did not answer its schedule or grid cap is sent it again, in seconds (1...3600).")
    var supplyRetryInterval = 60.0

    @Option(help: "Operator portal: a session unused for this many seconds ends (1...86400; polling the overview does not count as use).")
    var portalIdleTimeout = 1_800

    @Option(help: "Operator portal: a session ends this many seconds after its login, used or not (60...604800).")
    var portalAbsoluteTimeout = 43_200

    @Flag(help: "Operator portal: mark the session cookie Secure (always so when --public-url is https).")
    var portalSecureCookie = false

    @Option(help: "Operator portal: where Debian's libjs-chart.js installed chart.js (served as /portal/static/chart.js).")
    var portalChartJs = PortalSettings().chartJSPath

    @Option(help: "The largest request body, in bytes (1024...1048576); a larger one is refused with 413.")
    var maxBodyBytes = RequestLimits().maxBodyBytes

    @Option(help: "The largest request head (request line and headers), in bytes (1024...1048576); a larger one is refused with 400.")
    var maxHeaderBytes = RequestLimits().maxHeaderBytes

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
        if let publicURL {
            guard let url = URL(string: publicURL), url.scheme == "http" || url.scheme == "https", url.host != nil, url.query == nil else {
                throw ValidationError("--public-url must be an http:// or https:// URL without a query")
            }
        }
        guard ocpiCountryCode.count == 2, ocpiCountryCode.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw ValidationError("--ocpi-country-code must be two capital letters (ISO 3166-1 alpha-2)")
        }
        guard ocpiPartyId.count == 3, ocpiPartyId.allSatisfy({ $0.isASCII && ($0.isUppercase || $0.isNumber) }) else {
            throw ValidationError("--ocpi-party-id must be three capital letters or digits")
        }
        guard (1...100).contains(ocpiBusinessName.count) else { throw ValidationError("--ocpi-business-name must be 1 to 100 characters") }
        guard (1_024...RequestLimits.largestBodyBytes).contains(maxBodyBytes) else { throw ValidationError("--max-body-bytes must be 1024...1048576") }
        guard (1_024...1_048_576).contains(maxHeaderBytes) else { throw ValidationError("--max-header-bytes must be 1024...1048576") }
        guard (1...600).contains(ocpiCallTimeout) else { throw ValidationError("--ocpi-call-timeout must be 1...600 seconds") }
        guard (1...1_000).contains(ocpiPageLimit) else { throw ValidationError("--ocpi-page-limit must be 1...1000") }
        guard (1...60).contains(ocpiBookingHorizonDays) else { throw ValidationError("--ocpi-booking-horizon-days must be 1...60") }
        if let ocpiBookingTermsUrl {
            guard let url = URL(string: ocpiBookingTermsUrl), url.scheme == "http" || url.scheme == "https", url.host != nil, ocpiBookingTermsUrl.count <= 255 else {
                throw ValidationError("--ocpi-booking-terms-url must be an http:// or https:// URL of at most 255 characters")
            }
        }
        guard (0.01...60).contains(ocpiPushPollInterval) else { throw ValidationError("--ocpi-push-poll-interval must be 0.01...60 seconds") }
        if let ocpiPushLease, !(Double(ocpiCallTimeout) < ocpiPushLease && ocpiPushLease <= 3_600) {
            throw ValidationError("--ocpi-push-lease must be more than --ocpi-call-timeout and at most 3600 seconds")
        }
        guard (0.01...3_600).contains(ocpiPushBackoffBase) else { throw ValidationError("--ocpi-push-backoff-base must be 0.01...3600 seconds") }
        guard (ocpiPushBackoffBase...86_400).contains(ocpiPushBackoffMax) else {
            throw ValidationError("--ocpi-push-backoff-max must be from --ocpi-push-backoff-base to 86400 seconds")
        }
        guard (1...86_400).contains(ocpiSessionUpdateInterval) else {
            throw ValidationError("--ocpi-session-update-interval must be 1...86400 seconds")
        }
        guard (1...60).contains(ocpiAuthorizeTimeout) else { throw ValidationError("--ocpi-authorize-timeout must be 1...60 seconds") }
        guard (1...600).contains(ocpiCommandTimeout) else { throw ValidationError("--ocpi-command-timeout must be 1...600 seconds") }
        guard (1...3_600).contains(supplyReplanInterval) else { throw ValidationError("--supply-replan-interval must be 1...3600 seconds") }
        guard supplyCurrency.count == 3, supplyCurrency.allSatisfy({ $0.isASCII && $0.isUppercase }) else {
            throw ValidationError("--supply-currency must be an ISO 4217 code such as EUR")
        }
        guard let price = Decimal(string: supplyUnsuppliedPrice, locale: Locale(identifier: "en_US_POSIX")), abs(price) <= 100_000 else {
            throw ValidationError("--supply-unsupplied-price must be a price per kWh within ±100000")
        }
        guard supplyDefaultConnectionLimit.isFinite, supplyDefaultConnectionLimit > 0 else {
            throw ValidationError("--supply-default-connection-limit must be more than 0 W")
        }
        guard (1...3_600).contains(supplyRetryInterval) else { throw ValidationError("--supply-retry-interval must be 1...3600 seconds") }
        guard (1...86_400).contains(portalIdleTimeout) else { throw ValidationError("--portal-idle-timeout must be 1...86400 seconds") }
        guard (60...604_800).contains(portalAbsoluteTimeout) else {
            throw ValidationError("--portal-absolute-timeout must be 60...604800 seconds")
        }
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
        var configuration = CPMSConfiguration(
            host: host, port: port,
            gateway: GatewaySettings(
                heartbeatInterval: .seconds(heartbeatInterval), callTimeout: .seconds(callTimeout), acceptedTokens: acceptedTokens),
            calendar: calendarSettings,
            ocpi: OCPISettings(
                publicURL: publicURL ?? CPMSConfiguration.defaultPublicURL(host: host, port: port), countryCode: ocpiCountryCode, partyID: ocpiPartyId,
                businessName: ocpiBusinessName, callTimeout: .seconds(ocpiCallTimeout)))
        configuration.ocpiPageLimit = ocpiPageLimit
        configuration.bookings = BookingSettings(horizon: TimeInterval(ocpiBookingHorizonDays * 86_400), termsURL: ocpiBookingTermsUrl)
        configuration.ocpiPushDelivery.pollInterval = .milliseconds(Int64(ocpiPushPollInterval * 1000))
        configuration.ocpiPushDelivery.lease = .milliseconds(Int64((ocpiPushLease ?? Double(ocpiCallTimeout + 30)) * 1000))
        configuration.ocpiPushDelivery.backoff = OCPIPushBackoff(
            base: .milliseconds(Int64(ocpiPushBackoffBase * 1000)), maximum: .milliseconds(Int64(ocpiPushBackoffMax * 1000)))
        configuration.ocpiSessionUpdateInterval = .seconds(ocpiSessionUpdateInterval)
        configuration.ocpiAuthorizeTimeout = .seconds(ocpiAuthorizeTimeout)
        configuration.ocpiCommandTimeout = ocpiCommandTimeout
        configuration.supply.replanInterval = .milliseconds(Int64(supplyReplanInterval * 1000))
        configuration.supply.currency = supplyCurrency
        configuration.supply.unsuppliedPricePerKWh = Decimal(string: supplyUnsuppliedPrice, locale: Locale(identifier: "en_US_POSIX")) ?? 0
        configuration.supply.defaultConnectionLimitW = supplyDefaultConnectionLimit
        configuration.supply.retryInterval = .milliseconds(Int64(supplyRetryInterval * 1000))
        configuration.portal.idleTimeout = .seconds(portalIdleTimeout)
        configuration.portal.absoluteTimeout = .seconds(portalAbsoluteTimeout)
        configuration.portal.secureCookie = portalSecureCookie || configuration.ocpi.publicURL.lowercased().hasPrefix("https://")
        configuration.portal.chartJSPath = portalChartJs
        configuration.limits.maxBodyBytes = maxBodyBytes
        configuration.limits.maxHeaderBytes = maxHeaderBytes
        do {
            try await CPMSServer.run(configuration: configuration, database: try DatabaseURL(database.url), logger: logger)
        } catch {
            throw fail("\(error)")
        }
    }
}
