import Dispatch
public import Foundation
import Logging

/// stationd's and cpms's input paths as fuzz targets. Each takes one input, drives the same code stationd runs for it and
/// returns; a crash (a trap, or a broken invariant below) or a hang is a finding.
public enum FuzzTarget: String, CaseIterable, Sendable {
    /// OCPP-J frames: framing and JSON, as a charger's or the CSMS's text arrives.
    case ocppFrame = "ocpp-frame"
    /// Lines of frames from an OCPP 1.6J charger, through its charger session and the station controller.
    case ocpp16Charger = "ocpp16-charger"
    /// Lines of frames from an OCPP 2.0.1 charger, through its charger session and the station controller.
    case ocpp201Charger = "ocpp201-charger"
    /// Lines of frames from the CSMS, through the uplink's handlers (profiles, PriceSchedule, variables...).
    case uplinkCSMS = "uplink-csms"
    /// Register contents of a Modbus device, read over loopback through SunSpec discovery and the drivers.
    case modbusSunSpec = "modbus-sunspec"
    /// A station file and a device profile (YAML), through the configuration loaders.
    case stationYAML = "station-yaml"
    /// An OCPI 2.2.1 or Bookings object from an eMSP (byte 0 picks which), through the OCPI module's strict reading.
    case ocpi = "ocpi"
    /// Lines of frames from an OCPP 2.0.1 station, through cpms's gateway handlers into its database.
    case cpmsStation = "cpms-station"
    /// The query string of an eMSP's GET: OCPI paging and the Bookings calendars' window.
    case ocpiQuery = "ocpi-query"
    /// An OpenADR 2.0b document from a VTN, through cpms's VEN: events, their mapping onto a contract, the answer.
    case openADR = "openadr"
    /// A body an OSCP Capacity Provider posts (byte 0 picks the endpoint), and a forecast's capacities.
    case oscp = "oscp"
    /// A DSO's JSON price and energy-mix feed document.
    case priceFeed = "price-feed"
    /// An ENTSO-E day-ahead prices document (XML).
    case entsoe = "entsoe"
    /// A portal form body or query, also as a Cookie header: fields, next page, CSRF token, price, day and time fields.
    case portalForm = "portal-form"

    /// Runs one input through the target.
    public func run(_ input: [UInt8]) async {
        switch self {
        case .ocppFrame: OCPPFrameFuzzing.run(input)
        case .ocpp16Charger: await ChargerSessionFuzzing.run(input, version: .v16)
        case .ocpp201Charger: await ChargerSessionFuzzing.run(input, version: .v201)
        case .uplinkCSMS: await UplinkFuzzing.run(input)
        case .modbusSunSpec: await ModbusFuzzing.run(input)
        case .stationYAML: ConfigurationFuzzing.run(input)
        case .ocpi: OCPIFuzzing.run(input)
        case .cpmsStation: await CPMSStationFuzzing.run(input)
        case .ocpiQuery: OCPIQueryFuzzing.run(input)
        case .openADR: OpenADRFuzzing.run(input)
        case .oscp: OSCPFuzzing.run(input)
        case .priceFeed: PriceFeedFuzzing.run(input)
        case .entsoe: ENTSOEFuzzing.run(input)
        case .portalForm: PortalFuzzing.run(input)
        }
    }

    /// Runs one input from a synchronous caller (libFuzzer's `LLVMFuzzerTestOneInput`), waiting for it.
    public func runBlocking(_ input: UnsafeRawBufferPointer) {
        let bytes = [UInt8](input)
        let done = DispatchSemaphore(value: 0)
        Task {
            await run(bytes)
            done.signal()
        }
        done.wait()
    }

    /// Once per fuzzing process: logs are built (so their text is exercised) and discarded.
    public static func prepareProcess() {
        LoggingSystem.bootstrap { _ in FuzzLogHandler() }
    }

    /// The repository's root, for the station files and device profiles the targets use.
    static let repositoryRoot: URL = {
        if let root = ProcessInfo.processInfo.environment["STATIONMASTER_ROOT"] { return URL(fileURLWithPath: root) }
        return URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    }()
}

/// A log handler that takes every level, so each message is built as stationd would build it, and keeps nothing.
struct FuzzLogHandler: LogHandler {
    var metadata: Logger.Metadata = [:]
    var logLevel: Logger.Level = .trace

    subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    func log(event: LogEvent) {
        _ = event.message.description
    }
}

extension Logger {
    /// A logger that builds every message and discards it.
    static let fuzz = Logger(label: "fuzz") { _ in FuzzLogHandler() }
}
