import Foundation
import Logging

/// The feeds of the registered DSOs, each running in a task of its own: started when a DSO is registered,
/// restarted when it changes, stopped when it is removed.
actor SupplyFeedRunner {
    typealias Make = @Sendable (DSO, SupplyFeedSettings) -> any SupplyFeed

    private struct Running {
        var dso: DSO
        var feeds: [(kind: String, feed: any SupplyFeed, task: Task<Void, Never>)]
    }

    private var running: [String: Running] = [:]
    private let make: Make
    private let sink: any ForecastSink
    private let logger: Logger

    init(make: @escaping Make, sink: any ForecastSink, logger: Logger) {
        self.make = make
        self.sink = sink
        self.logger = logger
    }

    /// Makes the running feeds those of `dsos`.
    func sync(_ dsos: [DSO]) {
        let wanted = Dictionary(dsos.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        for (id, entry) in running where wanted[id] != entry.dso {
            for feed in entry.feeds { feed.task.cancel() }
            running[id] = nil
            logger.info("supply feeds of \(id) stopped")
        }
        for (id, dso) in wanted where running[id] == nil {
            let sink = sink
            let feeds = dso.feeds.map { settings in
                let feed = make(dso, settings)
                return (kind: settings.kind, feed: feed, task: Task { await feed.run(sink: sink) })
            }
            running[id] = Running(dso: dso, feeds: feeds)
            if !feeds.isEmpty { logger.info("supply feeds of \(id) started: \(feeds.map(\.kind).joined(separator: ", "))") }
        }
    }

    /// The DSO's running feed that takes supply requests, if any.
    func requester(for dso: String) -> (any SupplyRequester)? {
        running[dso]?.feeds.lazy.compactMap { $0.feed as? any SupplyRequester }.first
    }

    /// The kinds of the DSO's running feeds.
    func kinds(of dso: String) -> [String] {
        running[dso]?.feeds.map(\.kind) ?? []
    }

    func stopAll() {
        for entry in running.values { for feed in entry.feeds { feed.task.cancel() } }
        running = [:]
    }
}
