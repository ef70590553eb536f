public import AsyncHTTPClient
public import Foundation
public import Logging
public import StationCore

/// A running feed of one DSO: pulls (or is sent) its data and hands every forecast to the sink, until its
/// task is cancelled. It never throws and never stalls the others: a failure is reported to the sink and
/// tried again later.
public protocol SupplyFeed: Sendable {
    func run(sink: any ForecastSink) async
}

/// What every feed is built with.
public struct SupplyFeedContext: Sendable {
    public var database: any CPMSDatabase
    public var httpClient: HTTPClient
    public var clock: any StationClock
    /// cpms's public base URL (what a DSO calls back, e.g. OSCP's Flexibility Provider endpoints).
    public var publicURL: String
    public var logger: Logger
    /// Where running OSCP feeds are found by cpms's Flexibility Provider endpoints: the application's one.
    public var oscpFeeds: OSCPFeedDirectory

    public init(
        database: any CPMSDatabase, httpClient: HTTPClient, clock: any StationClock, publicURL: String, logger: Logger,
        oscpFeeds: OSCPFeedDirectory = OSCPFeedDirectory()
    ) {
        self.database = database
        self.httpClient = httpClient
        self.clock = clock
        self.publicURL = publicURL
        self.logger = logger
        self.oscpFeeds = oscpFeeds
    }
}
