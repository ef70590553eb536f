import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix
import NIOWebSocket
public import OCPP
public import StationCore
import Synchronization

/// Many simulated chargers loading an OCPP server with meter readings, as fast as it answers them.
///
/// Built to cost the machine as little as possible, so that what is measured is the server: each charger is a
/// NIO channel handler running on one of a few event loops, with no task or actor between a frame read and the
/// next one written. The messages are the real ones, built from the typed OCPP messages.
public final class OCPPLoadGenerator: Sendable {
    /// Who connects where, and what they send.
    public struct Configuration: Sendable {
        /// The server's base URL (`ws://` only); each charger connects to `<serverURL>/<id>`.
        public var serverURL: String
        public var chargerIDs: [String]
        /// The Basic-auth password of every charger; nil sends no credentials.
        public var password: String?
        public var version: OCPPVersion
        public var mix: LoadMix
        public var identity: ChargePointIdentity
        /// How long a call may go unanswered before it counts as an error.
        public var callTimeout: Duration
        public var maxFrameSize: Int
        /// Event loop threads the chargers share.
        public var threads: Int

        public init(
            serverURL: String, chargerIDs: [String], password: String? = nil, version: OCPPVersion = .v16,
            mix: LoadMix = .meterValues, identity: ChargePointIdentity = ChargePointIdentity(),
            callTimeout: Duration = .seconds(30), maxFrameSize: Int = 65_536, threads: Int = 1
        ) {
            self.serverURL = serverURL
            self.chargerIDs = chargerIDs
            self.password = password
            self.version = version
            self.mix = mix
            self.identity = identity
            self.callTimeout = callTimeout
            self.maxFrameSize = maxFrameSize
            self.threads = threads
        }
    }

    /// Why a load run could not start.
    public struct SetupError: Error, CustomStringConvertible {
        public let description: String
    }

    public let configuration: Configuration
    let clock: any StationClock
    let onProblem: @Sendable (String) -> Void

    /// `onProblem` hears, from any thread, each charger that failed to get ready and each failed call in the window.
    public init(configuration: Configuration, clock: any StationClock, onProblem: @escaping @Sendable (String) -> Void = { _ in }) {
        self.configuration = configuration
        self.clock = clock
        self.onProblem = onProblem
    }

    /// Connects every charger (waiting at most `connectTimeout` for all to be ready), measures for `duration`,
    /// then disconnects them and reports.
    public func run(duration: Duration, connectTimeout: Duration) async throws -> LoadReport {
        let target = try LoadTarget(url: configuration.serverURL)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: max(1, configuration.threads))
        let readiness = LoadReadiness(expected: configuration.chargerIDs.count)
        let connections = Mutex<[LoadConnectionHandle]>([])
        for id in configuration.chargerIDs {
            do {
                let handle = try await connect(id, to: target, group: group, readiness: readiness)
                connections.withLock { $0.append(handle) }
            } catch {
                onProblem("\(id): could not connect: \(error)")
                readiness.record(id, ready: false)
            }
        }
        _ = await readiness.waitForAll(timeout: connectTimeout, clock: clock)
        let handles = connections.withLock { $0 }
        let opened = clock.uptime
        await handles.forEachOnLoop { $0.openWindow() }
        try? await clock.sleep(for: duration)
        let statistics = await handles.collectOnLoop { connection -> (LoadStatistics, Bool) in
            let connected = connection.phase == .metering && !connection.isClosed
            connection.closeWindow()
            return (connection.statistics, connected)
        }
        let measured = clock.uptime - opened
        for handle in handles { try? await handle.channel.close() }
        try? await group.shutdownGracefully()
        var merged = LoadStatistics()
        for (figures, _) in statistics { merged.merge(figures) }
        let connected = statistics.filter(\.1).count
        return LoadReport(
            ocppVersion: configuration.version.rawValue, chargers: configuration.chargerIDs.count, connected: connected,
            duration: measured, statistics: merged)
    }

    /// Opens one charger's connection; its handler reports to `readiness` once it booted (or gave up).
    private func connect(
        _ id: String, to target: LoadTarget, group: MultiThreadedEventLoopGroup, readiness: LoadReadiness
    ) async throws -> LoadConnectionHandle {
        let configuration = configuration
        let onProblem = onProblem
        var headers = HTTPHeaders()
        headers.add(name: "Host", value: "\(target.host):\(target.port)")
        headers.add(name: "Sec-WebSocket-Protocol", value: configuration.version.subprotocol)
        if let password = configuration.password {
            headers.add(name: "Authorization", value: "Basic " + Data("\(id):\(password)".utf8).base64EncodedString())
        }
        let path = target.path + "/" + id
        let upgradeHeaders = headers
        let handler = Mutex<NIOLoopBound<LoadConnection>?>(nil)
        let channel = try await ClientBootstrap(group: group)
            .channelOption(.socketOption(.tcp_nodelay), value: 1)
            .connectTimeout(.seconds(10))
            .channelInitializer { channel in
                let connection = LoadConnection(
                    chargerID: id,
                    requests: LoadRequests(
                        version: configuration.version, mix: configuration.mix, identity: configuration.identity,
                        idTag: LoadRequests.token(of: id)),
                    callTimeout: configuration.callTimeout, onReady: { readiness.record(id, ready: $0) }, onProblem: onProblem)
                let bound = NIOLoopBound(connection, eventLoop: channel.eventLoop)
                handler.withLock { $0 = bound }
                // A refused upgrade never reaches the handler: it learns of the end from the channel.
                channel.closeFuture.whenComplete { _ in bound.value.connectionClosed() }
                let upgrader = NIOWebSocketClientUpgrader(maxFrameSize: configuration.maxFrameSize) { channel, _ in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(bound.value)
                    }
                }
                let request = LoadUpgradeRequest(path: path, headers: upgradeHeaders) { onProblem("\(id): \($0)") }
                let upgrade: NIOHTTPClientUpgradeConfiguration = (
                    upgraders: [upgrader],
                    completionHandler: { context in
                        _ = context.pipeline.syncOperations.removeHandler(name: LoadUpgradeRequest.name)
                    }
                )
                return channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHTTPClientHandlers(withClientUpgrade: upgrade)
                    try channel.pipeline.syncOperations.addHandler(request, name: LoadUpgradeRequest.name)
                }
            }
            .connect(host: target.host, port: target.port)
            .get()
        guard let bound = handler.withLock({ $0 }) else {
            throw SetupError(description: "\(id): the connection was not set up")
        }
        return LoadConnectionHandle(channel: channel, connection: bound)
    }
}

