import Foundation
import Logging
import OCPP
import SQLKit

/// cpms as the Flexibility Provider of one DSO's Capacity Provider: registration, handshake, heartbeats and
/// measurements out; forecasts, heartbeats and compliance errors in.
actor OSCPSession {
    let dso: DSO
    let settings: OSCPFeedSettings
    let context: SupplyFeedContext
    let store: OSCPRegistrationStore
    let client: OSCPClient
    let mapping: OSCPGroupMapping
    let members: @Sendable (String) async -> [String]

    private var sink: (any ForecastSink)?
    private var registration: OSCPRegistration?
    private var loaded = false
    /// What the CP asked for in its handshake or acknowledgement: the seconds between cpms's heartbeats.
    private(set) var requestedHeartbeatSeconds: Double?
    private(set) var capacityProviderOfflineAt: Date?
    private(set) var capacityProviderOffline = false
    private(set) var handshakeAcknowledgedAt: Date?
    private(set) var heartbeatsSent = 0
    private var heartbeatFormat = HeartbeatFormat.rfc3339
    private var acknowledgementPath = "handshake_acknowledgement"

    /// pyoscp 0.1.0 reads `offline_mode_at` only as `YYYY-MM-DD hh:mm:ss`; cpms sends RFC 3339 until a CP
    /// refuses that, then the offset-less form to that CP.
    enum HeartbeatFormat: Sendable { case rfc3339, withoutOffset }

    init(dso: DSO, settings: OSCPFeedSettings, context: SupplyFeedContext, members: @escaping @Sendable (String) async -> [String]) {
        self.dso = dso
        self.settings = settings
        self.context = context
        self.store = OSCPRegistrationStore(database: context.database)
        self.client = OSCPClient(httpClient: context.httpClient)
        self.mapping = OSCPGroupMapping(oscpToCPMS: settings.groupMapping)
        self.members = members
    }

    /// What the session knows, for the API.
    struct State: Sendable {
        var requestedHeartbeatSeconds: Double?
        var capacityProviderOfflineAt: Date?
        var capacityProviderOffline: Bool
        var handshakeAcknowledgedAt: Date?
        var heartbeatsSent: Int
    }

    var state: State {
        State(
            requestedHeartbeatSeconds: requestedHeartbeatSeconds, capacityProviderOfflineAt: capacityProviderOfflineAt,
            capacityProviderOffline: capacityProviderOffline, handshakeAcknowledgedAt: handshakeAcknowledgedAt, heartbeatsSent: heartbeatsSent)
    }

    /// What cpms asks the CP for: heartbeats this often.
    var ownHeartbeatSeconds: Double { Self.clamped(seconds: settings.heartbeatIntervalSeconds ?? 60) }

    /// An interval from settings or from the CP, within 1 s and a day (a CP's nonsense must not trap).
    static func clamped(seconds: Double) -> Double {
        seconds.isNaN ? 60 : min(max(seconds, 1), 86_400)
    }

    static func duration(seconds: Double) -> Duration {
        .milliseconds(Int64(clamped(seconds: seconds) * 1000))
    }

    /// cpms's Flexibility Provider base URL, as given to the CP.
    var flexibilityProviderBaseURL: String {
        var base = context.publicURL
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/oscp/fp/2.0"
    }

    private var now: Date { context.clock.wallTime }
    private var logger: Logger { context.logger }

    // MARK: running

    func run(sink: any ForecastSink) async {
        self.sink = sink
        await retrying("registration") { try await self.register() }
        await retrying("handshake") { try await self.sendHandshake() }
        var nextHeartbeat = context.clock.uptime
        var nextMeasurement = context.clock.uptime
        let measurementInterval = Self.duration(seconds: settings.measurementIntervalSeconds)
        while !Task.isCancelled {
            let uptime = context.clock.uptime
            if let seconds = requestedHeartbeatSeconds, uptime >= nextHeartbeat {
                await sendHeartbeat(interval: seconds)
                nextHeartbeat = uptime + Self.duration(seconds: seconds)
            } else if requestedHeartbeatSeconds == nil {
                nextHeartbeat = uptime + .seconds(1)
            }
            if uptime >= nextMeasurement {
                await sendMeasurements()
                nextMeasurement = uptime + measurementInterval
            }
            await checkCapacityProviderOnline()
            do {
                try await context.clock.sleep(until: min(nextHeartbeat, nextMeasurement, uptime + .seconds(1)))
            } catch {
                return
            }
        }
    }

    /// Runs `step` until it succeeds, reporting each failure and waiting 1 s, 2 s, 4 s ... up to 5 min between tries.
    private func retrying(_ what: String, _ step: @Sendable () async throws -> Void) async {
        var wait = Duration.seconds(1)
        while !Task.isCancelled {
            do {
                try await step()
                return
            } catch {
                logger.warning("oscp \(dso.id): \(what) failed: \(error)")
                await sink?.failed(dso: dso.id, feed: "oscp", reason: "\(what): \(error)", at: now)
                do { try await context.clock.sleep(for: wait) } catch { return }
                wait = min(wait * 2, .seconds(300))
            }
        }
    }

    struct StepError: Error, CustomStringConvertible {
        var description: String
    }

    private func load() async throws {
        guard !loaded else { return }
        registration = try await store.registration(dso: dso.id)
        loaded = true
    }

    /// Registered with the current settings: nothing to do; otherwise cpms sends `register` with token A and
    /// waits (up to 30 s) for the CP's own `register` with token C.
    private func register() async throws {
        try await load()
        if let registration, registration.status == .registered, registration.capacityProviderURL == settings.capacityProviderURL,
            registration.registrationTokenSHA256 == Secrets.sha256Hex(settings.registrationToken)
        {
            return
        }
        let tokenB = Secrets.random(bytes: 32)
        try await store.begin(
            dso: dso.id, capacityProviderURL: settings.capacityProviderURL, registrationToken: settings.registrationToken, incomingToken: tokenB, at: now)
        registration = try await store.registration(dso: dso.id)
        let body = try OSCPCoding.encode(OSCPRegister(token: tokenB, versionURL: [OSCPVersionURL(version: "2.0", baseURL: flexibilityProviderBaseURL)]))
        let outcome = await client.post(Self.url(settings.capacityProviderURL, "register"), token: settings.registrationToken, body: body)
        guard outcome == .accepted else { throw StepError(description: "the capacity provider answered register: \(outcome.summary)") }
        for _ in 0..<30 where registration?.status != .registered {
            try await context.clock.sleep(for: .seconds(1))
        }
        guard registration?.status == .registered else { throw StepError(description: "the capacity provider did not send its register with token C") }
        logger.info("oscp \(dso.id): registered at \(registration?.capacityProviderBaseURL ?? "?")")
    }

    private func sendHandshake() async throws {
        let body = try OSCPCoding.encode(OSCPHandshake(requiredBehaviour: OSCPRequiredBehaviour(
            heartbeatInterval: ownHeartbeatSeconds, measurementConfiguration: ["CONTINUOUS"])))
        let outcome = try await callCapacityProvider("handshake", body: body)
        guard outcome == .accepted else {
            if case .answered(let status, _) = outcome, status == 401 || status == 403 { try await forgetRegistration() }
            throw StepError(description: "the capacity provider answered handshake: \(outcome.summary)")
        }
    }

    /// The CP no longer knows cpms's token: register again.
    private func forgetRegistration() async throws {
        try await store.remove(dso: dso.id)
        registration = nil
        try await register()
    }

    private func callCapacityProvider(_ path: String, body: Data, requestID: String = UUID().uuidString.lowercased()) async throws -> OSCPClient.Outcome {
        try await load()
        guard let registration, registration.status == .registered, let token = registration.outgoingToken else {
            throw StepError(description: "not registered at the capacity provider yet")
        }
        let base = registration.capacityProviderBaseURL ?? settings.capacityProviderURL
        return await client.post(Self.url(base, path), token: token, body: body, requestID: requestID)
    }

    static func url(_ base: String, _ path: String) -> String {
        var base = base
        while base.hasSuffix("/") { base.removeLast() }
        return base + "/" + path
    }

    private func sendHeartbeat(interval: Double) async {
        let offlineAt = now.addingTimeInterval(3 * Self.clamped(seconds: interval))
        func body(_ format: HeartbeatFormat) -> Data {
            let text = format == .rfc3339 ? OSCPDateTime.format(offlineAt) : OSCPDateTime.formatWithoutOffset(offlineAt)
            return (try? OSCPCoding.encode(OSCPHeartbeat(offlineModeAt: text))) ?? Data()
        }
        do {
            var outcome = try await callCapacityProvider("heartbeat", body: body(heartbeatFormat))
            if heartbeatFormat == .rfc3339, case .answered(let status, _) = outcome, status == 400 || status == 500 {
                let retried = try await callCapacityProvider("heartbeat", body: body(.withoutOffset))
                if retried == .accepted {
                    logger.notice("oscp \(dso.id): the capacity provider refuses RFC 3339 in heartbeats; sending YYYY-MM-DD hh:mm:ss (UTC) from now on")
                    heartbeatFormat = .withoutOffset
                }
                outcome = retried
            }
            if outcome == .accepted {
                heartbeatsSent += 1
            } else {
                await sink?.failed(dso: dso.id, feed: "oscp", reason: "heartbeat: \(outcome.summary)", at: now)
            }
        } catch {
            await sink?.failed(dso: dso.id, feed: "oscp", reason: "heartbeat: \(error)", at: now)
        }
    }

    /// One UpdateGroupMeasurements per contract group: the sum of its stations' latest grid-meter import
    /// registers (meter_values, EVSE 0), in Wh.
    private func sendMeasurements() async {
        for group in dso.contract.groups {
            let stations = await members(group)
            do {
                let measurements = try await groupMeasurements(stations: stations)
                let body = try OSCPCoding.encode(OSCPUpdateGroupMeasurements(groupID: mapping.oscpGroup(forCPMS: group), measurements: measurements))
                let outcome = try await callCapacityProvider("update_group_measurements", body: body)
                if outcome != .accepted {
                    await sink?.failed(dso: dso.id, feed: "oscp", reason: "update_group_measurements \(group): \(outcome.summary)", at: now)
                }
            } catch {
                logger.warning("oscp \(dso.id): measurements of group \(group) not sent: \(error)")
            }
        }
    }

    private func groupMeasurements(stations: [String]) async throws -> [OSCPEnergyMeasurement] {
        guard !stations.isEmpty else { return [] }
        let rows = try await context.database.withConnection { connection in
            try await connection.raw("""
                SELECT m.station, m.energy_wh, m."timestamp" FROM meter_values m
                WHERE m.evse = 0 AND m.energy_wh IS NOT NULL AND m.station IN (\(SQLList(stations.map { SQLBind($0) })))
                AND m."timestamp" = (SELECT MAX(n."timestamp") FROM meter_values n
                    WHERE n.station = m.station AND n.evse = 0 AND n.energy_wh IS NOT NULL)
                """).all()
        }
        var total = 0.0
        var latest: String?
        for row in rows {
            total += try row.decode(column: "energy_wh", as: Double.self)
            let time = try row.decode(column: "timestamp", as: String.self)
            if latest.map({ time > $0 }) ?? true { latest = time }
        }
        guard let latest else { return [] }
        return [OSCPEnergyMeasurement(
            value: total, phase: .all, unit: "WH", direction: "IMPORT", energyType: "TOTAL",
            measureTime: OCPPDateTime.parse(latest).map(OSCPDateTime.format) ?? latest)]
    }

    /// The CP's heartbeats stopped: the feed is failing, and its FALLBACK_CONSUMPTION forecast (if any) is the capacity.
    private func checkCapacityProviderOnline() async {
        guard let offlineAt = capacityProviderOfflineAt, now > offlineAt, !capacityProviderOffline else { return }
        capacityProviderOffline = true
        logger.warning("oscp \(dso.id): no heartbeat from the capacity provider since its offline mode time \(OSCPDateTime.format(offlineAt))")
        await sink?.failed(dso: dso.id, feed: "oscp", reason: "the capacity provider is offline (no heartbeat by \(OSCPDateTime.format(offlineAt)))", at: now)
        let fallback = registration?.fallback.filter { $0.end > now } ?? []
        guard !fallback.isEmpty else { return }
        do {
            try await sink?.received(ForecastUpdate(
                dso: dso.id, feed: "oscp", intervals: fallback, source: "oscp FALLBACK_CONSUMPTION (capacity provider offline)", receivedAt: now))
        } catch {
            logger.error("oscp \(dso.id): fallback capacity not stored: \(error)")
        }
    }

    // MARK: supply requests

    func request(_ request: SupplyRequest) async -> SupplyRequestOutcome {
        guard request.end > request.start, request.capacityW.isFinite, request.capacityW >= 0 else {
            return .refused("a supply request needs a span and a capacity >= 0 W")
        }
        let forecast = OSCPGroupCapacityForecast(
            groupID: mapping.oscpGroup(forCPMS: request.group), type: .consumption,
            forecastedBlocks: [OSCPForecastedBlock(capacity: request.capacityW, phase: .all, unit: .watts, startTime: request.start, endTime: request.end)])
        do {
            let requestID = UUID().uuidString.lowercased()
            let outcome = try await callCapacityProvider("adjust_group_capacity_forecast", body: try OSCPCoding.encode(forecast), requestID: requestID)
            switch outcome {
            case .accepted:
                logger.info("oscp \(dso.id): adjust_group_capacity_forecast \(requestID) for \(request.group) accepted")
                return .delivered
            case .answered(let status, _) where (400..<500).contains(status): return .refused(outcome.summary)
            default: return .notDelivered(outcome.summary)
            }
        } catch {
            return .notDelivered("\(error)")
        }
    }

    // MARK: what the CP sends

    func accepts(token: String) async -> Bool {
        try? await load()
        guard let expected = registration?.incomingTokenSHA256 else { return false }
        return Secrets.sha256Hex(token) == expected
    }

    /// The CP's `register` (POST or PUT): token C and the CP's base URL.
    func received(_ message: OSCPRegister) async throws {
        guard !message.token.isEmpty, message.token.count <= 512, message.token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else {
            throw OSCPMessageError("token: must be 1 to 512 printable ASCII characters")
        }
        guard let base = message.baseURL20 else { throw OSCPMessageError("version_url: no base_url for version 2.0") }
        guard let url = URL(string: base), url.scheme == "http" || url.scheme == "https", url.host != nil else {
            throw OSCPMessageError("version_url: base_url must be an http:// or https:// URL")
        }
        guard try await store.complete(dso: dso.id, outgoingToken: message.token, baseURL: base, at: now) else {
            throw OSCPMessageError("no registration of cpms at this capacity provider is under way")
        }
        registration = try await store.registration(dso: dso.id)
    }

    /// The CP's `handshake`: noted, answered with `handshake_acknowledgement` once the 204 is out.
    func received(_ message: OSCPHandshake) {
        requestedHeartbeatSeconds = message.requiredBehaviour.heartbeatInterval
        Task { await self.acknowledgeHandshake() }
    }

    private func acknowledgeHandshake() async {
        let body = (try? OSCPCoding.encode(OSCPHandshake(requiredBehaviour: OSCPRequiredBehaviour(
            heartbeatInterval: ownHeartbeatSeconds, measurementConfiguration: ["CONTINUOUS"])))) ?? Data()
        do {
            var outcome = try await callCapacityProvider(acknowledgementPath, body: body)
            if case .answered(404, _) = outcome, acknowledgementPath == "handshake_acknowledgement" {
                // pyoscp serves the acknowledgement as `handshake_acknowledgment`.
                outcome = try await callCapacityProvider("handshake_acknowledgment", body: body)
                if outcome == .accepted { acknowledgementPath = "handshake_acknowledgment" }
            }
            if outcome != .accepted {
                await sink?.failed(dso: dso.id, feed: "oscp", reason: "handshake_acknowledgement: \(outcome.summary)", at: now)
            }
        } catch {
            await sink?.failed(dso: dso.id, feed: "oscp", reason: "handshake_acknowledgement: \(error)", at: now)
        }
    }

    func receivedAcknowledgement(_ message: OSCPHandshake) {
        requestedHeartbeatSeconds = message.requiredBehaviour.heartbeatInterval
        handshakeAcknowledgedAt = now
    }

    func received(_ message: OSCPHeartbeat) throws {
        guard let offlineAt = OSCPDateTime.parse(message.offlineModeAt) else {
            throw OSCPMessageError("offline_mode_at: must be an RFC 3339 date-time, got \"\(message.offlineModeAt)\"")
        }
        capacityProviderOfflineAt = offlineAt
        if capacityProviderOffline, offlineAt > now {
            capacityProviderOffline = false
            logger.notice("oscp \(dso.id): the capacity provider is back online")
        }
    }

    /// An UpdateGroupCapacityForecast: CONSUMPTION becomes the group's capacity, FALLBACK_CONSUMPTION is kept
    /// for when the CP goes offline; GENERATION, FALLBACK_GENERATION and OPTIMUM are taken and not used.
    func received(_ message: OSCPGroupCapacityForecast, requestID: String, correlationID: String?) async throws {
        let group = mapping.cpmsGroup(forOSCP: message.groupID)
        guard dso.contract.groups.isEmpty || dso.contract.groups.contains(group) else {
            throw OSCPMessageError("group_id: \(message.groupID) (cpms group \(group)) is not in DSO \(dso.id)'s contract")
        }
        guard !message.forecastedBlocks.isEmpty else { throw OSCPMessageError("forecasted_blocks: must not be empty") }
        let intervals = OSCPCapacity.intervals(of: message.forecastedBlocks, group: group)
        switch message.type {
        case .consumption:
            guard let sink else { throw OSCPUnavailable() }
            let answer = correlationID.map { ", answering \($0)" } ?? ""
            try await sink.received(ForecastUpdate(
                dso: dso.id, feed: "oscp", intervals: intervals,
                source: "oscp UpdateGroupCapacityForecast \(requestID) (group \(message.groupID)\(answer))", receivedAt: now))
        case .fallbackConsumption:
            let kept = (registration?.fallback ?? []).filter { $0.group != group }
            try await store.saveFallback(dso: dso.id, kept + intervals, at: now)
            registration?.fallback = kept + intervals
        case .generation, .fallbackGeneration, .optimum:
            logger.info("oscp \(dso.id): \(message.type.rawValue) forecast for \(message.groupID) taken, not used")
        }
    }

    func received(_ message: OSCPGroupCapacityComplianceError, requestID: String) async throws {
        let record = OSCPComplianceErrorRecord(
            dso: dso.id, requestID: requestID, receivedAt: now, message: message.message, forecastedBlocks: message.forecastedBlocks ?? [])
        try await store.record(record)
        logger.warning("oscp \(dso.id): GroupCapacityComplianceError \(requestID): \(message.message)")
        await sink?.failed(dso: dso.id, feed: "oscp", reason: "GroupCapacityComplianceError: \(message.message)", at: now)
    }
}

/// The feed is not running (yet): the CP should try again.
struct OSCPUnavailable: Error {}