/// A charger's channel and its handler, which is used on the channel's event loop only.
struct LoadConnectionHandle: Sendable {
    let channel: any Channel
    let connection: NIOLoopBound<LoadConnection>
}

extension [LoadConnectionHandle] {
    /// Runs `body` with every handler, each on its own event loop, and waits for all.
    func forEachOnLoop(_ body: @escaping @Sendable (LoadConnection) -> Void) async {
        _ = await collectOnLoop(body)
    }

    /// Runs `body` with every handler on its event loop and returns the results in order.
    func collectOnLoop<Result: Sendable>(_ body: @escaping @Sendable (LoadConnection) -> Result) async -> [Result] {
        var results: [Result] = []
        for handle in self {
            let connection = handle.connection
            if let result = try? await handle.channel.eventLoop.submit({ body(connection.value) }).get() {
                results.append(result)
            }
        }
        return results
    }
}

/// Where the load goes: a `ws://` URL split into host, port and path.
struct LoadTarget {
    let host: String
    let port: Int
    let path: String

    init(url: String) throws {
        guard url.hasPrefix("ws://") else {
            throw OCPPLoadGenerator.SetupError(description: "load chargers connect to ws:// URLs only, not \(url)")
        }
        let rest = url.dropFirst("ws://".count)
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest.dropFirst(authority.count))
        while path.hasSuffix("/") { path.removeLast() }
        let parts = authority.split(separator: ":", omittingEmptySubsequences: false)
        guard !authority.isEmpty, parts.count <= 2, let host = parts.first, !host.isEmpty else {
            throw OCPPLoadGenerator.SetupError(description: "no host in \(url)")
        }
        let port = parts.count == 2 ? Int(parts[1]) : 80
        guard let port, (1...65_535).contains(port) else {
            throw OCPPLoadGenerator.SetupError(description: "no valid port in \(url)")
        }
        self.host = String(host)
        self.port = port
        self.path = path
    }
}

/// Counts chargers that got ready (or gave up), each once, and lets the run wait for all of them.
final class LoadReadiness: Sendable {
    private struct State {
        var reported: Set<String> = []
        var ready = 0
        var failed = 0
        var waiter: CheckedContinuation<Void, Never>?
    }

    let expected: Int
    private let state = Mutex(State())

    init(expected: Int) {
        self.expected = expected
    }

    /// The first word about a charger counts; later ones (a failed connect also closes its channel) do not.
    func record(_ chargerID: String, ready: Bool) {
        let waiter = state.withLock { state -> CheckedContinuation<Void, Never>? in
            guard state.reported.insert(chargerID).inserted else { return nil }
            if ready { state.ready += 1 } else { state.failed += 1 }
            guard state.ready + state.failed >= expected else { return nil }
            defer { state.waiter = nil }
            return state.waiter
        }
        waiter?.resume()
    }

    /// Waits until every charger got ready or gave up (true), or `timeout` passed (false).
    func waitForAll(timeout: Duration, clock: any StationClock) async -> Bool {
        await withTaskGroup(of: Bool.self) { group in
            group.addTask {
                await withCheckedContinuation { continuation in
                    let done = self.state.withLock { state -> Bool in
                        if state.ready + state.failed >= self.expected { return true }
                        state.waiter = continuation
                        return false
                    }
                    if done { continuation.resume() }
                }
                return true
            }
            group.addTask {
                try? await clock.sleep(for: timeout)
                return false
            }
            let first = await group.next() ?? false
            if !first { self.release() }
            group.cancelAll()
            await group.waitForAll()
            return first
        }
    }

    private func release() {
        state.withLock { state in
            defer { state.waiter = nil }
            return state.waiter
        }?.resume()
    }
}
